// A change to a project that exists: a new run on the same project, workspace, repository and
// deployment, starting where the design is decided, with what the last run knew.
#include "core/Log.h"
#include "graph/GraphLoader.h"
#include "runtime/ModelRouter.h"
#include "runtime/Run.h"
#include "runtime/RunOutcome.h"
#include "runtime/Runner.h"
#include "store/RunStore.h"

#include <QUuid>

namespace orch {
namespace {

// What a change starts from: the design and where things are, not the last run's progress
// (its tests, probes and approvals say nothing about the changed code).
constexpr const char* kCarried[] = {"project", "spec",       "plan",      "scaffold",
                                    "repo",    "deployment", "resources", "report"};

QString entryFor(const GraphDefinition& graph, bool repair)
{
    const QString first = repair ? QStringLiteral("developer") : QStringLiteral("architect");
    return graph.agent(first) ? first : graph.entry;
}

} // namespace

Result<QString> Runner::change(const QString& projectId, const QString& request, GraphPtr graph,
                               const Json& repair)
{
    if (m_draining)
        return Error{QStringLiteral("shutting down: no new run starts"), ErrorCode::Unavailable};
    if (request.trimmed().isEmpty())
        return Error{QStringLiteral("say what to change"), ErrorCode::Invalid};
    auto project = m_store.project(projectId);
    if (!project)
        return project.failure();
    auto runs = m_store.runs();
    if (!runs)
        return runs.failure();
    const RunRecord* last = nullptr;
    for (const RunRecord& run : runs.value()) {
        if (run.projectId != project->id)
            continue;
        if (!RunStatus::isFinished(run.status))
            return Error{QStringLiteral("project %1 has a run in progress (%2, %3): answer or "
                                        "cancel it first")
                             .arg(project->name, run.id, RunStatus::name(run.status)),
                         ErrorCode::Conflict};
        if (!last || run.createdAt > last->createdAt)
            last = &run;
    }
    Json carried = Json::object();
    qint64 graphId = 0;
    if (last) {
        // The project's own graph (it may be a custom one), as its last run had it.
        auto body = m_store.graphBody(last->graphId);
        LoadedGraph own = body ? m_loader.loadJson(body.value(), {}) : LoadedGraph{};
        if (own.ok()) {
            graph = own.graph;
            graphId = last->graphId;
        }
        auto state = m_store.lastState(last->id);
        if (!state)
            return state.failure();
        for (const char* key : kCarried)
            if (state->contains(key))
                carried[key] = (*state)[key];
        carried["change_from_run"] = toStd(last->id);
    }
    carried["project"] = {{"name", toStd(project->name)},
                          {"description", toStd(project->description)}};
    if (repair.is_object())
        carried["repair"] = repair;
    Json asked = carried;
    asked["change"] = {{"request", toStd(request.trimmed().left(4000))}};
    carried["forecast"] = forecastFor(runOutcome::featuresOf(asked, graph->source));
    if (auto usable = m_models.check(*graph); !usable)
        return usable.failure();
    if (graphId == 0) {
        auto saved = m_store.saveGraph(graph->name, graph->source);
        if (!saved)
            return saved.failure();
        graphId = saved.value();
    }
    const QString runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString entry = entryFor(*graph, repair.is_object());
    log::get("graph")->info("run {}: a {} of project {} starting at {}", runId,
                            repair.is_object() ? "repair" : "change", project->id, entry);
    Run* run = createRun(runId, project->id, graphId, graph, project->workspace);
    return launch(run, run->startChange(carried, request.trimmed().left(4000), entry));
}

} // namespace orch
