// Engine's queries and money requests, and the EngineApi forms that answer through a reply.
#include "facade/Engine.h"

#include "graph/GraphCatalog.h"
#include "runtime/Runner.h"
#include "money/Spend.h"
#include "report/ReportWriter.h"
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
                checkpoint && checkpoint->state.contains("deployment") && checkpoint->state["deployment"].is_object()) {
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
        return Error{run.error()};
    RunDetail detail;
    detail.run = run.value();
    auto project = m_store->project(detail.run.projectId);
    auto steps = m_store->steps(detail.run.id);
    auto checkpoints = m_store->checkpoints(detail.run.id);
    auto events = m_store->events(detail.run.id);
    auto ledger = m_store->ledger(detail.run.id);
    for (const QString& problem : {project.error(), steps.error(), checkpoints.error(), events.error(), ledger.error()})
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
            return Error{run.error()};
        key = run->id;
    }
    auto report = m_store->report(key);
    if (!report)
        return Error{report.error()};
    return report->first;
}

Result<ProjectBrowser> Engine::browse(const QString& runId)
{
    auto run = m_store->run(runId);
    if (!run)
        return Error{run.error()};
    auto project = m_store->project(run->projectId);
    if (!project)
        return Error{project.error()};
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
            return Error{project.error()};
    }
    auto status = m_budgets->topUp(scope, amount, byWhom);
    if (!status)
        return status;
    if (auto resumed = m_runner->resumeWaitingForBudget(); !resumed)
        return Error{QStringLiteral("topped up, but the waiting runs did not resume: %1").arg(resumed.error())};
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
        return Error{global.error()};
    balances.global = global.value();
    const std::pair<SpendBy, std::vector<SpendRow>*> dimensions[] = {
        {SpendBy::Day, &balances.byDay},
        {SpendBy::Agent, &balances.byAgent},
        {SpendBy::Model, &balances.byModel},
        {SpendBy::Project, &balances.byProject}};
    for (const auto& [dimension, rows] : dimensions) {
        auto found = m_spend->by(dimension);
        if (!found)
            return Error{found.error()};
        *rows = std::move(found).value();
    }
    for (const SpendRow& project : balances.byProject) {
        auto status = m_budgets->status(project.key);
        if (!status)
            return Error{status.error()};
        balances.projects.push_back(status.value());
    }
    return balances;
}

void Engine::startRun(const QString& description, Reply<QString> done) { done(startRun(description, QString())); }
void Engine::resumeRun(const QString& runId, Reply<void> done) { done(resumeRun(runId)); }
void Engine::answer(const QString& runId, const QString& text, Reply<void> done) { done(answer(runId, text)); }
void Engine::cancel(const QString& runId, Reply<void> done) { done(cancel(runId)); }
void Engine::forkRun(const QString& runId, int stepNo, Reply<QString> done) { done(forkRun(runId, stepNo)); }
void Engine::projects(Reply<std::vector<ProjectRecord>> done) { done(projects()); }
void Engine::runs(Reply<std::vector<RunRecord>> done) { done(runs()); }
void Engine::projectSummaries(Reply<std::vector<ProjectSummary>> done) { done(projectSummaries()); }
void Engine::runDetail(const QString& runId, Reply<RunDetail> done) { done(runDetail(runId)); }
void Engine::report(const QString& runId, Reply<QString> done) { done(report(runId)); }
void Engine::reports(Reply<std::vector<ReportEntry>> done) { done(reports()); }
void Engine::files(const QString& runId, Reply<QStringList> done)
{
    auto browser = browse(runId);
    done(browser ? browser->files() : Result<QStringList>(Error{browser.error()}));
}
void Engine::fileText(const QString& runId, const QString& path, Reply<QString> done)
{
    auto browser = browse(runId);
    done(browser ? browser->fileText(path) : Result<QString>(Error{browser.error()}));
}
void Engine::commits(const QString& runId, Reply<std::vector<GitCommitInfo>> done)
{
    auto browser = browse(runId);
    done(browser ? browser->commits() : Result<std::vector<GitCommitInfo>>(Error{browser.error()}));
}
void Engine::commitDiff(const QString& runId, const QString& sha, Reply<QString> done)
{
    auto browser = browse(runId);
    done(browser ? browser->commitDiff(sha) : Result<QString>(Error{browser.error()}));
}
void Engine::graphVersions(Reply<std::vector<GraphVersion>> done) { done(m_graphs->versions()); }
void Engine::graph(qint64 id, Reply<GraphVersion> done)
{
    done(id == 0 ? m_graphs->currentVersion() : m_graphs->version(id));
}
void Engine::saveGraph(const Json& body, Reply<GraphVersion> done) { done(m_graphs->save(body)); }
void Engine::topUp(const QString& scope, double amount, Reply<BudgetStatus> done)
{
    done(topUp(scope, amount, QStringLiteral("engine api")));
}
void Engine::balances(Reply<Balances> done) { done(balances()); }

} // namespace orch
