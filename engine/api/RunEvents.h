#pragma once
// Typed payloads of the events several consumers read, written and read in one place each.

#include "api/Records.h"

#include <QStringList>
#include <optional>

namespace orch {

// run_finished: the status the run stopped in and why.
struct RunFinished
{
    RunStatus::Value status = RunStatus::Failed;
    QString reason;

    // The event for `run`, which has just stopped (its status and reason are final).
    static RunEvent eventFor(const RunRecord& run, int stepNo, qint64 at);
    // The payload of a run_finished event; empty for any other event or a payload that does not
    // name a known status.
    static std::optional<RunFinished> from(const RunEvent& event);
    Json toJson() const;
};

// question_asked: the question shown to the person (a tool wrote it into the state, so every
// field is checked as it is read).
struct QuestionAsked
{
    QString text;
    QStringList options;   // in the tool's order; an option that is not text is left empty
    bool approval = false; // approve or reject
    int queued = 0;        // questions still waiting behind this one

    static std::optional<QuestionAsked> from(const RunEvent& event);
};

// ledger_entry: what one model call cost (empty when its price is unknown).
struct LedgerCharge
{
    std::optional<double> cost;

    static std::optional<LedgerCharge> from(const RunEvent& event);
};

// step_finished: the step, the agent that took it, its outcome, and who goes next.
struct StepFinished
{
    int step = 0;
    QString agent;
    QString outcome;
    QString next; // empty when the same agent goes on

    static std::optional<StepFinished> from(const RunEvent& event);
};

// agent_state: one agent's state moved (idle, thinking, acting, waiting, done, failed).
struct AgentMoved
{
    QString agent;
    QString before;
    QString after;

    static std::optional<AgentMoved> from(const RunEvent& event);
};

} // namespace orch
