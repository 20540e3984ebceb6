// A fork: a new run of the same project from one of a run's checkpoints (time travel), its
// state edited by the person first if asked; and the check that a run's graph can run at all.
#include "graph/GraphLoader.h"
#include "graph/ProjectState.h"
#include "graph/StateEdits.h"
#include "runtime/ModelRouter.h"
#include "runtime/RunCursor.h"
#include "runtime/Runner.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QUuid>

namespace orch {

Result<QString> Runner::fork(const QString& runId, int stepNo, const Json& edits)
{
    if (m_draining)
        return Error{QStringLiteral("shutting down: no new run starts"), ErrorCode::Unavailable};
    auto source = m_store.run(runId);
    if (!source)
        return source.failure();
    auto from = m_store.checkpointAt(source->id, stepNo);
    if (!from)
        return Error{
            QStringLiteral("run %1 has no checkpoint after step %2").arg(source->id).arg(stepNo)};
    auto edited = applyStateEdits(from->state, edits);
    if (!edited)
        return edited.failure();
    // A fork that could not run (no model ready, a graph that no longer loads) is refused
    // before it exists, as a new run is, rather than left behind as a run nobody drives.
    if (auto graph = runnableGraph(source.value()); !graph)
        return graph.failure();
    RunRecord fork;
    fork.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    fork.projectId = source->projectId;
    fork.graphId = source->graphId;
    fork.currentAgent = RunCursor::fromJson(from->cursor).agent;
    // A checkpoint taken while a question was pending forks into a run waiting for its answer.
    const Json question = ProjectState(edited->state).question();
    fork.status = question.is_object() ? RunStatus::WaitingHuman : RunStatus::Running;
    fork.reason = question.is_object() ? toQ(stringOr(question, "text")) : QString();
    fork.createdAt = fork.updatedAt = QDateTime::currentMSecsSinceEpoch();
    RunEvent forked{fork.id,
                    0,
                    fork.currentAgent,
                    EventKind::RunForked,
                    {{"from_run", toStd(source->id)}, {"from_step", stepNo}},
                    fork.createdAt};
    if (!edited->paths.isEmpty()) {
        Json paths = Json::array();
        for (const QString& path : edited->paths)
            paths.push_back(toStd(path));
        forked.payload["edited"] = std::move(paths);
    }
    if (auto created = m_store.createRun(fork, {fork.id, 0, edited->state, from->cursor}, {forked});
        !created)
        return created.failure();
    emit event(forked);
    if (auto resumed = resume(fork); !resumed) {
        // It exists now: it ends failed with the reason, never left "running" undriven.
        fork.status = RunStatus::Failed;
        fork.reason = resumed.error();
        fork.updatedAt = QDateTime::currentMSecsSinceEpoch();
        (void)m_store.updateRun(fork, {});
        return resumed.failure();
    }
    return fork.id;
}

Result<GraphPtr> Runner::runnableGraph(const RunRecord& run)
{
    auto body = m_store.graphBody(run.graphId);
    if (!body)
        return body.failure();
    LoadedGraph graph = m_loader.loadJson(body.value(), {});
    if (!graph.ok())
        return Error{QStringLiteral("run %1: its graph version %2 no longer loads: %3")
                         .arg(run.id)
                         .arg(run.graphId)
                         .arg(graph.errorText())};
    if (auto usable = m_models.check(*graph.graph); !usable)
        return usable.failure();
    return graph.graph;
}

} // namespace orch
