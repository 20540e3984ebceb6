// Engine's models as the first run needs them: whether runs can start, the offline demo model
// switched on at run time, and a provider's connection test.
#include "facade/Engine.h"
#include "llm/ModelList.h"
#include "runtime/GraphCatalog.h"
#include "vault/Vault.h"

#include <QFile>

namespace orch {

namespace {
// The recording the offline demo model replays (the city time service), compiled in.
const QString kDemoRecording = QStringLiteral(":/demo/city-time.replay.json");
} // namespace

Result<ModelReadiness> Engine::modelReadiness()
{
    ModelReadiness readiness;
    readiness.offlineDemo = !m_models->settings().replayScript.isEmpty();
    auto graph = m_graphs->current();
    if (!graph)
        return graph.failure();
    // The startup problem is the cause when there is one: the endpoint it left out is what
    // the check then misses.
    if (!m_startupProblem.isEmpty())
        readiness.problem = m_startupProblem;
    else if (auto checked = m_models->check(*graph.value()); !checked) {
        // Said for any front end: the router's own message ends in a command-line hint.
        const QStringList missing = m_models->unconfiguredProviders(*graph.value());
        readiness.problem =
            missing.isEmpty()
                ? checked.error()
                : QStringLiteral("no endpoint is configured for %1, which the agents' models use")
                      .arg(missing.join(QStringLiteral(", ")));
    }
    readiness.ready = readiness.problem.isEmpty();
    return readiness;
}

Result<ModelReadiness> Engine::useOfflineDemo()
{
    // Offered for an engine without a model only: a working server's runs must never start
    // replaying a recording because a client asked.
    auto now = modelReadiness();
    if (!now)
        return now.failure();
    if (now->ready && !now->offlineDemo)
        return Error{QStringLiteral("models are configured; the offline demo model is only offered "
                                    "while none is"),
                     ErrorCode::Conflict};
    if (auto used = m_models->useReplay(kDemoRecording); !used)
        return used.failure();
    m_startupProblem.clear(); // the endpoints it was about are not used any more
    return modelReadiness();
}

void Engine::modelReadiness(const api::NoParams&, Reply<ModelReadiness> done)
{
    deliver(std::move(done), modelReadiness());
}

void Engine::useOfflineDemo(const api::NoParams&, Reply<ModelReadiness> done)
{
    deliver(std::move(done), useOfflineDemo());
}

void Engine::testProvider(const api::ProviderTestParams& params, Reply<QStringList> done)
{
    ModelListRequest request{params.kind, QUrl(params.baseUrl), {}};
    // Only a provider key may be sent to the address given: a bot token or a server's SSH key
    // must never leave for a URL someone typed.
    if (!params.keySecret.isEmpty() && !params.keySecret.startsWith(QLatin1String("key:")))
        return deliver(std::move(done), Result<QStringList>(Error{
                                            QStringLiteral("%1 is not a provider key (key:NAME)")
                                                .arg(params.keySecret.left(100)),
                                            ErrorCode::Forbidden}));
    if (!params.keySecret.isEmpty()) {
        auto vault = this->vault();
        auto key =
            vault ? vault.value()->reveal(params.keySecret) : Result<QByteArray>(vault.failure());
        if (!key)
            return deliver(
                std::move(done),
                Result<QStringList>(Error{
                    QStringLiteral("the key %1: %2").arg(params.keySecret.left(100), key.error()),
                    ErrorCode::Invalid}));
        request.apiKey = key.value();
    }
    // Answered from the event loop like every call, even when refused before sending.
    listModels(m_network, request,
               [this, done = std::move(done)](Result<QStringList> models) mutable {
                   deliver(std::move(done), std::move(models));
               });
}

} // namespace orch
