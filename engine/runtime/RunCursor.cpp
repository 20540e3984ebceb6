#include "runtime/RunCursor.h"

namespace orch {

Json RunCursor::toJson() const
{
    Json messages = Json::array();
    for (const auto& message : conversation)
        messages.push_back(message.toJson());
    Json questions = Json::array();
    for (const auto& question : pendingQuestions)
        questions.push_back(question.toJson());
    Json steps = Json::object();
    for (const auto& [agentId, count] : agentSteps)
        steps[toStd(agentId)] = count;
    return {{"agent", toStd(agent)},
            {"conversation", std::move(messages)},
            {"activation_turns", activationTurns},
            {"pending_questions", questions},
            {"agent_steps", std::move(steps)}};
}

RunCursor RunCursor::fromJson(const Json& json)
{
    RunCursor cursor;
    cursor.agent = toQ(stringOr(json, "agent"));
    if (json.contains("conversation") && json["conversation"].is_array())
        for (const auto& message : json["conversation"])
            cursor.conversation.push_back(ChatMessage::fromJson(message));
    cursor.activationTurns = int(intOr(json, "activation_turns", 0));
    for (const auto& question : arrayAt(json, "pending_questions"))
        cursor.pendingQuestions.push_back(PendingQuestion::fromJson(question));
    // Checkpoints written before questions were queued name one ask_human call.
    if (const std::string single = stringOr(json, "pending_tool_call");
        !single.empty() && cursor.pendingQuestions.empty())
        cursor.pendingQuestions.push_back({single, "ask_human", Json()});
    const Json& steps = objectAt(json, "agent_steps");
    for (auto it = steps.begin(); it != steps.end(); ++it)
        cursor.agentSteps[toQ(it.key())] = int(asInteger(*it).value_or(0));
    return cursor;
}

} // namespace orch
