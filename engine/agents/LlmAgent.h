#pragma once
// An agent driven by a model: each step is one model call plus the tool calls it asked for.

#include "agents/Agent.h"
#include "graph/ProjectState.h"

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
};

class LlmAgent final : public Agent
{
    Q_OBJECT
public:
    LlmAgent(const AgentDefinition& definition, LlmAgentSetup setup, QObject* parent);

    void runStep(const StepInput& input) override;
    void cancel() override;

private:
    ChatRequest buildRequest() const;
    void onModelReplied();
    void runNextTool();
    void finishTools();

    LlmAgentSetup m_setup;
    StepInput m_input;
    StepOutcome m_outcome;
    ProjectState m_working; // the state as the step's tools have changed it so far
    QPointer<LlmCall> m_call;
    std::vector<ToolCall> m_pendingTools;
    size_t m_nextTool = 0;
    std::unique_ptr<QObject> m_toolScope; // owns what the step's tools started
    quint64 m_generation = 0; // bumps on cancel so late tool callbacks are ignored
};

} // namespace orch
