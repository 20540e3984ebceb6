#pragma once
// Composite answers of the engine interface: a run with its history, and the money view.

#include "api/DeploymentRecords.h"
#include "api/GitCommit.h"
#include "api/GraphIssue.h"
#include "api/LessonRecords.h"
#include "api/MoneyTypes.h"
#include "api/Records.h"
#include "api/ServerRecords.h"
#include "core/Result.h"

#include <functional>
#include <optional>
#include <vector>

namespace orch {

template <typename T> using Reply = std::function<void(Result<T>)>;

struct RunDetail
{
    RunRecord run;
    ProjectRecord project;
    std::vector<StepRecord> steps;
    std::vector<Checkpoint> checkpoints;
    std::vector<RunEvent> events;
    std::vector<LedgerEntry> ledger;
};

// What the run view shows, and no more: the run, its steps and their costs, and the question
// it waits on. Checkpoints and events are fetched on demand (runs.checkpoint, runs.events).
struct RunView
{
    RunRecord run;
    ProjectRecord project;
    std::vector<StepRecord> steps;
    std::vector<LedgerEntry> ledger;
    Json question; // the pending question {text, options?, kind?}, null when none
};

// One row of the projects view: the project, its newest run, what it cost, its deployment.
struct ProjectSummary
{
    ProjectRecord project;
    std::optional<RunRecord> latestRun;
    double cost = 0;
    double simulatedCost = 0; // of `cost`, the offline demo model's simulated money
    int unknownCostCalls = 0;
    QString url;                 // the deployment's, when there is one
    std::optional<bool> healthy; // empty: never deployed (or not probed yet)
    double uptime = -1;          // the watcher's healthy share over the last week; -1: none
};

// One run of a project's list: how it began (a new project, a change to it, a fork of another
// run at a step) and what its model calls cost.
struct ProjectRun
{
    RunRecord run;
    QString kind;      // "new" | "change" | "fork"
    QString fromRun;   // a change's or a fork's source run; empty for a new one
    int fromStep = -1; // a fork's step of fromRun
    double cost = 0;
    double simulatedCost = 0; // of `cost`, the offline demo model's simulated money
};

// One run at a glance, for a status line or a chat message: the run, its project, what it
// cost so far, the question it waits on, and where it is deployed.
struct RunOverview
{
    RunRecord run;
    ProjectRecord project;
    double cost = 0;          // the known cost of its model calls
    double simulatedCost = 0; // of `cost`, the offline demo model's simulated money
    int unknownCostCalls = 0;
    Json question;               // the pending question {text, options?, kind?}, null when none
    QString url;                 // the deployment's, when there is one
    QString repository;          // the pushed remote, else the local repository
    std::optional<bool> healthy; // empty: never deployed
    BotActivity botActivity;     // a bot's counts at its last probe (known: false otherwise)
};

// A tool agents may be given, as the engine offers it.
struct ToolInfo
{
    QString name;
    QString description;
    Json parameters; // JSON Schema of the arguments object
};

// The database behind the engine: its bytes on disk, how many of them are free pages new rows
// reuse, and when the retention policy last pruned it (0: never).
struct StorageStatus
{
    qint64 databaseBytes = 0;
    qint64 freeBytes = 0;
    qint64 lastPruneMs = 0;
};

// Whether runs can start with the models configured now, and what is missing when not.
struct ModelReadiness
{
    bool ready = false;
    QString problem;          // why not: the missing endpoint or key, in words
    bool offlineDemo = false; // every model call replays the offline demo model's recording
};

struct Balances
{
    BudgetStatus global;
    std::vector<BudgetStatus> projects; // only projects with a limit or any spend
    std::vector<SpendRow> byDay;
    std::vector<SpendRow> byAgent;
    std::vector<SpendRow> byModel;
    std::vector<SpendRow> byProject;
    std::vector<SpendRow> byProjectDay; // key "YYYY-MM-DD|project id": spend per project over time
    StorageStatus storage;
};

} // namespace orch
