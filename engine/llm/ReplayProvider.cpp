#include "llm/ReplayProvider.h"

#include <QFile>

namespace orch {
namespace {

class ReplayCall final : public LlmCall
{
public:
    ReplayCall(Result<ChatResponse> reply, QObject* parent) : LlmCall(parent)
    {
        finishWith(std::move(reply));
    }
    void abort() override {} // already finished (delivered on the next loop turn)
};

long long estimateTokens(size_t characters)
{
    return static_cast<long long>(characters / 4 + 1);
}

} // namespace

ReplayProvider::ReplayProvider(Json script) : m_script(std::move(script)) {}

Result<std::unique_ptr<ReplayProvider>> ReplayProvider::load(const QString& file)
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read the replay script %1").arg(file)};
    const Json script = parseJson(input.readAll());
    if (script.is_discarded())
        return Error{QStringLiteral("the replay script %1 is not valid JSON").arg(file)};
    return fromJson(script);
}

Result<std::unique_ptr<ReplayProvider>> ReplayProvider::fromJson(const Json& script)
{
    if (!script.is_object() || stringOr(script, "format") != kReplayFormat)
        return Error{QStringLiteral("a replay script needs \"format\": \"%1\"")
                         .arg(QLatin1String(kReplayFormat))};
    if (!script.contains("agents") || !script["agents"].is_object())
        return Error{QStringLiteral("a replay script needs an \"agents\" object")};
    for (auto agent = script["agents"].begin(); agent != script["agents"].end(); ++agent) {
        if (!agent->is_array())
            return Error{
                QStringLiteral("$.agents.%1 must be a list of replies").arg(toQ(agent.key()))};
        for (size_t i = 0; i < agent->size(); ++i) {
            const Json& reply = (*agent)[i];
            if (!reply.is_object() ||
                (reply.contains("tool_calls") && !reply["tool_calls"].is_array()))
                return Error{QStringLiteral("$.agents.%1[%2] must be {content, tool_calls}")
                                 .arg(toQ(agent.key()))
                                 .arg(i)};
        }
    }
    return std::unique_ptr<ReplayProvider>(new ReplayProvider(script));
}

QString ReplayProvider::label() const
{
    return QStringLiteral("replay (%1)")
        .arg(toQ(stringOr(m_script, "label", "offline demo model")));
}

Result<ChatResponse> ReplayProvider::replyFor(const ChatRequest& request) const
{
    // The turn within this activation of the agent: how many times it has answered already.
    size_t turn = 0;
    size_t promptCharacters = request.system.size();
    for (const auto& message : request.messages) {
        promptCharacters += message.content.size();
        if (message.role == ChatMessage::Role::Assistant)
            ++turn;
    }
    const Json& replies = arrayAt(m_script["agents"], request.agent.c_str());
    if (turn >= replies.size())
        return Error{QStringLiteral("the offline demo script has no reply for %1, turn %2")
                         .arg(toQ(request.agent))
                         .arg(turn + 1)};
    const Json& reply = replies[turn];
    ChatResponse response;
    response.model = request.model;
    response.content = stringOr(reply, "content");
    size_t completionCharacters = response.content.size();
    int index = 0;
    for (const auto& call : arrayAt(reply, "tool_calls")) {
        const std::string arguments = dumpJson(objectAt(call, "arguments"));
        completionCharacters += arguments.size();
        response.toolCalls.push_back(
            {request.agent + "_" + std::to_string(turn) + "_" + std::to_string(index++),
             stringOr(call, "name"), arguments});
    }
    response.finishReason = response.toolCalls.empty() ? "stop" : "tool_calls";
    response.usage = {estimateTokens(promptCharacters), estimateTokens(completionCharacters), 0};
    return response;
}

LlmCall* ReplayProvider::start(const ChatRequest& request, QObject* parent)
{
    return new ReplayCall(replyFor(request), parent);
}

} // namespace orch
