#include "agents/Agent.h"

namespace orch {

Agent::Agent(const AgentDefinition& definition, QObject* parent)
    : QObject(parent), m_definition(definition)
{
}

bool Agent::transitionTo(AgentState next)
{
    const AgentState previous = m_state;
    if (!isLegalTransition(previous, next)) {
        emit transitionRefused(previous, next);
        return false;
    }
    m_state = next;
    emit stateChanged(previous, next);
    return true;
}

void Agent::cancel()
{
    if (m_state != AgentState::Failed)
        transitionTo(AgentState::Failed);
}

void Agent::finishStep(StepOutcome outcome)
{
    switch (outcome.kind) {
    case StepOutcome::Kind::Finished:
    case StepOutcome::Kind::Handoff:
    case StepOutcome::Kind::Compacted:
        transitionTo(AgentState::Done);
        break;
    case StepOutcome::Kind::WaitForHuman:
    case StepOutcome::Kind::WaitForResources:
        transitionTo(AgentState::WaitingForHuman);
        break;
    case StepOutcome::Kind::WaitForStore:
    case StepOutcome::Kind::Failed:
        transitionTo(AgentState::Failed);
        break;
    case StepOutcome::Kind::Continue:
        break; // stays in CallingTool until the next step
    }
    emit stepFinished(outcome);
}

} // namespace orch
