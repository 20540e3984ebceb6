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
    Json trips = Json::object();
    for (const auto& [pair, count] : roundTrips)
        trips[toStd(pair)] = count;
    Json notes = Json::object();
    for (const auto& [agentId, note] : lastNotes)
        notes[toStd(agentId)] = toStd(note);
    return {{"agent", toStd(agent)},
            {"conversation", std::move(messages)},
            {"activation_turns", activationTurns},
            {"acted", acted},
            {"pending_questions", questions},
            {"agent_steps", std::move(steps)},
            {"came_from", toStd(cameFrom)},
            {"nudges", nudges},
            {"extra_turns", extraTurns},
            {"turns_warned", turnsWarned},
            {"repeated_calls", repeatedCalls},
            {"round_trips", std::move(trips)},
            {"last_notes", std::move(notes)},
            {"token_allowance", tokenAllowance},
            {"work_ms", workMs},
            {"minutes_allowance", minutesAllowance},
            {"held_for", toStd(heldFor)},
            {"asked_guards", askedGuards},
            {"failure_memory", failureMemory}};
}

RunCursor RunCursor::fromJson(const Json& json)
{
    RunCursor cursor;
    cursor.agent = toQ(stringOr(json, "agent"));
    if (json.contains("conversation") && json["conversation"].is_array())
        for (const auto& message : json["conversation"])
            cursor.conversation.push_back(ChatMessage::fromJson(message));
    cursor.activationTurns = int(intOr(json, "activation_turns", 0));
    cursor.acted = boolOr(json, "acted", false);
    for (const auto& question : arrayAt(json, "pending_questions"))
        cursor.pendingQuestions.push_back(PendingQuestion::fromJson(question));
    // Checkpoints written before questions were queued name one ask_human call.
    if (const std::string single = stringOr(json, "pending_tool_call");
        !single.empty() && cursor.pendingQuestions.empty())
        cursor.pendingQuestions.push_back({single, "ask_human", Json()});
    const Json& steps = objectAt(json, "agent_steps");
    for (auto it = steps.begin(); it != steps.end(); ++it)
        cursor.agentSteps[toQ(it.key())] = int(asInteger(*it).value_or(0));
    cursor.cameFrom = toQ(stringOr(json, "came_from"));
    cursor.nudges = int(intOr(json, "nudges", 0));
    cursor.extraTurns = int(intOr(json, "extra_turns", 0));
    cursor.turnsWarned = boolOr(json, "turns_warned", false);
    const Json& repeats = objectAt(json, "repeated_calls");
    for (auto it = repeats.begin(); it != repeats.end(); ++it)
        cursor.repeatedCalls[it.key()] = int(asInteger(*it).value_or(0));
    const Json& trips = objectAt(json, "round_trips");
    for (auto it = trips.begin(); it != trips.end(); ++it)
        cursor.roundTrips[toQ(it.key())] = int(asInteger(*it).value_or(0));
    const Json& notes = objectAt(json, "last_notes");
    for (auto it = notes.begin(); it != notes.end(); ++it)
        cursor.lastNotes[toQ(it.key())] = toQ(stringOr(notes, it.key().c_str()));
    cursor.tokenAllowance = intOr(json, "token_allowance", 0);
    cursor.workMs = intOr(json, "work_ms", 0);
    cursor.minutesAllowance = intOr(json, "minutes_allowance", 0);
    cursor.heldFor = toQ(stringOr(json, "held_for"));
    const Json& asked = objectAt(json, "asked_guards");
    for (auto it = asked.begin(); it != asked.end(); ++it)
        cursor.askedGuards[it.key()] = int(asInteger(*it).value_or(0));
    cursor.failureMemory = objectAt(json, "failure_memory");
    return cursor;
}

} // namespace orch
