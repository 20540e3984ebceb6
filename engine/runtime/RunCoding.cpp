// A coding_agent node in a run: its agent comes from the engine (which knows where the CLI is
// and holds its key), what the CLI does becomes the run's coding_step events, and what it
// spent goes to the ledger at its own reported cost where it reports one.
#include "api/RunEvents.h"
#include "coding/CodingAgent.h"
#include "runtime/Run.h"

namespace orch {

Agent* Run::codingAgentFor(const AgentDefinition& definition, QString* error)
{
    if (!m_setup.codingAgents) {
        *error = QStringLiteral("coding agents (%1) cannot run here: this orchestrator was "
                                "started without them")
                     .arg(definition.coding.program);
        return nullptr;
    }
    CodingAgent* agent = m_setup.codingAgents(definition, this);
    if (!agent) {
        *error =
            QStringLiteral("the coding agent %1 could not be made").arg(definition.coding.program);
        return nullptr;
    }
    connect(agent, &Agent::stateChanged, this, [this, agent](AgentState from, AgentState to) {
        emitEvent(EventKind::AgentState, AgentMoved{agent->definition().id, agentStateName(from),
                                                    agentStateName(to), agent->currentTools()}
                                             .toJson());
    });
    connect(agent, &Agent::stepFinished, this, &Run::onStepFinished);
    connect(agent, &CodingAgent::progress, this,
            [this](const Json& event) { emitEvent(EventKind::CodingStep, event); });
    connect(agent, &CodingAgent::spent, this,
            [this](const QString& program, const std::string& model, const TokenUsage& usage,
                   std::optional<double> cost) {
                recordModelCall(program, model.empty() ? toStd(program) : model, usage, cost);
            });
    return agent;
}

} // namespace orch
