#pragma once
// The pending work of a run, saved in every checkpoint next to the state: which agent acts
// next and the conversation of its current activation.

#include "agents/StepTypes.h"
#include "api/ChatTypes.h"
#include "core/Json.h"

#include <QString>
#include <map>
#include <vector>

namespace orch {

struct RunCursor
{
    QString agent;
    std::vector<ChatMessage> conversation;
    int activationTurns = 0; // steps of the current activation (bounded by max_turns)
    bool acted = false;      // a tool ran in the current activation
    // Questions waiting for the person, in the order asked; the first is shown. Each answer
    // becomes the result of its tool call.
    std::vector<PendingQuestion> pendingQuestions;
    std::map<QString, int> agentSteps; // steps per agent over the whole run

    // The guards that keep a real model's run moving (RunGuards.cpp).
    QString cameFrom;   // who handed the current agent its work
    int nudges = 0;     // replies without a tool call since the agent last acted
    int extraTurns = 0; // turns the person granted past the agent's max_turns
    bool turnsWarned = false;
    std::map<std::string, int> repeatedCalls; // fingerprint of call+result → times seen
    std::map<QString, int> roundTrips;        // "a|b" → hand-backs between the two agents
    std::map<QString, QString> lastNotes;     // agent → the note it last handed over with
    long long tokenAllowance = 0;             // tokens the person granted past the run's limit
    qint64 workMs = 0;                        // time spent in steps (waiting is not counted)
    qint64 minutesAllowance = 0;              // minutes granted past the run's limit
    // Where the current agent sent work that waits for the person first: its failure is not
    // the code's, and the target edits code.
    QString heldFor;
    // The guard questions asked, by what they asked and the state of the work then → the
    // step: the same question again with nothing changed stops the run instead.
    std::map<std::string, int> askedGuards;
    // What the run learns from (FailureMemory): its failures not recovered yet, and the
    // lessons it was given ({open: {tool: failure}, given: [{id, tool, signature, missed}]}).
    Json failureMemory = Json::object();

    Json toJson() const;
    static RunCursor fromJson(const Json& json);
};

} // namespace orch
