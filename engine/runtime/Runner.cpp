#include "runtime/Runner.h"

#include "api/WireFormat.h"
#include "core/Log.h"
#include "core/StepProfile.h"
#include "graph/GraphLoader.h"
#include "money/Budgets.h"
#include "money/RunBudgetCheck.h"
#include "runtime/ModelRouter.h"
#include "runtime/Run.h"
#include "runtime/RunOutcome.h"
#include "store/Database.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QDir>
#include <QUuid>
#include <algorithm>

namespace orch {
namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString nameFrom(const QString& description)
{
    QString name = description.simplified().left(60);
    return name.isEmpty() ? QStringLiteral("project") : name;
}

} // namespace

Runner::Runner(RunStore& store, ModelRouter& models, const ToolRegistry& tools,
               const GraphLoader& loader, QString reportsFolder, QObject* parent)
    : QObject(parent), m_store(store), m_models(models), m_tools(tools), m_loader(loader),
      m_leases(store.database()), m_reports(store, std::move(reportsFolder))
{
    m_leaseRenewal.setInterval(int(m_leases.leaseMs() / 4));
    connect(&m_leaseRenewal, &QTimer::timeout, this, [this] {
        const profile::Scope timed("runner: leases renewed");
        if (auto renewed = m_leases.renew(); !renewed && renewed.code() != ErrorCode::Unavailable)
            log::get("store")->error("cannot renew run leases: {}", renewed.error());
    });
    m_cancelWatch.setInterval(500);
    connect(&m_cancelWatch, &QTimer::timeout, this, &Runner::honourCancelRequests);
    m_storeWatch.setInterval(250); // the database spaces its reconnect attempts itself
    connect(&m_storeWatch, &QTimer::timeout, this, &Runner::checkStore);
}

// The runs this process moves: loaded, not abandoned, and running by their own lifecycle.
// Leases are renewed, and cancel requests watched, only while there is one.
void Runner::recount()
{
    m_moving = int(std::count_if(m_runs.cbegin(), m_runs.cend(), [](const QPointer<Run>& run) {
        return run && !run->isAbandoned() && run->record().status == RunStatus::Running;
    }));
    if (m_moving > 0 && !m_leaseRenewal.isActive()) {
        m_leaseRenewal.start();
        m_cancelWatch.start();
    } else if (m_moving == 0) {
        m_leaseRenewal.stop();
        m_cancelWatch.stop();
    }
}

int Runner::activeRuns() const
{
    return m_moving;
}

Run* Runner::createRun(const QString& runId, const QString& projectId, qint64 graphId,
                       GraphPtr graph, const QString& workspace)
{
    RunSetup setup{runId,    projectId, graphId,  std::move(graph), workspace,
                   &m_store, &m_models, &m_tools, m_pricing,        {}};
    if (m_budgets)
        setup.unpricedTokenLimit = m_budgets->defaults().unpricedTokensPerRun;
    if (m_budgets) {
        auto budget = std::make_shared<RunBudgetCheck>(*m_budgets, m_store.database(), runId);
        setup.budgetCheck = [budget](const QString& project, double estimate) {
            return budget->refusal(project, estimate);
        };
        setup.readBudget = [budget, projectId] { budget->readWithinCommit(projectId); };
    }
    setup.keepSecret = m_keepSecret;
    setup.codingAgents = m_codingAgents;
    auto* run = new Run(std::move(setup), this);
    connect(run, &Run::event, this, &Runner::event);
    connect(run, &Run::stepCommitted, this, &Runner::stepCommitted);
    connect(run, &Run::stopped, this, &Runner::onRunStopped);
    connect(run, &Run::abandoned, this, &Runner::onRunAbandoned);
    connect(run, &Run::storeWaiting, this, &Runner::watchStore);
    connect(run, &Run::statusChanged, this, &Runner::recount);
    m_runs.insert(runId, run);
    return run;
}

