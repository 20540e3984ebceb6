#include "DesktopServices.h"

#include "config/ServerConfig.h"
#include "store/Database.h"
#include "vault/Vault.h"
#include "vault/VaultKey.h"

#include <QDir>

namespace orch::desktop {

ui::SettingsServices settingsServices(Engine* local)
{
    ui::SettingsServices services;
    services.check = [](const Json& document, const QString& baseDir) {
        auto config = ServerConfig::fromJson(document, baseDir, ServerConfig::Use::Desktop);
        return config ? QStringList() : config.error().split(QLatin1Char('\n'));
    };
    if (local)
        services.storeSecret = [local](const QString& handle,
                                       const QByteArray& value) -> Result<void> {
            auto vault = local->vault();
            if (!vault)
                return vault.failure();
            auto stored = vault.value()->put(handle, value);
            if (!stored)
                return stored.failure();
            return {};
        };
    return services;
}

Result<QByteArray> revealLocalSecret(const EngineOptions& options, const QString& handle)
{
    const QString databasePath =
        options.databasePath.isEmpty()
            ? QDir(Engine::defaultDataDir()).filePath(QStringLiteral("orchestrator.db"))
            : options.databasePath;
    auto database = Database::open(databasePath);
    if (!database)
        return database.failure();
    auto vault =
        Vault::open(*database.value(),
                    options.vaultKeyFile.isEmpty() ? defaultVaultKeyFile() : options.vaultKeyFile);
    if (!vault)
        return vault.failure();
    return vault.value()->reveal(handle);
}

} // namespace orch::desktop
