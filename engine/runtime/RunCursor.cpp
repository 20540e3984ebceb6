#include "runtime/RunCursor.h"

#include <type_traits>

namespace orch {

// Written at every step, so each member goes straight into the object: an initializer list
// would build a two-element array per member and copy the values out of it again.
Json RunCursor::toJson() const
{
    Json out = Json::object();
    auto& members = out.get_ref<Json::object_t&>();
    const auto put = [&members](const char* key, Json value) {
        members.emplace(key, std::move(value));
    };
    const auto keyText = [](const auto& name) {
        if constexpr (std::is_same_v<std::decay_t<decltype(name)>, QString>)
            return toStd(name);
        else
            return std::string(name);
    };
    const auto putMap = [&put, &keyText](const char* key, const auto& map, auto&& convert) {
        Json object = Json::object();
        auto& entries = object.get_ref<Json::object_t&>();
        for (const auto& [name, value] : map)
            entries.emplace(keyText(name), convert(value));
        put(key, std::move(object));
    };
    const auto same = [](const auto& value) { return Json(value); };
    Json messages = Json::array();
    auto& messageList = messages.get_ref<Json::array_t&>();
    messageList.reserve(conversation.size());
    for (const auto& message : conversation)
        messageList.push_back(message.toJson());
    Json questions = Json::array();
    for (const auto& question : pendingQuestions)
        questions.push_back(question.toJson());
    put("agent", toStd(agent));
    put("conversation", std::move(messages));
    put("activation_turns", activationTurns);
    put("acted", acted);
    put("pending_questions", std::move(questions));
    putMap("agent_steps", agentSteps, same);
    put("came_from", toStd(cameFrom));
    put("nudges", nudges);
    put("extra_turns", extraTurns);
    put("turns_warned", turnsWarned);
    putMap("repeated_calls", repeatedCalls, same);
    putMap("round_trips", roundTrips, same);
    putMap("last_notes", lastNotes, [](const QString& note) { return Json(toStd(note)); });
    put("token_allowance", tokenAllowance);
    put("work_ms", workMs);
    put("minutes_allowance", minutesAllowance);
    put("held_for", toStd(heldFor));
    putMap("asked_guards", askedGuards, same);
    put("failure_memory", failureMemory);
    return out;
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
