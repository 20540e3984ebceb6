#include "llm/Conversation.h"

#include "core/Log.h"

#include <QStringList>
#include <set>

namespace orch::conversation {
namespace {

bool strict()
{
    static const bool on = qEnvironmentVariableIntValue("ORCH_STRICT_CONVERSATIONS") == 1;
    return on;
}

// The conversation with every violation repaired; each one is described in `problems`.
std::vector<ChatMessage> normalised(const std::vector<ChatMessage>& messages, QStringList& problems)
{
    std::vector<ChatMessage> out;
    std::vector<ToolCall> open; // calls of the last assistant turn, in order
    std::set<std::string> openIds;
    std::set<std::string> answered;
    auto closeTurn = [&] {
        for (const ToolCall& call : open) {
            if (answered.count(call.id))
                continue;
            problems << QStringLiteral("tool call %1 (%2) has no result")
                            .arg(toQ(call.id), toQ(call.name.substr(0, 40)));
            out.push_back({ChatMessage::Role::Tool,
                           dumpJson(Json{{"error", "no result was recorded for this call; "
                                                   "call it again if it is still needed"}}),
                           {},
                           call.id,
                           call.name});
        }
        open.clear();
        openIds.clear();
        answered.clear();
    };
    for (const ChatMessage& message : messages) {
        if (out.empty() && message.role != ChatMessage::Role::User) {
            problems << QStringLiteral("the conversation does not start with the user");
            out.push_back(ChatMessage::user("Continue."));
        }
        if (message.role == ChatMessage::Role::Tool) {
            if (!openIds.count(message.toolCallId) || answered.count(message.toolCallId)) {
                problems << QStringLiteral("a result for %1 answers no open tool call")
                                .arg(toQ(message.toolCallId.substr(0, 40)));
                continue;
            }
            answered.insert(message.toolCallId);
            out.push_back(message);
            continue;
        }
        closeTurn();
        out.push_back(message);
        if (message.role == ChatMessage::Role::Assistant) {
            open = message.toolCalls;
            for (const ToolCall& call : open)
                openIds.insert(call.id);
        }
    }
    closeTurn();
    return out;
}

} // namespace

QString problem(const std::vector<ChatMessage>& messages)
{
    QStringList problems;
    (void)normalised(messages, problems);
    return problems.join(QStringLiteral("; "));
}

void ensureValid(std::vector<ChatMessage>& messages, const std::string& who)
{
    QStringList problems;
    std::vector<ChatMessage> repaired = normalised(messages, problems);
    if (problems.isEmpty())
        return;
    const QString what = problems.join(QStringLiteral("; "));
    if (strict())
        qFatal("conversation of %s breaks the chat protocol: %s", who.c_str(), qPrintable(what));
    log::get("graph")->warn("conversation of {} repaired before sending: {}", who, what);
    messages = std::move(repaired);
}

std::string elide(const std::string& text, int maxBytes)
{
    if (maxBytes <= 0 || text.size() <= size_t(maxBytes))
        return text;
    // Cut on UTF-8 character boundaries.
    auto boundary = [&text](size_t at) {
        while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
            --at;
        return at;
    };
    const size_t head = boundary(size_t(maxBytes) * 2 / 3);
    const size_t tail = boundary(text.size() - size_t(maxBytes) / 3);
    return text.substr(0, head) + "\n[... " + std::to_string(tail - head) +
           " bytes left out ...]\n" + text.substr(tail);
}

} // namespace orch::conversation
