#pragma once
// What an agent gets to perform one step, and what it reports back.

#include "api/ChatTypes.h"
#include "core/Json.h"

#include <QString>
#include <memory>
#include <vector>

namespace orch {

class StepJournal;

struct StepInput
{
    QString runId;
    QString workspace;
    Json state;                            // project state before the step
    std::vector<ChatMessage> conversation; // this activation of the agent so far
    std::shared_ptr<StepJournal> journal;  // none: nothing is journaled (tests, tools alone)
};

struct ToolInvocation
{
    QString name;
    bool ok = true;
    qint64 durationMs = 0;
    bool ran = false; // the tool was started (not refused before it: unknown, bad arguments)
};

// A question a tool call put to the person; its answer becomes that call's result.
struct PendingQuestion
{
    std::string toolCallId;
    std::string toolName;
    Json question; // {agent, text, options[, kind, action]}

    Json toJson() const
    {
        return {{"tool_call_id", toolCallId}, {"tool_name", toolName}, {"question", question}};
    }
    static PendingQuestion fromJson(const Json& json)
    {
        // Questions the run itself asks (its guards) answer no tool call.
        std::string id = stringOr(json, "tool_call_id");
        std::string name = stringOr(json, "tool_name");
        if (name.empty() && !id.empty())
            name = "ask_human";
        return {std::move(id), std::move(name), member(json, "question")};
    }
};

struct StepOutcome
{
    enum class Kind
    {
        Continue,
        Finished,
        Handoff,
        WaitForHuman,
        Failed,
        WaitForResources, // a tool cannot act yet; the step is made again on resume
        WaitForStore,     // the database cannot be written; the step is made again once it can
        Compacted         // the conversation was condensed; no turn was taken
    };
    Kind kind = Kind::Finished;
    QString handoffTo;
    QString reason;                         // Failed, WaitForResources, WaitForStore
    std::vector<PendingQuestion> questions; // WaitForHuman: asked in this order, answered in it
    QString text;                           // the model's visible answer
    bool declaredDone = false;              // Finished: the agent called `finish`
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
