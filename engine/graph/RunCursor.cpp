#include "graph/RunCursor.h"

namespace orch {

Json RunCursor::toJson() const
{
    Json messages = Json::array();
    for (const auto& message : conversation)
        messages.push_back(message.toJson());
    Json steps = Json::object();
    for (const auto& [agentId, count] : agentSteps)
        steps[toStd(agentId)] = count;
    return {{"agent", toStd(agent)},
            {"conversation", std::move(messages)},
            {"activation_turns", activationTurns},
            {"pending_tool_call", toStd(pendingToolCall)},
            {"agent_steps", std::move(steps)}};
}

RunCursor RunCursor::fromJson(const Json& json)
{
    RunCursor cursor;
    cursor.agent = toQ(stringOr(json, "agent"));
    if (json.contains("conversation") && json["conversation"].is_array())
        for (const auto& message : json["conversation"])
            cursor.conversation.push_back(ChatMessage::fromJson(message));
    cursor.activationTurns = json.value("activation_turns", 0);
    cursor.pendingToolCall = toQ(stringOr(json, "pending_tool_call"));
    if (json.contains("agent_steps") && json["agent_steps"].is_object())
        for (auto it = json["agent_steps"].begin(); it != json["agent_steps"].end(); ++it)
            cursor.agentSteps[toQ(it.key())] = it->get<int>();
    return cursor;
}

} // namespace orch
