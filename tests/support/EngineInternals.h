#pragma once
// The test accessor of Engine: what front ends may not reach (the store, the graph catalogue,
// the vault) and the synchronous work behind the calls, so a test can arrange and inspect a
// run directly. Production code has only EngineApi and the host's operations.

#include "facade/Engine.h"

#include <utility>

namespace orch {

class EngineInternals
{
public:
    explicit EngineInternals(Engine& engine) : m_engine(engine) {}

    RunStore& store() const { return m_engine.store(); }
    GraphCatalog& graphs() const { return m_engine.graphs(); }
    const GraphLoader& graphLoader() const { return m_engine.graphLoader(); }
    LoadedGraph loadGraph(const QString& graphFile) const { return m_engine.loadGraph(graphFile); }
    Result<Vault*> vault() const { return m_engine.vault(); }

#define ORCH_FORWARD(name)                                                                         \
    template <typename... Args> auto name(Args&&... args) const                                    \
    {                                                                                              \
        return m_engine.name(std::forward<Args>(args)...);                                         \
    }
    ORCH_FORWARD(startRun)
    ORCH_FORWARD(resumeRun)
    ORCH_FORWARD(answer)
    ORCH_FORWARD(cancel)
    ORCH_FORWARD(forkRun)
    ORCH_FORWARD(changeProject)
    ORCH_FORWARD(projects)
    ORCH_FORWARD(runs)
    ORCH_FORWARD(projectSummaries)
    ORCH_FORWARD(runDetail)
    ORCH_FORWARD(runOverview)
    ORCH_FORWARD(runView)
    ORCH_FORWARD(checkpointOf)
    ORCH_FORWARD(eventsOf)
    ORCH_FORWARD(report)
    ORCH_FORWARD(reports)
    ORCH_FORWARD(browse)
    ORCH_FORWARD(writeDigest)
    ORCH_FORWARD(topUp)
    ORCH_FORWARD(balances)
    ORCH_FORWARD(modelReadiness)
#undef ORCH_FORWARD

private:
    Engine& m_engine;
};

inline EngineInternals inside(Engine& engine)
{
    return EngineInternals(engine);
}

} // namespace orch
