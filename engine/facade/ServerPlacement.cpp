#include "facade/ServerPlacement.h"

#include "deploy/ServerAccess.h"
#include "vault/Vault.h"

namespace orch {

ServerPlacement::ServerPlacement(Database& database, std::function<Result<Vault*>()> vault)
    : m_registry(database), m_vault(std::move(vault))
{
}

Result<std::shared_ptr<ServerAccess>> ServerPlacement::access(const ServerRecord& server)
{
    auto vault = m_vault();
    if (!vault)
        return vault.failure();
    // A server key is the orchestrator's own: a project's or a shared secret never opens one.
    auto scope = vault.value()->scopeOf(server.keyHandle);
    if (!scope || scope.value() != kServerScope)
        return Error{QStringLiteral("the SSH key of server %1 (%2) is not in the vault as the "
                                    "orchestrator's own: store it with `orchestratord secrets "
                                    "set %2 < KEYFILE`")
                         .arg(server.name, server.keyHandle)};
    auto key = vault.value()->reveal(server.keyHandle);
    if (!key)
        return key.failure();
    return ServerAccess::open(server, key.value());
}

Result<PlacementChoice> ServerPlacement::targetFor(const QString& projectId, int reservedMb)
{
    auto servers = m_registry.list();
    if (!servers)
        return servers.failure();
    if (servers->empty())
        return PlacementChoice{}; // this machine
    auto placed = m_registry.place(projectId, reservedMb);
    if (!placed)
        return placed.failure();
    if (!placed->has_value()) {
        QStringList room;
        for (const ServerRecord& server : servers.value()) {
            auto free = m_registry.freeMb(server.name);
            room << (server.status == ServerStatus::Ready
                         ? QStringLiteral("%1: %2 MB free of %3")
                               .arg(server.name)
                               .arg(free ? free.value() : 0)
                               .arg(server.capacityMb)
                         : QStringLiteral("%1: %2").arg(server.name, server.status));
        }
        return PlacementChoice{
            nullptr, QStringLiteral("no production server has %1 MB free for this project "
                                    "(%2). Add a server (`orchestratord servers add`), "
                                    "raise a capacity or tear a project down; the run "
                                    "continues when one has room")
                         .arg(reservedMb)
                         .arg(room.join(QStringLiteral("; ")))};
    }
    auto server = m_registry.get((*placed)->server);
    if (!server)
        return server.failure();
    if (server->status == ServerStatus::HostKeyChanged)
        return Error{QStringLiteral("deploys to server %1 are stopped: %2")
                         .arg(server->name, server->statusReason)};
    auto opened = access(server.value());
    if (!opened)
        return opened.failure();
    return PlacementChoice{opened.value(), {}};
}

} // namespace orch
