#include "llm/ContextBudget.h"

#include "llm/Conversation.h"

#include <QStringList>

namespace orch::context {
namespace {

// Bytes of a string once written into a JSON request (quotes, backslashes and newlines are
// escaped; arguments are a JSON text inside JSON, so they are escaped twice over).
size_t wireBytes(const std::string& text)
{
    size_t escaped = 0;
    for (char c : text)
        escaped += (c == '"' || c == '\\' || c == '\n') ? 1 : 0;
    return text.size() + escaped;
}

constexpr const char* kElidedMark = "[shortened to save context";

std::string shorten(const std::string& text, int keepBytes, const char* what)
{
    std::string kept = conversation::elide(text, keepBytes);
    return std::string(kElidedMark) + ": " + what + " was " + std::to_string(text.size()) +
           " bytes]\n" + kept;
}

bool alreadyShort(const std::string& text)
{
    return text.rfind(kElidedMark, 0) == 0;
}

// The long strings of a call's arguments, shortened; the arguments stay a JSON object.
bool shortenArguments(std::string& arguments, int keepBytes)
{
    if (arguments.size() <= size_t(keepBytes))
        return false;
    Json parsed = parseJson(QByteArray::fromStdString(arguments));
    if (!parsed.is_object())
        return false;
    bool changed = false;
    for (auto it = parsed.begin(); it != parsed.end(); ++it)
        if (it->is_string() && it->get_ref<const std::string&>().size() > size_t(keepBytes) &&
            !alreadyShort(it->get_ref<const std::string&>())) {
            *it = shorten(it->get<std::string>(), keepBytes, "this argument");
            changed = true;
        }
    if (changed)
        arguments = dumpJson(parsed);
    return changed;
}

} // namespace

long long estimateTokens(const ChatRequest& request)
{
    size_t bytes = wireBytes(request.system);
    for (const ChatMessage& message : request.messages) {
        bytes += wireBytes(message.content) + 48; // role, ids and framing
        for (const ToolCall& call : message.toolCalls)
            bytes += call.name.size() + wireBytes(call.arguments) + call.id.size() + 64;
    }
    for (const ToolSpec& tool : request.tools)
        bytes += tool.name.size() + tool.description.size() + dumpJson(tool.parameters).size();
    return (long long)(bytes / 4) + 1;
}

size_t elideOld(std::vector<ChatMessage>& messages, size_t keepRecent, int keepBytes)
{
    if (messages.size() <= keepRecent + 1)
        return 0;
    size_t saved = 0;
    // The first message is the agent's brief: it is never shortened.
    for (size_t i = 1; i < messages.size() - keepRecent; ++i) {
        ChatMessage& message = messages[i];
        const size_t before = message.content.size();
        if (message.role == ChatMessage::Role::Tool && before > size_t(keepBytes) &&
            !alreadyShort(message.content))
            message.content = shorten(message.content, keepBytes, "this result");
        size_t after = message.content.size();
        for (ToolCall& call : message.toolCalls) {
            const size_t callBefore = call.arguments.size();
            if (shortenArguments(call.arguments, keepBytes))
                saved += callBefore - std::min(callBefore, call.arguments.size());
        }
        saved += before - std::min(before, after);
    }
    return saved;
}

size_t recentStart(const std::vector<ChatMessage>& messages, size_t keepTurns)
{
    size_t turns = 0;
    for (size_t i = messages.size(); i-- > 1;) {
        if (messages[i].role != ChatMessage::Role::Assistant)
            continue;
        if (++turns == keepTurns)
            return i > 2 ? i : 0; // fewer than two older messages: nothing worth condensing
    }
    return 0;
}

std::string transcript(const std::vector<ChatMessage>& messages, size_t from, size_t to,
                       size_t maxBytes)
{
    std::string text;
    for (size_t i = std::min(to, messages.size()); i-- > from;) {
        const ChatMessage& message = messages[i];
        std::string entry;
        switch (message.role) {
        case ChatMessage::Role::User:
            entry = "USER: " + conversation::elide(message.content, 2000);
            break;
        case ChatMessage::Role::Assistant:
            entry = "YOU: " + conversation::elide(message.content, 2000);
            for (const ToolCall& call : message.toolCalls)
                entry +=
                    "\nYOU CALLED " + call.name + " " + conversation::elide(call.arguments, 600);
            break;
        case ChatMessage::Role::Tool:
            entry =
                "RESULT of " + message.toolName + ": " + conversation::elide(message.content, 800);
            break;
        }
        if (text.size() + entry.size() + 2 > maxBytes)
            break; // the newest part matters most: older entries are dropped first
        text = entry + "\n\n" + text;
    }
    return text;
}

bool isContextOverflow(const QString& error)
{
    static const QStringList signs = {
        QStringLiteral("context_length_exceeded"), QStringLiteral("maximum context length"),
        QStringLiteral("context length"),          QStringLiteral("prompt is too long"),
        QStringLiteral("too many tokens"),         QStringLiteral("context window"),
        QStringLiteral("input is too long"),       QStringLiteral("reduce the length")};
    for (const QString& sign : signs)
        if (error.contains(sign, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace orch::context
