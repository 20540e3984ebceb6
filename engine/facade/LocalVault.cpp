#include "LocalVault.h"

#include "facade/StoreDatabase.h"
#include "vault/VaultKey.h"

#include <QDir>

namespace orch {

Result<LocalVault> LocalVault::open(const EngineOptions& options)
{
    const QString databasePath =
        options.databasePath.isEmpty()
            ? QDir(Engine::defaultDataDir()).filePath(QStringLiteral("orchestrator.db"))
            : options.databasePath;
    const QString keyFile =
        options.vaultKeyFile.isEmpty() ? defaultVaultKeyFile() : options.vaultKeyFile;
    auto database = openStoreDatabase(databasePath, keyFile);
    if (!database)
        return database.failure();
    auto vault = Vault::open(*database.value(), keyFile);
    if (!vault)
        return vault.failure();
    return LocalVault{std::move(database).value(), std::move(vault).value()};
}

} // namespace orch
