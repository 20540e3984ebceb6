#pragma once
// Where a project's service lives: this machine while no production server is registered;
// else the server it was placed on, chosen at its first deploy as the ready server with the
// most free memory (capacity minus, per project there, the larger of its reservation and its
// measured use). No server with room is not a failure: the deploy waits for one.

#include "core/Result.h"
#include "store/ServerRegistry.h"

#include <functional>
#include <memory>

namespace orch {

class Database;
class ServerAccess;
class Vault;

struct PlacementChoice
{
    std::shared_ptr<ServerAccess> server; // null: this machine
    QString waitReason;                   // not empty: no server can take it now
};

class ServerPlacement
{
public:
    ServerPlacement(Database& database, std::function<Result<Vault*>()> vault);

    // The target of the project's next deploy; a placement is recorded the first time.
    Result<PlacementChoice> targetFor(const QString& projectId, int reservedMb);
    // SSH access to a registered server with its key from the vault (server scope only).
    Result<std::shared_ptr<ServerAccess>> access(const ServerRecord& server);

private:
    ServerRegistry m_registry;
    std::function<Result<Vault*>()> m_vault;
};

} // namespace orch
