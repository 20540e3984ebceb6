#include "runtime/GraphCatalog.h"

#include "store/RunStore.h"
#include "store/ServerValues.h"

namespace orch {
namespace {
const QString kCurrentKey = QStringLiteral("graph.current");
}

GraphCatalog::GraphCatalog(RunStore& store, const GraphLoader& loader, QString bundledFile)
    : m_store(store), m_loader(loader), m_bundledFile(std::move(bundledFile)),
      m_values(std::make_unique<ServerValues>(store.database()))
{
}

GraphCatalog::~GraphCatalog() = default;

Result<GraphPtr> GraphCatalog::load(const Json& body) const
{
    LoadedGraph graph = m_loader.loadJson(body, {});
    if (!graph.ok())
        return Error{graph.errorText(), ErrorCode::InvalidGraph};
    return graph.graph;
}

Result<GraphVersion> GraphCatalog::bundled()
{
    LoadedGraph graph = m_loader.loadFile(m_bundledFile);
    if (!graph.ok())
        return Error{graph.errorText(), ErrorCode::InvalidGraph};
    auto id = m_store.saveGraph(graph.graph->name, graph.graph->source);
    if (!id)
        return id.failure();
    return version(id.value());
}

Result<GraphVersion> GraphCatalog::currentVersion()
{
    auto chosen = m_values->get(kCurrentKey);
    if (!chosen)
        return chosen.failure();
    if (!chosen->has_value())
        return bundled();
    return version(chosen->value().toLongLong());
}

Result<GraphPtr> GraphCatalog::current()
{
    auto current = currentVersion();
    if (!current)
        return current.failure();
    return load(current->body);
}

Result<GraphVersion> GraphCatalog::version(qint64 id)
{
    auto body = m_store.graphBody(id);
    if (!body)
        return body.failure();
    auto all = m_store.graphVersions();
    if (!all)
        return all.failure();
    for (GraphVersion& listed : all.value())
        if (listed.id == id) {
            listed.body = std::move(body).value();
            return listed;
        }
    return Error{QStringLiteral("no graph version %1").arg(id), ErrorCode::NotFound};
}

Result<std::vector<GraphVersion>> GraphCatalog::versions()
{
    return m_store.graphVersions();
}

Result<GraphVersion> GraphCatalog::save(const Json& body)
{
    auto graph = load(body);
    if (!graph)
        return graph.failure();
    auto id = m_store.saveGraph(graph.value()->name, graph.value()->source);
    if (!id)
        return id.failure();
    if (auto ok = m_values->set(kCurrentKey, QString::number(id.value())); !ok)
        return ok.failure();
    return version(id.value());
}

} // namespace orch
