#include "ScriptedModel.h"

namespace orch::test {

void ScriptedModel::script(const QString& agent, std::vector<FakeReply> replies)
{
    QMutexLocker lock(&m_shared->mutex);
    auto& queue = m_shared->queues[agent];
    for (auto& reply : replies)
        queue.push_back(std::move(reply));
}

void ScriptedModel::setFallback(Fallback fallback)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->fallback = std::move(fallback);
}

int ScriptedModel::callsFor(const QString& agent) const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->calls.value(agent);
}

QString ScriptedModel::agentOf(const Json& request)
{
    // Anthropic's `system`, the Responses API's `instructions`, or the first chat message.
    std::string system = stringOr(request, "system");
    if (system.empty())
        system = stringOr(request, "instructions");
    // A cached Anthropic system prompt is a list of text blocks.
    if (request.contains("system") && request["system"].is_array() && !request["system"].empty())
        system = stringOr(request["system"][0], "text");
    if (system.empty() && request.contains("messages") && request["messages"].is_array() &&
        !request["messages"].empty())
        system = stringOr(request["messages"][0], "content");
    const QString text = toQ(system);
    if (text.startsWith(QLatin1String("agent:")))
        return text.mid(6).section(QLatin1Char(' '), 0, 0).trimmed();
    // The bundled prompts open with "You are <Title>," or "You are <Title>.".
    if (text.startsWith(QLatin1String("You are ")))
        return text.mid(8)
            .section(QLatin1Char(' '), 0, 0)
            .remove(QLatin1Char(','))
            .remove(QLatin1Char('.'))
            .toLower();
    return {};
}

FakeLlmServer::Handler ScriptedModel::handler()
{
    auto shared = m_shared;
    return [shared](const RecordedRequest& request) {
        const Json body = request.json();
        const QString agent = agentOf(body);
        QMutexLocker lock(&shared->mutex);
        shared->calls[agent] += 1;
        auto& queue = shared->queues[agent];
        if (!queue.empty()) {
            FakeReply reply = std::move(queue.front());
            queue.pop_front();
            return reply;
        }
        if (shared->fallback) {
            auto fallback = shared->fallback;
            lock.unlock();
            return fallback(agent, body);
        }
        return FakeReply::error(500, "no scripted reply for agent " + agent.toStdString());
    };
}

ToolCall handoffCall(const QString& to, const QString& id)
{
    return {id.toStdString(), "handoff", Json{{"to", to.toStdString()}}.dump()};
}

ToolCall toolCall(const std::string& name, const Json& arguments, const std::string& id)
{
    return {id, name, arguments.dump()};
}

FakeReply ScriptedModel::replyFromRecording(const Json& script, const RecordedRequest& request)
{
    const Json body = request.json();
    const QString agent = agentOf(body);
    size_t turn = 0;
    for (const auto& message : body["messages"])
        if (message.value("role", "") == "assistant")
            ++turn;
    const Json replies = script["agents"].value(agent.toStdString(), Json::array());
    if (turn >= replies.size())
        return FakeReply::error(500, "no recorded reply for " + agent.toStdString());
    const Json& reply = replies[turn];
    std::vector<ToolCall> calls;
    int index = 0;
    for (const auto& call : reply.value("tool_calls", Json::array()))
        calls.push_back({"call_" + std::to_string(turn) + "_" + std::to_string(index++),
                         call["name"], dumpJson(call.value("arguments", Json::object()))});
    return calls.empty() ? FakeReply::openAiText(reply.value("content", ""), 120, 30)
                         : FakeReply::openAiToolCalls(calls, reply.value("content", ""));
}

} // namespace orch::test
