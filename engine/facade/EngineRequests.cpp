// Engine's queries and money requests, and the EngineApi forms that answer through a reply.
#include "facade/Engine.h"
#include "money/Spend.h"
#include "report/ReportWriter.h"
#include "runtime/GraphCatalog.h"
#include "runtime/Runner.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QTimer>

namespace orch {

Result<QString> Engine::forkRun(const QString& runId, int stepNo)
{
    return m_runner->fork(runId, stepNo);
}

Result<std::vector<ProjectRecord>> Engine::projects()
{
    return m_store->projects();
}

Result<std::vector<ProjectSummary>> Engine::projectSummaries()
{
    auto projects = m_store->projects();
    auto runs = m_store->runs(); // newest first
    auto spend = m_spend->by(SpendBy::Project);
    if (!projects || !runs || !spend)
        return Error{projects.error() + runs.error() + spend.error()};
    std::vector<ProjectSummary> summaries;
    for (const ProjectRecord& project : projects.value()) {
        ProjectSummary summary{project, std::nullopt, 0, 0, {}, std::nullopt};
        for (const RunRecord& run : runs.value())
            if (run.projectId == project.id) {
                summary.latestRun = run;
                break;
            }
        for (const SpendRow& row : spend.value())
            if (row.key == project.id) {
                summary.cost = row.cost;
                summary.unknownCostCalls = row.unknownCostCalls;
            }
        if (summary.latestRun)
            if (auto checkpoint = m_store->lastCheckpoint(summary.latestRun->id);
                checkpoint && checkpoint->state.contains("deployment") &&
                checkpoint->state["deployment"].is_object()) {
                const Json& deployment = checkpoint->state["deployment"];
                summary.url = toQ(stringOr(deployment, "url"));
                summary.healthy = boolOr(deployment, "healthy", false);
            }
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

Result<RunDetail> Engine::runDetail(const QString& runId)
{
    auto run = m_store->run(runId);
    if (!run)
        return run.failure();
    RunDetail detail;
    detail.run = run.value();
    auto project = m_store->project(detail.run.projectId);
    auto steps = m_store->steps(detail.run.id);
    auto checkpoints = m_store->checkpoints(detail.run.id);
    auto events = m_store->events(detail.run.id);
    auto ledger = m_store->ledger(detail.run.id);
    for (const QString& problem :
         {project.error(), steps.error(), checkpoints.error(), events.error(), ledger.error()})
        if (!problem.isEmpty())
            return Error{problem};
    detail.project = std::move(project).value();
    detail.steps = std::move(steps).value();
    detail.checkpoints = std::move(checkpoints).value();
    detail.events = std::move(events).value();
    detail.ledger = std::move(ledger).value();
    return detail;
}

Result<QString> Engine::report(const QString& runId)
{
    QString key = runId;
    if (!runId.startsWith(QLatin1String("digest-"))) {
        auto run = m_store->run(runId);
        if (!run)
            return run.failure();
        key = run->id;
    }
    auto report = m_store->report(key);
    if (!report)
        return report.failure();
    return report->first;
}

Result<ProjectBrowser> Engine::browse(const QString& runId)
{
    auto run = m_store->run(runId);
    if (!run)
        return run.failure();
    auto project = m_store->project(run->projectId);
    if (!project)
        return project.failure();
    return ProjectBrowser(project->workspace);
}

Result<std::vector<ReportEntry>> Engine::reports()
{
    return m_store->reports();
}

Result<std::pair<QString, QString>> Engine::writeDigest(qint64 sinceMs)
{
    return ReportWriter(*m_store, m_options.reportsDir)
        .writeDigest(*m_budgets, *m_spend, sinceMs, QDateTime::currentMSecsSinceEpoch());
}

Result<BudgetStatus> Engine::topUp(const QString& scope, double amount, const QString& byWhom)
{
    if (scope != kGlobalScope) {
        auto project = m_store->project(scope);
        if (!project)
            return project.failure();
    }
    auto status = m_budgets->topUp(scope, amount, byWhom);
    if (!status)
        return status;
    if (auto resumed = m_runner->resumeWaitingForBudget(); !resumed)
        return Error{QStringLiteral("topped up, but the waiting runs did not resume: %1")
                         .arg(resumed.error())};
    return status;
}

void Engine::watchBudgets(int intervalMs)
{
    if (!m_budgetWatch) {
        m_budgetWatch = new QTimer(this);
        connect(m_budgetWatch, &QTimer::timeout, this, [this] {
            auto waiting = m_store->runs({RunStatus::WaitingBudget});
            if (waiting && !waiting->empty())
                (void)m_runner->resumeWaitingForBudget();
        });
    }
    m_budgetWatch->start(intervalMs);
}

Result<Balances> Engine::balances()
{
    Balances balances;
    auto global = m_budgets->status(kGlobalScope);
    if (!global)
        return global.failure();
    balances.global = global.value();
    const std::pair<SpendBy, std::vector<SpendRow>*> dimensions[] = {
        {SpendBy::Day, &balances.byDay},
        {SpendBy::Agent, &balances.byAgent},
        {SpendBy::Model, &balances.byModel},
        {SpendBy::Project, &balances.byProject}};
    for (const auto& [dimension, rows] : dimensions) {
        auto found = m_spend->by(dimension);
        if (!found)
            return found.failure();
        *rows = std::move(found).value();
    }
    for (const SpendRow& project : balances.byProject) {
        auto status = m_budgets->status(project.key);
        if (!status)
            return status.failure();
        balances.projects.push_back(status.value());
    }
    return balances;
}

// Every answer is delivered from the event loop, as a remote engine's would be, so a caller
// never depends on being called back before the call returns.
template <typename T> void Engine::deliver(Reply<T> done, Result<T> result)
{
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

// The workspace of the run's project, or why there is none.
template <typename T, typename Read>
static Result<T> fromBrowser(Result<ProjectBrowser> browser, Read read)
{
    if (!browser)
        return browser.failure();
    return read(browser.value());
}

void Engine::startRun(const api::StartParams& params, Reply<QString> done)
{
    deliver(std::move(done), startRun(params.description, QString()));
}
void Engine::resumeRun(const api::RunRef& params, Reply<void> done)
{
    deliver(std::move(done), resumeRun(params.runId));
}
void Engine::answer(const api::AnswerParams& params, Reply<void> done)
{
    deliver(std::move(done), answer(params.runId, params.text));
}
void Engine::cancel(const api::RunRef& params, Reply<void> done)
{
    deliver(std::move(done), cancel(params.runId));
}
void Engine::forkRun(const api::ForkParams& params, Reply<QString> done)
{
    deliver(std::move(done), forkRun(params.runId, params.step));
}
void Engine::projects(const api::NoParams&, Reply<std::vector<ProjectRecord>> done)
{
    deliver(std::move(done), projects());
}
void Engine::runs(const api::NoParams&, Reply<std::vector<RunRecord>> done)
{
    deliver(std::move(done), runs());
}
void Engine::projectSummaries(const api::NoParams&, Reply<std::vector<ProjectSummary>> done)
{
    deliver(std::move(done), projectSummaries());
}
void Engine::runDetail(const api::RunRef& params, Reply<RunDetail> done)
{
    deliver(std::move(done), runDetail(params.runId));
}
void Engine::report(const api::RunRef& params, Reply<QString> done)
{
    deliver(std::move(done), report(params.runId));
}
void Engine::reports(const api::NoParams&, Reply<std::vector<ReportEntry>> done)
{
    deliver(std::move(done), reports());
}
void Engine::files(const api::RunRef& params, Reply<QStringList> done)
{
    deliver(std::move(done),
            fromBrowser<QStringList>(browse(params.runId),
                                     [](const ProjectBrowser& b) { return b.files(); }));
}
void Engine::fileText(const api::FileRef& params, Reply<QString> done)
{
    deliver(std::move(done),
            fromBrowser<QString>(browse(params.runId),
                                 [&](const ProjectBrowser& b) { return b.fileText(params.path); }));
}
void Engine::commits(const api::RunRef& params, Reply<std::vector<GitCommitInfo>> done)
{
    deliver(std::move(done),
            fromBrowser<std::vector<GitCommitInfo>>(
                browse(params.runId), [](const ProjectBrowser& b) { return b.commits(); }));
}
void Engine::commitDiff(const api::CommitRef& params, Reply<QString> done)
{
    deliver(std::move(done),
            fromBrowser<QString>(browse(params.runId), [&](const ProjectBrowser& b) {
                return b.commitDiff(params.sha);
            }));
}
void Engine::graphVersions(const api::NoParams&, Reply<std::vector<GraphVersion>> done)
{
    deliver(std::move(done), m_graphs->versions());
}
void Engine::graph(const api::GraphRef& params, Reply<GraphVersion> done)
{
    deliver(std::move(done),
            params.id == 0 ? m_graphs->currentVersion() : m_graphs->version(params.id));
}
void Engine::validateGraph(const api::GraphBody& params, Reply<std::vector<GraphIssue>> done)
{
    deliver(std::move(done),
            Result<std::vector<GraphIssue>>(m_loader->loadJson(params.body, {}).issues));
}
void Engine::toolCatalogue(const api::NoParams&, Reply<std::vector<ToolInfo>> done)
{
    std::vector<ToolInfo> catalogue;
    for (const ToolSpec& spec : m_tools->specs())
        catalogue.push_back({toQ(spec.name), toQ(spec.description), spec.parameters});
    deliver(std::move(done), Result<std::vector<ToolInfo>>(std::move(catalogue)));
}
void Engine::saveGraph(const api::GraphBody& params, Reply<GraphVersion> done)
{
    deliver(std::move(done), m_graphs->save(params.body));
}
void Engine::topUp(const api::TopUpParams& params, Reply<BudgetStatus> done)
{
    const QString byWhom = params.byWhom.isEmpty() ? QStringLiteral("engine api") : params.byWhom;
    deliver(std::move(done), topUp(params.scope, params.amount, byWhom));
}
void Engine::balances(const api::NoParams&, Reply<Balances> done)
{
    deliver(std::move(done), balances());
}

} // namespace orch
