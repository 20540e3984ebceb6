#include "DesktopServices.h"

#include "config/ServerConfig.h"
#include "facade/LocalVault.h"

namespace orch::desktop {

namespace {

EngineOptions localOptions(const Engine& engine)
{
    EngineOptions options;
    options.databasePath = engine.databasePath();
    options.vaultKeyFile = engine.vaultKeyFile();
    return options;
}

} // namespace

ui::SettingsServices settingsServices(Engine* local)
{
    ui::SettingsServices services;
    services.check = [](const Json& document, const QString& baseDir) {
        auto config = ServerConfig::fromJson(document, baseDir, ServerConfig::Use::Desktop);
        return config ? QStringList() : config.error().split(QLatin1Char('\n'));
    };
    if (local)
        services.storeSecret = [options = localOptions(*local)](
                                   const QString& handle, const QByteArray& value) -> Result<void> {
            auto opened = LocalVault::open(options);
            if (!opened)
                return opened.failure();
            auto stored = opened->vault->put(handle, value);
            if (!stored)
                return stored.failure();
            return {};
        };
    return services;
}

Result<QByteArray> revealLocalSecret(const EngineOptions& options, const QString& handle)
{
    auto opened = LocalVault::open(options);
    if (!opened)
        return opened.failure();
    return opened->vault->reveal(handle);
}

} // namespace orch::desktop
