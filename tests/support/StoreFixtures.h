#pragma once
// A store opened with project "p1", a graph and run "run-1" (step 0 checkpointed), for the tests
// of the store's writes.

#include "store/RunStore.h"

#include <QtGlobal>
#include <memory>

namespace orch::test {

inline RunRecord runRecord(const QString& id)
{
    RunRecord run;
    run.id = id;
    run.projectId = QStringLiteral("p1");
    run.graphId = 1;
    run.status = RunStatus::Running;
    return run;
}
inline std::unique_ptr<RunStore> openWithRun(const QString& path)
{
    auto store = RunStore::open(path);
    if (!store)
        qFatal("%s", qPrintable(store.error()));
    auto s = std::move(store).value();
    if (!s->createProject({"p1", "demo", "a demo", "/tmp/ws", 0}).ok())
        qFatal("project");
    if (!s->saveGraph("g", Json{{"name", "g"}}).ok())
        qFatal("graph");
    if (!s->createRun(runRecord("run-1"), {"run-1", 0, {{"k", 1}}, {{"agent", "a"}}}, {}).ok())
        qFatal("run");
    return s;
}

} // namespace orch::test