Result<QString> Runner::start(const StartRun& request)
{
    // A new run's first writes (its graph, project, budget, row and lease) commit at once; its
    // first step is queued, so no model is called before they are stored.
    Result<QString> begun = QString();
    auto stored = m_store.database().together([&] { begun = startNew(request); });
    if (stored)
        return begun;
    m_savedGraph.reset(); // its version may not be stored
    if (!begun)
        return begun;
    if (QPointer<Run> run = m_runs.take(begun.value()))
        delete run.data(); // with its queued first step
    recount();
    return stored.failure();
}

Result<QString> Runner::startNew(const StartRun& request)
{
    if (m_draining)
        return Error{QStringLiteral("shutting down: no new run starts"), ErrorCode::Unavailable};
    if (request.description.trimmed().isEmpty())
        return Error{QStringLiteral("the project description is empty"), ErrorCode::Invalid};
    if (auto usable = m_models.check(*request.graph); !usable)
        return usable.failure();
    Database& database = m_store.database();
    if (m_savedGraph.lock() != request.graph) {
        auto saved = database.transactionFor<qint64>(
            [&] { return m_store.saveGraph(request.graph->name, request.graph->source); });
        if (!saved)
            return saved.failure();
        m_savedGraph = request.graph;
        m_savedGraphId = saved.value();
    }
    const qint64 graphId = m_savedGraphId;
    ProjectRecord project{newId(),
                          request.projectName.isEmpty() ? nameFrom(request.description)
                                                        : request.projectName,
                          request.description,
                          {},
                          QDateTime::currentMSecsSinceEpoch()};
    project.workspace = QDir(request.workspaceRoot).filePath(project.id);
    if (!QDir().mkpath(project.workspace))
        return Error{QStringLiteral("cannot create workspace %1").arg(project.workspace)};
    if (auto created = database.transaction([&] { return m_store.createProject(project); });
        !created)
        return created.failure();
    if (m_budgets)
        if (auto limited =
                database.transaction([&] { return m_budgets->applyDefault(project.id); });
            !limited)
            return limited.failure();
    const QString runId = newId();
    Run* run = createRun(runId, project.id, graphId, request.graph, project.workspace);
    const Json begun{{"project", {{"description", toStd(project.description)}}}};
    return launch(run,
                  run->start(project.name, project.description,
                             forecastFor(runOutcome::featuresOf(begun, request.graph->source))));
}

Json Runner::forecastFor(const RunFeatures& features)
{
    auto forecast = Forecasts(m_store.database(), &m_outcomes).forecast(features);
    if (!forecast) {
        log::get("graph")->warn("no forecast: {}", forecast.error());
        return Json();
    }
    return wire::toJson(forecast.value());
}

Result<QString> Runner::launch(Run* run, Result<void> started)
{
    const QString runId = run->record().id;
    if (started)
        started = claim(runId);
    if (!started) {
        m_runs.remove(runId);
        run->deleteLater();
        return started.failure();
    }
    recount();
    return runId;
}

Result<Run*> Runner::load(const QString& runId)
{
    if (auto existing = m_runs.value(runId))
        return existing.data();
    auto record = m_store.run(runId);
    if (!record)
        return record.failure();
    if (auto existing = m_runs.value(record->id))
        return existing.data();
    auto graph = runnableGraph(record.value());
    if (!graph)
        return graph.failure();
    auto project = m_store.project(record->projectId);
    if (!project)
        return project.failure();
    return createRun(record->id, record->projectId, record->graphId, graph.value(),
                     project->workspace);
}

Result<void> Runner::resume(const QString& runId)
{
    auto record = m_store.run(runId);
    if (!record)
        return record.failure();
    return resume(std::move(record.value()));
}

Result<QStringList> Runner::resumeWaitingForBudget()
{
    auto waiting = m_store.runs({RunStatus::WaitingBudget});
    if (!waiting)
        return waiting.failure();
    QStringList resumed;
    for (RunRecord record : waiting.value()) {
        if (m_budgets) {
            auto refusal = m_budgets->refusal(record.projectId, 0, record.id);
            if (!refusal)
                return refusal.failure();
            if (refusal->has_value())
                continue;
        }
        record.status = RunStatus::Running; // the run re-checks before its next call
        if (auto ok = resume(record); ok)
            resumed << record.id;
        else
            log::get("graph")->warn("run {}: not resumed after a top-up: {}", record.id,
                                    ok.error());
    }
    return resumed;
}

