#pragma once
// Graph versions: which version new runs of a graph name use, and saving an edited graph as
// a new version. Running runs keep the version they started with.

#include "api/Records.h"
#include "core/Result.h"
#include "graph/GraphLoader.h"

namespace orch {

class RunStore;
class ServerValues;

class GraphCatalog
{
public:
    GraphCatalog(RunStore& store, const GraphLoader& loader, QString bundledFile);
    ~GraphCatalog();

    // The version new runs use: the last one saved by a person, else the bundled graph.
    Result<GraphPtr> current();
    Result<GraphVersion> currentVersion();
    Result<GraphVersion> version(qint64 id);
    Result<std::vector<GraphVersion>> versions();
    // Validates and stores `body` (prompts inline) as the version new runs use.
    Result<GraphVersion> save(const Json& body);

private:
    Result<GraphPtr> load(const Json& body) const;
    Result<GraphVersion> bundled();

    RunStore& m_store;
    const GraphLoader& m_loader;
    QString m_bundledFile;
    std::unique_ptr<ServerValues> m_values;
};

} // namespace orch
