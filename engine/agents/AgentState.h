#pragma once
// The agent life cycle: Idle → Thinking → CallingTool → WaitingForHuman → Done | Failed.
// The transition table is the single source of which moves are legal.

#include <QString>

namespace orch {

enum class AgentState
{
    Idle,
    Thinking,
    CallingTool,
    WaitingForHuman,
    Done,
    Failed
};

bool isLegalTransition(AgentState from, AgentState to);
QString agentStateName(AgentState state);

} // namespace orch
