// Engine's queries and money requests.
#include "api/MoneyTypes.h"
#include "facade/Engine.h"
#include "graph/ProjectState.h"
#include "money/Spend.h"
#include "report/ReportWriter.h"
#include "runtime/GraphCatalog.h"
#include "runtime/Runner.h"
#include "store/Deployments.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QHash>
#include <QTimer>

namespace orch {

Result<QString> Engine::forkRun(const QString& runId, int stepNo, const Json& edits)
{
    return m_runner->fork(runId, stepNo, edits);
}

Result<ProjectRecord> Engine::findProject(const QString& project)
{
    auto all = m_store->projects();
    if (!all)
        return all.failure();
    const QString wanted = project.trimmed();
    std::vector<const ProjectRecord*> matches;
    for (const ProjectRecord& record : all.value()) {
        if (record.id == wanted || record.name.compare(wanted, Qt::CaseInsensitive) == 0) {
            matches = {&record};
            break;
        }
        if (wanted.size() >= 4 && record.id.startsWith(wanted))
            matches.push_back(&record);
    }
    if (matches.empty())
        return Error{QStringLiteral("no project '%1'").arg(wanted.left(100)), ErrorCode::NotFound};
    if (matches.size() > 1)
        return Error{QStringLiteral("'%1' names %2 projects; give more of the id")
                         .arg(wanted.left(100))
                         .arg(matches.size()),
                     ErrorCode::Invalid};
    return *matches.front();
}

Result<QString> Engine::changeProject(const QString& project, const QString& text)
{
    auto found = findProject(project);
    if (!found)
        return found.failure();
    auto graph = m_graphs->current();
    if (!graph)
        return graph.failure();
    return m_runner->change(found->id, text, graph.value());
}

Result<std::vector<ProjectRecord>> Engine::projects()
{
    return m_store->projects();
}

Result<std::vector<ProjectSummary>> Engine::projectSummaries()
{
    auto projects = m_store->projects();
    auto runs = m_store->runs(); // oldest first
    auto spend = m_spend->by(SpendBy::Project);
    if (!projects || !runs || !spend)
        return Error{projects.error() + runs.error() + spend.error()};
    QHash<QString, DeploymentRecord> live;
    if (auto deployments =
            Deployments(m_store->database()).list(QDateTime::currentMSecsSinceEpoch()))
        for (const DeploymentRecord& d : deployments.value())
            live.insert(d.projectId, d);
    // One pass over the runs and the spend (the list is asked for after every run that stops).
    // The newest run of a project (after a fork or a change, not its first): the last.
    QHash<QString, const RunRecord*> latest;
    for (const RunRecord& run : runs.value())
        latest.insert(run.projectId, &run);
    QHash<QString, const SpendRow*> spent;
    for (const SpendRow& row : spend.value())
        spent.insert(row.key, &row);
    std::vector<ProjectSummary> summaries;
    for (const ProjectRecord& project : projects.value()) {
        ProjectSummary summary{project, std::nullopt, 0, 0, 0, {}, std::nullopt};
        if (const RunRecord* run = latest.value(project.id))
            summary.latestRun = *run;
        if (const SpendRow* row = spent.value(project.id)) {
            summary.cost = row->cost;
            summary.simulatedCost = row->simulatedCost;
            summary.unknownCostCalls = row->unknownCostCalls;
        }
        const auto watched = live.constFind(project.id);
        const bool watchedKnown =
            watched != live.cend() && watched->health != DeploymentHealthState::Unknown;
        if (summary.latestRun && !watchedKnown) // else what the watcher found replaces it all
            if (auto state = m_store->lastState(summary.latestRun->id))
                if (auto deployment = StateView(state.value()).deployment()) {
                    summary.url = deployment->url;
                    summary.healthy = deployment->healthy;
                }
        // What the watcher last found beats what the deploy found.
        if (watched != live.cend()) {
            summary.url = watched->url;
            if (watched->health != DeploymentHealthState::Unknown)
                summary.healthy = watched->health == DeploymentHealthState::Healthy;
            summary.uptime = watched->uptime;
        }
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

Result<std::vector<ProjectRun>> Engine::projectRuns(const QString& project)
{
    auto found = findProject(project);
    if (!found)
        return found.failure();
    auto runs = m_store->runs(); // oldest first
    if (!runs)
        return runs.failure();
    std::vector<ProjectRun> list;
    for (auto run = runs->rbegin(); run != runs->rend(); ++run) {
        if (run->projectId != found->id)
            continue;
        ProjectRun entry{*run, QStringLiteral("new"), {}, -1, 0, 0};
        // A fork says so in its first event; a change carries its source in its first state.
        if (auto first = m_store->firstEvent(run->id);
            first && *first && (*first)->kind == EventKind::RunForked) {
            entry.kind = QStringLiteral("fork");
            entry.fromRun = toQ(stringOr((*first)->payload, "from_run"));
            entry.fromStep = int(intOr((*first)->payload, "from_step", -1));
        } else if (auto start = m_store->checkpointAt(run->id, 0)) {
            const Json& change = objectAt(start->state, "change");
            if (!change.empty()) {
                entry.kind = QStringLiteral("change");
                entry.fromRun = toQ(stringOr(change, "from_run"));
            }
        }
        if (auto ledger = m_store->ledger(run->id))
            for (const LedgerEntry& charge : ledger.value())
                if (charge.cost) {
                    entry.cost += *charge.cost;
                    if (isSimulatedProvider(charge.provider))
                        entry.simulatedCost += *charge.cost;
                }
        list.push_back(std::move(entry));
    }
    return list;
}

Result<RunView> Engine::runView(const QString& runId)
{
    auto run = m_store->run(runId);
    if (!run)
        return run.failure();
    auto project = m_store->project(run->projectId);
    auto steps = m_store->steps(run->id);
    auto ledger = m_store->ledger(run->id);
    for (const QString& problem : {project.error(), steps.error(), ledger.error()})
        if (!problem.isEmpty())
            return Error{problem};
    RunView view{run.value(), std::move(project).value(), std::move(steps).value(),
                 std::move(ledger).value(), Json()};
    if (auto state = m_store->lastState(run->id))
        view.question = StateView(state.value()).question();
    return view;
}

Result<Checkpoint> Engine::checkpointOf(const QString& runId, int stepNo)
{
    auto run = m_store->run(runId);
    return run ? m_store->checkpointAt(run->id, stepNo) : Result<Checkpoint>(run.failure());
}

Result<std::vector<RunEvent>> Engine::eventsOf(const QString& runId, qint64 afterId)
{
    auto run = m_store->run(runId);
    return run ? m_store->events(run->id, afterId) : Result<std::vector<RunEvent>>(run.failure());
}

Result<RunOverview> Engine::runOverview(const QString& runId)
{
    auto run = m_store->run(runId);
    if (!run)
        return run.failure();
    auto project = m_store->project(run->projectId);
    auto ledger = m_store->ledger(run->id);
    if (!project || !ledger)
        return project ? ledger.failure() : project.failure();
    RunOverview overview;
    overview.run = run.value();
    overview.project = project.value();
    for (const LedgerEntry& entry : ledger.value()) {
        overview.cost += entry.cost.value_or(0.0);
        if (isSimulatedProvider(entry.provider))
            overview.simulatedCost += entry.cost.value_or(0.0);
        overview.unknownCostCalls += entry.cost ? 0 : 1;
    }
    if (auto document = m_store->lastState(run->id)) {
        const StateView state(document.value());
        overview.question = state.question();
        overview.repository = state.repository();
        if (auto deployment = state.deployment()) {
            overview.url = deployment->url;
            overview.healthy = deployment->healthy;
        }
    }
    // What the watcher last found beats what the deploy found.
    if (auto watched = Deployments(m_store->database())
                           .get(run->projectId, QDateTime::currentMSecsSinceEpoch());
        watched && watched.value()) {
        if (watched.value()->health != DeploymentHealthState::Unknown)
            overview.healthy = watched.value()->health == DeploymentHealthState::Healthy;
        overview.botActivity = watched.value()->activity;
    }
    return overview;
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
    if (!runId.startsWith(QLatin1String("digest-")) && !runId.startsWith(QLatin1String("away-"))) {
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

Result<BudgetStatus> Engine::recordTopUp(const QString& scope, double amount, const QString& byWhom)
{
    return m_budgets->topUp(scope, amount, byWhom);
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
        {SpendBy::Project, &balances.byProject},
        {SpendBy::ProjectDay, &balances.byProjectDay}};
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
    auto storage = storageStatus();
    if (!storage)
        return storage.failure();
    balances.storage = storage.value();
    return balances;
}

} // namespace orch
