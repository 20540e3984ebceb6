#pragma once
// An agent driven by a model: each step is one model call plus the tool calls it asked for.
// The reply is untrusted: calls past the cap, unknown tools and arguments that do not fit a
// tool's schema get error results the model can act on, and every call gets exactly one
// result (a question's result is the person's answer, added when it arrives).

#include "agents/Agent.h"
#include "graph/ProjectState.h"
#include "tools/Tool.h"

#include <QPointer>

namespace orch {

class LlmCall;
class LlmProvider;
class ToolRegistry;

struct LlmAgentSetup
{
    LlmProvider* provider = nullptr;
    std::string model;
    const ToolRegistry* tools = nullptr;
    bool stream = true;
    int maxToolCallsPerReply = 32;
    // A tool result longer than this is kept in the conversation as its head and tail.
    int maxToolResultBytes = 32 * 1024;
    // A tool that has not answered by then gets an error result (it is abandoned and what it
    // started is stopped), so a lost callback cannot wedge a run.
    int toolTimeoutMs = 30 * 60 * 1000;
    // The model profile: its window and reply cap (a request is kept under the window less
    // the cap) and what the model accepts (temperature, token field, effort).
    ModelProfileRef profile;
};

class LlmAgent final : public Agent
{
    Q_OBJECT
public:
    LlmAgent(const AgentDefinition& definition, LlmAgentSetup setup, QObject* parent);

    void runStep(StepInput input) override;
    void cancel() override;
    QStringList currentTools() const override;

private:
    ChatRequest buildRequest() const;
    const std::vector<ToolSpec>& toolSpecs() const; // built at the first step, then kept
    // A request to this agent's model, as its profile wants it; `maxTokens` caps the reply.
    ChatRequest profiledRequest(int maxTokens) const;
    // Shortens old results until the request fits the window; false when it still does not.
    bool fitContext(ChatRequest& request);
    long long contextBudget() const;
    // Condenses the older part of the conversation into a note written by the model; the step
    // ends as Compacted with the shorter conversation.
    void condense(const QString& why);
    void onCondensed();
    void onModelReplied();
    void handleReply(ChatResponse response);
    void acceptReply(ChatResponse response);
    // Runs the pending calls one after another; a tool that answers at once does not recurse.
    void runTools();
    void startTool(const ToolCall& call);
    void record(const ToolCall& call, ToolResult result, qint64 elapsedMs, bool ran);
    // Journals the result of the call at `index`; false when that failed (the step fails).
    bool journalResult(size_t index, const Json& arguments, const ToolResult& result);
    void finishTools();
    // Whether a call of this step other than the handoff ran and failed.
    bool failedBesideHandoff() const;
    // Ends the step as failed (something broke while handling a tool's answer).
    void failStep(const QString& reason);
    // A tool cannot act yet: the step ends uncommitted and is made again on resume.
    void waitStep(const QString& reason);
    // A journal write that failed: the step waits for the store when it is away, else fails.
    void failJournal(const QString& reason, ErrorCode code);
    void endStepEarly(StepOutcome::Kind kind, const QString& reason);

    LlmAgentSetup m_setup;
    StepInput m_input;
    StepOutcome m_outcome;
    ProjectState m_working; // the state as the step's tools have changed it so far
    QPointer<LlmCall> m_call;
    std::vector<ToolCall> m_pendingTools;
    size_t m_nextTool = 0;
    bool m_toolAnswered = false; // the started tool has called back
    bool m_insideLoop = false;   // runTools() is on the stack
    bool m_cutAtOutputLimit = false;
    bool m_replayedReply = false; // the step continues from a journaled reply
    double m_tokenRatio = 1.0;    // reported prompt tokens per estimated one, learned per reply
    long long m_lastEstimate = 0; // of the request in flight
    mutable std::optional<std::vector<ToolSpec>> m_toolSpecs;
    bool m_condensedForOverflow = false;  // a "context too long" error already led to condensing
    size_t m_condenseCut = 0;             // where the verbatim part of the conversation starts
    std::unique_ptr<QObject> m_toolScope; // owns what the step's tools started
    quint64 m_generation = 0;             // bumps on cancel so late tool callbacks are ignored
};

} // namespace orch
