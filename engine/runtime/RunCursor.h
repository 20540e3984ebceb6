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
    // Questions waiting for the person, in the order asked; the first is shown. Each answer
    // becomes the result of its tool call.
    std::vector<PendingQuestion> pendingQuestions;
    std::map<QString, int> agentSteps; // steps per agent over the whole run

    Json toJson() const;
    static RunCursor fromJson(const Json& json);
};

} // namespace orch