Result<QStringList> Runner::resumeWaitingForResources()
{
    auto waiting = m_store.runs({RunStatus::WaitingResources});
    if (!waiting)
        return waiting.failure();
    QStringList resumed;
    for (RunRecord record : waiting.value()) {
        record.status = RunStatus::Running; // its step makes the deploy again
        if (auto ok = resume(record); ok)
            resumed << record.id;
        else
            log::get("graph")->warn("run {}: not resumed for its deploy: {}", record.id,
                                    ok.error());
    }
    return resumed;
}

Result<void> Runner::resume(RunRecord record)
{
    if (record.status == RunStatus::Completed || record.status == RunStatus::Cancelled)
        return Error{QStringLiteral("run %1 is %2; nothing to resume")
                         .arg(record.id, RunStatus::name(record.status))};
    if (Run* loaded = m_runs.value(record.id);
        loaded && loaded->record().status == RunStatus::Running)
        return {}; // already moving in this process
    auto checkpoint = m_store.lastCheckpoint(record.id);
    if (!checkpoint)
        return checkpoint.failure();
    auto lease = m_leases.claim(record.id);
    if (!lease)
        return lease.failure();
    auto run = load(record.id);
    if (!run) {
        (void)m_leases.release(record.id);
        return run.failure();
    }
    run.value()->setLease(lease.value());
    auto resumed = run.value()->resume(record, checkpoint.value());
    if (resumed && !RunStatus::isWaiting(record.status))
        recount();
    if (!resumed)
        (void)m_leases.release(record.id);
    return resumed;
}

Result<ResumeReport> Runner::resumeUnfinished()
{
    auto runs = m_store.runs({RunStatus::Running});
    if (!runs)
        return runs.failure();
    ResumeReport report;
    for (const RunRecord& record : runs.value()) {
        // One run that cannot go on (held by another process, graph gone) must not keep the
        // others from resuming.
        if (auto ok = resume(record.id); ok)
            report.resumed << record.id;
        else
            report.problems << ok.error();
    }
    return report;
}

Result<void> Runner::answer(const QString& runId, const QString& text)
{
    auto record = m_store.run(runId);
    if (!record)
        return record.failure();
    // The store has the last word: a run cancelled by another process meanwhile is not
    // brought back by an answer to the stale copy held here.
    // A person's word revives a run that stalled or failed: its agent gets it and goes on.
    if (record->status == RunStatus::Stalled || record->status == RunStatus::Failed) {
        if (auto resumed = resume(record.value()); !resumed)
            return resumed;
        Run* run = m_runs.value(record->id);
        if (!run)
            return Error{QStringLiteral("run %1 is not loaded").arg(record->id)};
        return run->revive(text);
    }
    if (record->status != RunStatus::WaitingHuman) {
        if (auto stale = m_runs.value(record->id);
            stale && RunStatus::isWaiting(stale->record().status))
            m_runs.take(record->id)->deleteLater();
        return Error{QStringLiteral("run %1 is not waiting for an answer (status %2)")
                         .arg(record->id, RunStatus::name(record->status)),
                     ErrorCode::Conflict};
    }
    if (!m_runs.contains(record->id))
        if (auto resumed = resume(record->id); !resumed)
            return resumed;
    Run* run = m_runs.value(record->id);
    if (!run)
        return Error{QStringLiteral("run %1 is not loaded").arg(record->id)};
    const bool wasWaiting = RunStatus::isWaiting(run->record().status);
    if (auto claimed = claim(record->id); !claimed)
        return claimed;
    auto answered = run->answer(text);
    if (answered && wasWaiting)
        recount();
    return answered;
}

} // namespace orch
