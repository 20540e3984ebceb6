#pragma once
// The database and the vault that engine options name (defaults as the engine's), opened
// without an engine: for the secrets command, the desktop's settings, and the front ends of
// serve, which get a connection of their own rather than the engine's.

#include "facade/Engine.h"
#include "store/Database.h"
#include "vault/Vault.h"

#include <memory>

namespace orch {

struct LocalVault
{
    std::unique_ptr<Database> database;
    std::unique_ptr<Vault> vault; // reads and writes `database`

    static Result<LocalVault> open(const EngineOptions& options);
};

} // namespace orch
