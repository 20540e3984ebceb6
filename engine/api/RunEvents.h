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
    bool secret = false;   // the answer is a secret for the vault (request_secret)
    int queued = 0;        // questions still waiting behind this one

    static std::optional<QuestionAsked> from(const RunEvent& event);
    // The question as the state keeps it ({text, options?, kind?}); nullopt when not an object.
    static std::optional<QuestionAsked> fromJson(const Json& question);
    // What the person may pick: approve/reject for an approval, else the text options.
    QStringList choices() const;
};

// ledger_entry: what one model call cost (empty when its price is unknown).
struct LedgerCharge
{
    std::optional<double> cost;
    bool simulated = false; // priced for the offline demo model, not paid

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

// agent_state: one agent's state moved (idle, thinking, acting, waiting, done, failed);
// moving to calling_tool names the tools it calls.
struct AgentMoved
{
    static constexpr int kMaxTools = 16;
    QString agent;
    QString before;
    QString after;
    QStringList tools;

    static std::optional<AgentMoved> from(const RunEvent& event);
    Json toJson() const;
};

// run_started: the graph the run follows and the agent it starts with.
struct RunStarted
{
    QString graph;
    qint64 graphId = 0;
    QString entry;

    static std::optional<RunStarted> from(const RunEvent& event);
    Json toJson() const;
};

// step_started: the agent whose step begins.
struct StepStarted
{
    int step = 0;
    QString agent;

    static std::optional<StepStarted> from(const RunEvent& event);
    Json toJson() const;
};

// handoff (the agent passed the work on) or edge (the graph routed it): who goes next.
struct AgentHandoff
{
    QString fromAgent;
    QString toAgent;
    QString when; // the edge's condition; empty for a handoff

    static std::optional<AgentHandoff> from(const RunEvent& event);
    Json toJson() const;
};

// llm_retry: a model call failed and is tried again after a delay.
struct ModelRetry
{
    int attempt = 0;
    int delayMs = 0;
    QString reason;

    static std::optional<ModelRetry> from(const RunEvent& event);
    Json toJson() const;
};

// budget_waiting: the run waits for a top-up; the reason names the budget.
struct BudgetWaiting
{
    QString reason;

    static std::optional<BudgetWaiting> from(const RunEvent& event);
    Json toJson() const;
};

// resources_waiting: the deploy waits for a production server with room (or one that answers);
// the reason names the servers and what each has left.
struct ResourcesWaiting
{
    QString reason;

    static std::optional<ResourcesWaiting> from(const RunEvent& event);
    Json toJson() const;
};

// deployment_health: the watcher saw a live deployment change — `change` is "down", "up" or
// "certificate" (the certificate a real domain serves ends within 14 days).
struct DeploymentHealth
{
    QString service;
    QString url;
    // down, up, certificate; an incident's restarting, rolling_back, repair_asked (the person
    // may approve a repair run), repairing, gave_up, resolved
    QString change;
    QString detail;                  // what the probe found wrong
    qint64 certificateExpiresAt = 0; // ms; 0: not read
    qint64 incident = 0;             // the incident the step belongs to; 0: none
    QString projectId;
    QString run; // "repairing": the repair run's id

    static std::optional<DeploymentHealth> from(const RunEvent& event);
    Json toJson() const;
};

// coding_step: one thing a coding agent CLI did (coding/CodingAgent's events).
struct CodingActivity
{
    QString kind; // message, tool_use, tool_result, command, file_change, finished, failed, …
    QString name; // the tool, or the command
    QString text;
    QString path;
    int exitCode = 0;
    bool error = false;

    static std::optional<CodingActivity> from(const RunEvent& event);
    // One line in any language ("Edit app.py", "$ make test → 2", "+ app.py", "“Adding…”");
    // empty for what is not worth one (a tool's output, usage, the session starting).
    QString line() const;
};

} // namespace orch
