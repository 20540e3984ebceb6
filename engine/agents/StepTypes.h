#pragma once
// What an agent gets to perform one step, and what it reports back.

#include "core/Json.h"
#include "llm/ChatTypes.h"

#include <QString>

#include <vector>

namespace orch {

struct StepInput
{
    QString runId;
    QString workspace;
    Json state;                            // project state before the step
    std::vector<ChatMessage> conversation; // this activation of the agent so far
};

struct ToolInvocation
{
    QString name;
    bool ok = true;
    qint64 durationMs = 0;
};

struct StepOutcome
{
    enum class Kind { Continue, Finished, Handoff, WaitForHuman, Failed };
    Kind kind = Kind::Finished;
    QString handoffTo;
    QString reason;                        // Failed
    QString pendingToolCallId;             // WaitForHuman: the ask_human call to answer
    QString text;                          // the model's visible answer
    Json stateUpdate = Json::object();
    std::vector<ChatMessage> conversation; // the activation's conversation after the step
    std::vector<ToolInvocation> tools;
    // The model call, when there was one.
    QString provider;
    std::string model;
    TokenUsage usage;
    int attempts = 0;
};

} // namespace orch
