#pragma once
// Owns the runs of one process: starts, resumes, answers and cancels them, and forwards
// their events. All runs share the caller's event loop.

#include "api/Records.h"
#include "core/Result.h"
#include "graph/GraphDefinition.h"
#include "money/Forecasts.h"
#include "report/ReportWriter.h"
#include "runtime/ResumeReport.h"
#include "store/RunLeases.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <functional>

namespace orch {

class CodingAgent;

class Budgets;
struct RunFeatures;
class GraphLoader;
class Pricing;
class ModelRouter;
class Run;
class RunStore;
class ToolRegistry;

struct StartRun
{
    QString description;
    QString projectName; // derived from the description when empty
    GraphPtr graph;
    QString workspaceRoot; // the project's workspace is created below it
};

class Runner : public QObject
{
    Q_OBJECT
public:
    Runner(RunStore& store, ModelRouter& models, const ToolRegistry& tools,
           const GraphLoader& loader, QString reportsFolder, QObject* parent);

    // Checked before every model call; runs wait (waiting_budget) while it refuses.
    void setBudgets(Budgets* budgets) { m_budgets = budgets; }
    // Where secrets the person sends for a project go (the vault, in the project's scope).
    using SecretKeeper = std::function<Result<void>(const QString& projectId, const QString& handle,
                                                    const QByteArray& value)>;
    void setSecretKeeper(SecretKeeper keeper) { m_keepSecret = std::move(keeper); }
    void setPricing(const Pricing* pricing) { m_pricing = pricing; }
    // Makes the agents of coding_agent nodes; unset, runs that reach one fail with why.
    using CodingAgents = std::function<CodingAgent*(const AgentDefinition&, QObject* parent)>;
    void setCodingAgents(CodingAgents make) { m_codingAgents = std::move(make); }
    // How long a claim on a run lasts without renewal (renewed every quarter of it).
    void setLeaseMs(qint64 ms)
    {
        m_leases.setLeaseMs(ms);
        m_leaseRenewal.setInterval(int(ms / 4));
    }
    // A new run of the same project and graph version, starting from `runId`'s checkpoint
    // after step `stepNo` (0: the start), with `edits` applied to its state (applyStateEdits).
    Result<QString> fork(const QString& runId, int stepNo, const Json& edits = Json());
    // A change the person asked for on an existing project (RunnerChanges.cpp), on the graph
    // its last run used (`graph` when it has none or it no longer loads); refused while a run
    // of the project is unfinished.
    // `repair` (an object): a repair run, given this evidence as the state's `repair` and
    // starting at the Developer, where a fix to the code begins.
    Result<QString> change(const QString& projectId, const QString& request, GraphPtr graph,
                           const Json& repair = Json());

    Result<QString> start(const StartRun& request);
    // Every run the store lists as running (a killed process left them so).
    Result<ResumeReport> resumeUnfinished();
    // One run from its last checkpoint; also retries a failed run.
    Result<void> resume(const QString& runId);
    // Takes over running runs that nobody drives any more (another worker stopped or died).
    Result<QStringList> adoptOrphans();
    // After a top-up: every waiting_budget run whose budgets now allow a call goes on.
    Result<QStringList> resumeWaitingForBudget();
    // Resumes the runs waiting for a production server; each makes its deploy again and waits
    // again when there is still no room.
    Result<QStringList> resumeWaitingForResources();
    Result<void> answer(const QString& runId, const QString& text);
    Result<void> cancel(const QString& runId, const QString& reason);
    int activeRuns() const;
    // Shutdown: steps in flight finish and commit, no new step starts; drained() follows.
    // Runs stay "running" in the store and resume at the next start.
    void drain();

signals:
    void event(const orch::RunEvent& event);
    void stepCommitted(const orch::StepRecord& step);
    void runStopped(const orch::RunRecord& record);
    void reportWritten(const QString& runId, const QString& path);
    void idle(); // no run is moving any more
    void drained();

private:
    Run* createRun(const QString& runId, const QString& projectId, qint64 graphId, GraphPtr graph,
                   const QString& workspace);
    Result<Run*> load(const QString& runId);
    // The run's own graph version, loaded, with every model it names ready to call.
    Result<GraphPtr> runnableGraph(const RunRecord& run);
    // A new run: its graph, project, row and lease written (inside start's one commit).
    Result<QString> startNew(const StartRun& request);
    // What a run like this will likely cost and take, for its state (null when unknown).
    Json forecastFor(const RunFeatures& features);
    // After a new run's first write: claims it, or forgets it when either failed.
    Result<QString> launch(Run* run, Result<void> started);
    Result<void> resume(RunRecord record);
    void onRunStopped(const RunRecord& record);
    // A finished run's outcome (for forecasts) and report; the report's path.
    Result<QString> writeReport(const RunRecord& record);
    void onRunAbandoned(const QString& runId, const QString& reason);
    // Cancels the runs this process drives that another process asked to cancel.
    void honourCancelRequests();
    // Claims the run and hands the lease to its Run, when loaded.
    Result<void> claim(const QString& runId);
    // While a run waits for the database: reconnects (with the database's backoff), then
    // renews the leases, writes what the store held and lets the runs go on
    // (RunnerStoreWatch.cpp).
    void watchStore();
    void checkStore();
    void recount();

    RunStore& m_store;
    ModelRouter& m_models;
    const ToolRegistry& m_tools;
    const GraphLoader& m_loader;
    Budgets* m_budgets = nullptr;
    SecretKeeper m_keepSecret;
    CodingAgents m_codingAgents;
    const Pricing* m_pricing = nullptr;
    QHash<QString, QPointer<Run>> m_runs;
    RunLeases m_leases;
    ReportWriter m_reports;
    OutcomeMemory m_outcomes; // what forecasts of new runs read
    // The graph the last new run saved, and its version's id: the next run of the same graph
    // (a loaded graph is shared) serialises and hashes it no more. Versions are never deleted.
    std::weak_ptr<const GraphDefinition> m_savedGraph;
    qint64 m_savedGraphId = 0;
    QTimer m_leaseRenewal;
    QTimer m_cancelWatch;
    QTimer m_storeWatch;
    int m_moving = 0;
    bool m_draining = false;
    QSet<QString> m_finishingStep; // while draining: runs whose step has not committed yet
    void leftDrain(const QString& runId);
};

} // namespace orch
