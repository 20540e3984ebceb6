#pragma once
// An agent is a QObject state machine. Every transition is announced by stateChanged();
// an illegal one is refused and announced by transitionRefused(). Subclasses perform one
// step at a time and report it with stepFinished().

#include "agents/AgentState.h"
#include "agents/StepTypes.h"
#include "graph/GraphDefinition.h"

#include <QObject>

namespace orch {

class Agent : public QObject
{
    Q_OBJECT
public:
    Agent(const AgentDefinition& definition, QObject* parent);

    const AgentDefinition& definition() const { return m_definition; }
    AgentState state() const { return m_state; }

    // Returns false (and emits transitionRefused) when the table forbids the move.
    bool transitionTo(AgentState next);
    // Puts the agent back in a state read from a checkpoint; announces nothing.
    void restore(AgentState state) { m_state = state; }

    // The input is the agent's own from here on (moved in, not copied).
    virtual void runStep(StepInput input) = 0;
    // The tools the agent is calling now (names, in order); empty when it calls none.
    virtual QStringList currentTools() const { return {}; }
    // Stops the step in flight; the agent ends in Failed and no stepFinished follows.
    virtual void cancel();

signals:
    void stateChanged(orch::AgentState from, orch::AgentState to);
    void transitionRefused(orch::AgentState from, orch::AgentState to);
    void stepFinished(const orch::StepOutcome& outcome);
    void textDelta(const QString& text);
    void retrying(int attempt, int delayMs, const QString& reason);
    // A model call was paid for: emitted as soon as the reply arrives, before its tools run,
    // so the cost is recorded even if the step never finishes.
    void modelReplied(const QString& provider, const std::string& model,
                      const orch::TokenUsage& usage);

protected:
    // Transitions (Done/Failed/WaitingForHuman as the outcome says) and emits stepFinished.
    void finishStep(StepOutcome outcome);

private:
    const AgentDefinition& m_definition;
    AgentState m_state = AgentState::Idle;
};

} // namespace orch
