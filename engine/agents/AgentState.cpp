#include "agents/AgentState.h"

namespace orch {

bool isLegalTransition(AgentState from, AgentState to)
{
    using S = AgentState;
    switch (from) {
    case S::Idle:
        return to == S::Thinking || to == S::Failed;
    case S::Thinking:
        return to == S::CallingTool || to == S::WaitingForHuman || to == S::Done || to == S::Failed;
    // After tools the agent thinks again, waits for the person, or is done (handoff).
    case S::CallingTool:
        return to == S::Thinking || to == S::WaitingForHuman || to == S::Done || to == S::Failed;
    case S::WaitingForHuman:
        return to == S::Thinking || to == S::Failed;
    // A finished agent can be activated again later in the run (tester → developer → tester).
    case S::Done:
        return to == S::Thinking;
    case S::Failed:
        return false;
    }
    return false;
}

QString agentStateName(AgentState state)
{
    switch (state) {
    case AgentState::Idle:
        return QStringLiteral("idle");
    case AgentState::Thinking:
        return QStringLiteral("thinking");
    case AgentState::CallingTool:
        return QStringLiteral("calling_tool");
    case AgentState::WaitingForHuman:
        return QStringLiteral("waiting_for_human");
    case AgentState::Done:
        return QStringLiteral("done");
    case AgentState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

} // namespace orch
