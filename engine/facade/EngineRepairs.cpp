// Repairs: the watcher and the healer started on first need, each project's repair policy and
// budget (projects.repair), a repair run asked for by the person (deployments.repair), and the
// evidence a repair run is given. Forecasts of what a run will cost (runs.forecast).
#include "core/Guard.h"
#include "core/Log.h"
#include "facade/DeploymentHealer.h"
#include "facade/DeploymentWatch.h"
#include "facade/Engine.h"
#include "facade/RepairEvidence.h"
#include "graph/GraphDefinition.h"
#include "money/Budgets.h"
#include "review/ProjectBrowser.h"
#include "runtime/GraphCatalog.h"
#include "runtime/RunOutcome.h"
#include "runtime/Runner.h"
#include "store/Deployments.h"
#include "store/Incidents.h"
#include "store/RunStore.h"
#include "store/ServerRegistry.h"
#include "tools/DeployTools.h"
#include "tools/ProjectSecretScrub.h"

#include <QDateTime>

namespace orch {

void Engine::ensureWatch()
{
    if (m_deploymentWatch)
        return;
    DeploymentHealer::Services heal;
    heal.deployAgain = [this](const QString& projectId, bool back, Reply<DeploymentRecord> done) {
        deployAgain(projectId, back, std::move(done));
    };
    heal.startRepair = [this](const QString& projectId, const Incident& incident,
                              Reply<QString> done) {
        startRepair(projectId, incident, std::move(done));
    };
    heal.tell = [this](const DeploymentRecord& deployment, const QString& change,
                       const QString& detail, qint64 incident, const QString& run) {
        m_deploymentWatch->announce(deployment, change, detail, incident, run);
    };
    m_healer = new DeploymentHealer(*m_store, m_budgets->repairs(), m_options.healAfterFailures,
                                    std::move(heal), this);
    DeploymentWatch::Services services;
    services.settingsFor = [this](const QString& projectId) { return settingsOf(projectId); };
    services.revealSecret = m_options.tools.deploy.revealSecret;
    services.publish = [this](const RunEvent& event) {
        if (auto stored = m_store->appendEvent(event); !stored)
            log::get("watch")->error("event not stored: {}", stored.error());
        emit this->event(event);
    };
    services.recordMemory = [this](const QString& projectId, int memoryMb) {
        if (auto kept =
                ServerRegistry(m_store->database()).recordMeasuredMemory(projectId, memoryMb);
            !kept)
            log::get("watch")->warn("memory of {} not kept: {}", projectId, kept.error());
    };
    services.inIncident = [this](const QString& projectId) {
        return m_healer->inIncident(projectId);
    };
    m_deploymentWatch = new DeploymentWatch(*m_store, std::move(services), this);
    connect(m_deploymentWatch, &DeploymentWatch::probed, m_healer, &DeploymentHealer::onProbe);
}

void Engine::repairPolicy(const api::RepairParams& params, Reply<RepairStanding> done)
{
    auto project = findProject(params.project);
    if (!project)
        return deliver(std::move(done), Result<RepairStanding>(project.failure()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Repairs& repairs = m_budgets->repairs();
    deliver(std::move(done), params.policy.isEmpty() && params.budget < 0
                                 ? repairs.standing(project->id, now)
                                 : repairs.set(project->id, params.policy, params.budget, now));
}

void Engine::repairNow(const api::ProjectRef& params, Reply<QString> done)
{
    auto project = findProject(params.project);
    if (!project)
        return deliver(std::move(done), Result<QString>(project.failure()));
    ensureWatch();
    // The healer may answer at once (a refusal): its answer still comes from the event loop.
    m_healer->repair(project->id, [this, done = std::move(done)](Result<QString> run) mutable {
        deliver(std::move(done), std::move(run));
    });
}

void Engine::startRepair(const QString& projectId, const Incident& incident, Reply<QString> done)
{
    auto project = m_store->project(projectId);
    auto deployment =
        Deployments(m_store->database()).get(projectId, QDateTime::currentMSecsSinceEpoch());
    if (!project || !deployment)
        return done(Error{project.error() + deployment.error()});
    if (!deployment->has_value())
        return done(Error{QStringLiteral("%1 has nothing deployed").arg(project->name),
                          ErrorCode::NotFound});
    const DeploymentRecord live = deployment->value();
    auto state = m_store->lastState(live.runId);
    const Json deployedState = state ? state.value() : Json::object();
    static const AgentDefinition nobody;
    ToolContext context{deployedState, nobody, live.runId, project->workspace, this};
    const DeployServices& services = m_options.tools.deploy;
    readServiceLog(
        services, context, 80,
        [this, project = project.value(), live, incident, deployedState,
         done = std::move(done)](Result<QStringList> lines) {
            (void)guarded("heal", "a repair run's start", [&] {
                // The log may show the service's secrets: the run sees their handles only.
                QStringList tail;
                if (lines) {
                    const Json scrubbed =
                        scrubFor(m_options.tools.deploy, project.id, deployedState)
                            .scrub(Json(
                                QStringList(lines.value()).join(QLatin1Char('\n')).toStdString()));
                    tail = toQ(scrubbed.is_string() ? scrubbed.get<std::string>() : "")
                               .split(QLatin1Char('\n'));
                } else {
                    tail << QStringLiteral("(the log could not be read: %1)").arg(lines.error());
                }
                auto probes = Deployments(m_store->database()).recentProbes(project.id, 10);
                auto commits = ProjectBrowser(project.workspace).commits(40);
                const Json evidence = RepairEvidence::build(
                    incident, live, probes ? probes.value() : Json::array(), tail,
                    commits ? commits.value() : std::vector<GitCommitInfo>());
                auto graph = m_graphs->current();
                if (!graph)
                    return done(graph.failure());
                auto run = m_runner->change(project.id, RepairEvidence::request(incident, live),
                                            graph.value(), evidence);
                if (!run)
                    return done(run);
                if (auto marked = m_budgets->repairs().markRepairRun(
                        run.value(), project.id, incident.id, QDateTime::currentMSecsSinceEpoch());
                    !marked)
                    log::get("heal")->error("run {} not marked a repair: {}", run.value(),
                                            marked.error());
                done(run);
            });
        });
}

Result<RunForecast> Engine::forecastOf(const QString& description, const QString& project)
{
    if (description.trimmed().isEmpty())
        return Error{QStringLiteral("say what the run is to do"), ErrorCode::Invalid};
    Json state{{"project", {{"description", toStd(description.left(20000))}}}};
    Json graph;
    std::optional<double> left;
    if (auto global = m_budgets->status(kGlobalScope); global)
        left = global->remaining();
    if (project.isEmpty()) {
        auto current = m_graphs->current();
        if (!current)
            return current.failure();
        graph = current.value()->source;
        if (const auto perProject = m_budgets->defaults().perProject)
            left = left ? std::min(*left, *perProject) : *perProject;
    } else {
        auto found = findProject(project);
        if (!found)
            return found.failure();
        auto runs = m_store->runs();
        if (!runs)
            return runs.failure();
        for (const RunRecord& run : runs.value()) // oldest first: the last one wins
            if (run.projectId == found->id) {
                if (auto last = m_store->lastState(run.id))
                    state = last.value();
                if (auto body = m_store->graphBody(run.graphId))
                    graph = body.value();
            }
        state["change"] = {{"request", toStd(description.left(4000))}};
        if (auto own = m_budgets->status(found->id); own && own->remaining())
            left = left ? std::min(*left, *own->remaining()) : *own->remaining();
    }
    auto forecast = Forecasts(m_store->database()).forecast(runOutcome::featuresOf(state, graph));
    if (!forecast)
        return forecast;
    forecast->budgetLeft = left;
    forecast->exceedsBudget = forecast->known() && left && forecast->costMid > *left;
    return forecast;
}

} // namespace orch
