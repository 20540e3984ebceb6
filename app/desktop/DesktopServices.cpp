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

Result<std::unique_ptr<Engine>> createDesktopEngine(EngineOptions options)
{
    auto created = Engine::create(options);
    if (created || (options.llm.keySecrets.empty() && options.llm.apiKeyHandle.isEmpty()))
        return created;
    const QString problem = created.error();
    // Without the keyed providers: their profiles are then "not configured", which the
    // readiness check reports along with why.
    for (const auto& [provider, handle] : options.llm.keySecrets)
        options.llm.endpoints.erase(provider);
    options.llm.keySecrets.clear();
    if (!options.llm.apiKeyHandle.isEmpty()) {
        options.llm.apiKeyHandle.clear();
        options.llm.overrideEndpoint.reset();
    }
    auto retried = Engine::create(options);
    if (!retried)
        return created; // something else is wrong too: the first error is the one to fix
    retried.value()->setStartupProblem(
        QObject::tr("%1 — store the key in Settings, then restart").arg(problem));
    return retried;
}

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
