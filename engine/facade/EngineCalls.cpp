// EngineApi: each call of the method table, answered through its reply from the event loop.
#include "facade/Engine.h"
#include "report/ReportWriter.h"
#include "review/ProjectBrowser.h"
#include "runtime/GraphCatalog.h"

#include <QDateTime>

namespace orch {

// Every answer is delivered from the event loop, as a remote engine's would be, so a caller
// never depends on being called back before the call returns.
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
    deliver(std::move(done), forkRun(params.runId, params.step, params.set));
}
void Engine::changeProject(const api::ChangeParams& params, Reply<QString> done)
{
    deliver(std::move(done), changeProject(params.project, params.text));
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
void Engine::projectRuns(const api::ProjectRef& params, Reply<std::vector<ProjectRun>> done)
{
    deliver(std::move(done), projectRuns(params.project));
}
void Engine::runOverview(const api::RunRef& params, Reply<RunOverview> done)
{
    deliver(std::move(done), runOverview(params.runId));
}
void Engine::writeDigest(const api::DigestParams& params, Reply<ReportEntry> done)
{
    auto written = writeDigest(params.since);
    if (!written)
        return deliver(std::move(done), Result<ReportEntry>(written.failure()));
    ReportEntry entry;
    entry.key = written->first;
    entry.markdown = written->second;
    entry.createdAt = QDateTime::currentMSecsSinceEpoch();
    deliver(std::move(done), Result<ReportEntry>(std::move(entry)));
}
void Engine::forecast(const api::ForecastParams& params, Reply<RunForecast> done)
{
    deliver(std::move(done), forecastOf(params.description, params.project));
}
void Engine::awayReport(const api::AwayParams& params, Reply<ReportEntry> done)
{
    const QString language = params.language.isEmpty() ? QStringLiteral("en") : params.language;
    if (language != QLatin1String("en") && language != QLatin1String("ru"))
        return deliver(
            std::move(done),
            Result<ReportEntry>(Error{QStringLiteral("language: en or ru"), ErrorCode::Invalid}));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 since =
        params.since > 0 && params.since < now ? params.since : now - 7LL * 24 * 3600 * 1000;
    auto written = ReportWriter(*m_store, m_options.reportsDir)
                       .writeAway(*m_budgets, *m_spend, since, now, language);
    if (!written)
        return deliver(std::move(done), Result<ReportEntry>(written.failure()));
    ReportEntry entry;
    entry.key = written->first;
    entry.markdown = written->second;
    entry.createdAt = now;
    deliver(std::move(done), Result<ReportEntry>(std::move(entry)));
}
void Engine::runDetail(const api::RunRef& params, Reply<RunDetail> done)
{
    deliver(std::move(done), runDetail(params.runId));
}
void Engine::runView(const api::RunRef& params, Reply<RunView> done)
{
    deliver(std::move(done), runView(params.runId));
}
void Engine::checkpoint(const api::StepRef& params, Reply<Checkpoint> done)
{
    deliver(std::move(done), checkpointOf(params.runId, params.step));
}
void Engine::runEvents(const api::EventsParams& params, Reply<std::vector<RunEvent>> done)
{
    deliver(std::move(done), eventsOf(params.runId, params.after));
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
