#include "facade/Engine.h"

#include "coding/CodingAgent.h"
#include "core/Log.h"
#include "core/Redaction.h"
#include "deploy/ServerAccess.h"
#include "facade/DomainKeeper.h"
#include "facade/ServerPlacement.h"
#include "facade/StoreDatabase.h"
#include "llm/Pricing.h"
#include "money/Spend.h"
#include "runtime/GraphCatalog.h"
#include "runtime/Runner.h"
#include "store/Database.h"
#include "store/Deployments.h"
#include "store/ProjectDomains.h"
#include "store/ResourceAllocator.h"
#include "store/RunStore.h"
#include "store/ServerRegistry.h"
#include "store/WriteSpool.h"
#include "tools/ToolRegistry.h"
#include "vault/Vault.h"
#include "vault/VaultKey.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QStandardPaths>

namespace orch {

// Gives the tools what they need of the engine: port allocation and secrets from the vault.
EngineOptions Engine::withServices(EngineOptions options, Engine* engine, RunStore& store)
{
    options.tools.deploy.allocatePort = [&store](const QString& projectId, int first, int last) {
        return ResourceAllocator(store.database()).port(projectId, first, last);
    };
    options.tools.deploy.claimServiceName = [&store](const QString& projectId,
                                                     const QString& wanted) {
        return ResourceAllocator(store.database()).serviceName(projectId, wanted);
    };
    if (!options.gitTokenHandle.isEmpty())
        options.tools.git.pushToken = [engine, handle = options.gitTokenHandle]() -> QByteArray {
            auto vault = engine->vault();
            auto token =
                vault ? vault.value()->reveal(handle) : Result<QByteArray>(vault.failure());
            return token ? token.value() : QByteArray();
        };
    options.tools.deploy.targetFor = [engine, &store](const QString& projectId,
                                                      int reservedMb) -> Result<DeployTarget> {
        auto choice = ServerPlacement(store.database(), [engine] {
                          return engine->vault();
                      }).targetFor(projectId, reservedMb);
        if (!choice)
            return choice.failure();
        DeployTarget target;
        target.waitReason = choice->waitReason;
        if (choice->server)
            target.server = engine->serverSettings(choice->server);
        return target;
    };
    options.tools.deploy.placedSettings =
        [engine, &store](const QString& projectId) -> Result<std::optional<DeploySettings>> {
        ServerRegistry registry(store.database());
        auto placement = registry.placement(projectId);
        if (!placement)
            return placement.failure();
        if (!placement->has_value())
            return std::optional<DeploySettings>();
        auto server = registry.get((*placement)->server);
        if (!server)
            return server.failure();
        auto access = ServerPlacement(store.database(), [engine] {
                          return engine->vault();
                      }).access(server.value());
        if (!access)
            return access.failure();
        return std::optional<DeploySettings>(engine->serverSettings(access.value()));
    };
    options.tools.deploy.markServer = [&store](const QString& server, const QString& status,
                                               const QString& reason) {
        ServerRegistry registry(store.database());
        auto found = registry.get(server);
        if (!found)
            return;
        if (auto marked = registry.recordCheck(server, status, reason, found->facts); !marked)
            log::get("deploy")->warn("server {}: status not recorded: {}", server, marked.error());
    };
    options.tools.deploy.recordDeployment = [&store](const DeploymentRecord& deployment) {
        if (auto kept = Deployments(store.database()).record(deployment); !kept)
            log::get("deploy")->error("deployment of {} not recorded: {}", deployment.service,
                                      kept.error());
    };
    if (options.domains.enabled())
        options.tools.deploy.pointDomain = [engine](const QString& projectId, const QString& name,
                                                    const DeploySettings& settings,
                                                    std::function<void(Result<void>)> done) {
            // A person's own domain outside the zone: its records are theirs (checked when
            // they gave it).
            const dns::ZoneSettings* zone = engine->m_options.domains.zoneOf(name);
            if (!zone || !zone->enabled())
                return done({});
            const QString host = settings.remote() ? settings.server->server().host
                                                   : engine->m_options.domains.address;
            engine->m_domains->point(projectId, name, host, std::move(done));
        };
    options.tools.deploy.ownDomain = [&store](const QString& projectId) {
        auto own = ProjectDomains(store.database()).of(projectId);
        if (!own)
            log::get("deploy")->warn("the domain of {} cannot be read: {}", projectId, own.error());
        return own ? own.value() : QString();
    };
    options.tools.deploy.revealSecret = [engine](const QString& handle,
                                                 const QString& projectId) -> Result<QByteArray> {
        auto vault = engine->vault();
        if (!vault)
            return vault.failure();
        return vault.value()->revealFor(handle, projectId);
    };
    return options;
}

QString Engine::defaultDataDir()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("codegen-orchestrator"));
}

std::shared_ptr<WriteSpool> Engine::writeSpool() const
{
    return m_store->database().sharedSpool();
}

Result<int> Engine::applySpooledWrites()
{
    return m_store->replaySpool();
}

Result<std::unique_ptr<Engine>> Engine::create(EngineOptions options, QObject* parent)
{
    if (options.databasePath.isEmpty())
        options.databasePath = QDir(defaultDataDir()).filePath(QStringLiteral("orchestrator.db"));
    if (options.workspaceRoot.isEmpty())
        options.workspaceRoot = QDir(defaultDataDir()).filePath(QStringLiteral("workspaces"));
    if (options.reportsDir.isEmpty())
        options.reportsDir = QDir(defaultDataDir()).filePath(QStringLiteral("reports"));
    if (options.tools.git.remoteRoot.isEmpty())
        options.tools.git.remoteRoot = QDir(defaultDataDir()).filePath(QStringLiteral("remotes"));
    if (options.vaultKeyFile.isEmpty())
        options.vaultKeyFile = defaultVaultKeyFile();
    auto pricing = options.pricingFile.isEmpty() ? Result<Pricing>(Pricing::bundled())
                                                 : Pricing::load(options.pricingFile);
    if (!pricing)
        return pricing.failure();
    auto database = openStoreDatabase(options.databasePath, options.vaultKeyFile);
    if (!database)
        return database.failure();
    if (options.spoolDir.isEmpty())
        options.spoolDir =
            Database::isPostgresUrl(options.databasePath)
                ? QDir(defaultDataDir()).filePath(QStringLiteral("spool"))
                : QFileInfo(options.databasePath).absoluteDir().filePath(QStringLiteral("spool"));
    database.value()->setSpool(std::make_shared<WriteSpool>(options.spoolDir));
    Result<std::unique_ptr<RunStore>> store =
        std::make_unique<RunStore>(std::move(database).value());
    // What this host's processes could not write before they stopped goes in first.
    if (auto replayed = store.value()->replaySpool(); !replayed)
        log::get("store")->warn("spooled writes wait for the database: {}", replayed.error());
    std::unique_ptr<Vault> vault;
    if (!options.llm.apiKeyHandle.isEmpty() && !options.llm.overrideEndpoint)
        return Error{QStringLiteral("an API key from the vault needs an endpoint (--llm-url)")};
    // Keys are read from the vault once, at start; they live only in the endpoints.
    auto reveal = [&](const QString& handle, QByteArray& into) -> Result<void> {
        if (!vault) {
            auto opened = openVault(*store.value(), options.vaultKeyFile);
            if (!opened)
                return opened.failure();
            vault = std::move(opened).value();
        }
        auto value = vault->reveal(handle);
        if (!value)
            return value.failure();
        into = value.value();
        return {};
    };
    if (!options.llm.apiKeyHandle.isEmpty())
        if (auto ok = reveal(options.llm.apiKeyHandle, options.llm.overrideEndpoint->apiKey); !ok)
            return ok.failure();
    for (const auto& [kind, handle] : options.llm.keySecrets) {
        if (!options.llm.endpoints.count(kind))
            return Error{QStringLiteral("an API key for %1 needs its endpoint").arg(kind)};
        if (auto ok = reveal(handle, options.llm.endpoints[kind].apiKey); !ok)
            return Error{QStringLiteral("providers.%1.api_key_secret: %2").arg(kind, ok.error())};
    }
    // Opened now when it holds secrets, so their values are redacted from the first log line
    // and chat message on (a watcher may read a service that prints its token).
    if (auto holds = Vault::holdsSecrets(store.value()->database());
        !vault && holds && holds.value()) {
        if (auto opened = openVault(*store.value(), options.vaultKeyFile))
            vault = std::move(opened).value();
        else
            log::get("vault")->warn("the vault cannot be opened yet ({}); secret values are "
                                    "redacted once it is",
                                    opened.error().toStdString());
    }
    for (const auto& [kind, endpoint] : options.llm.endpoints)
        redaction::addValue(QStringLiteral("%1 API key").arg(kind), endpoint.apiKey);
    if (options.llm.overrideEndpoint)
        redaction::addValue(QStringLiteral("API key"), options.llm.overrideEndpoint->apiKey);
    if (options.tools.sandbox.mode == SandboxSettings::Mode::Unconfined)
        log::get("sandbox")->warn(
            "sandbox.mode is unconfined: the commands agents run can read this machine's "
            "secrets, other projects and the network; use it for development only");
    auto engine = std::unique_ptr<Engine>(
        new Engine(std::move(options), std::move(store).value(),
                   std::make_unique<Pricing>(std::move(pricing).value()), parent));
    engine->m_vault = std::move(vault);
    return engine;
}

Result<std::unique_ptr<Vault>> Engine::openVault(RunStore& store, const QString& keyFile)
{
    return Vault::open(store.database(), keyFile);
}

Engine::Engine(EngineOptions options, std::unique_ptr<RunStore> store,
               std::unique_ptr<Pricing> pricing, QObject* parent)
    : EngineApi(parent), m_options(withServices(std::move(options), this, *store)),
      m_store(std::move(store)), m_tools(ToolRegistry::withBuiltins(m_options.tools)),
      m_loader(std::make_unique<GraphLoader>(m_tools->names(), QSet<QString>{})),
      m_network(new QNetworkAccessManager(this)),
      m_models(std::make_unique<ModelRouter>(m_options.llm)), m_pricing(std::move(pricing)),
      m_budgets(std::make_unique<Budgets>(m_store->database(), m_options.budgets)),
      m_spend(std::make_unique<Spend>(m_store->database())),
      m_graphs(std::make_unique<GraphCatalog>(*m_store, *m_loader, defaultGraphFile())),
      m_runner(new Runner(*m_store, *m_models, *m_tools, *m_loader, m_options.reportsDir, this))
{
    m_runner->setBudgets(m_budgets.get());
    if (m_options.domains.enabled())
        m_domains = new DomainKeeper(
            m_options.domains, m_store->database(),
            [this](const QString& handle) -> Result<QByteArray> {
                auto vault = this->vault();
                if (!vault)
                    return vault.failure();
                return vault.value()->reveal(handle);
            },
            this);
    m_runner->setCodingAgents([this](const AgentDefinition& definition, QObject* parent) {
        const QString program = definition.coding.program;
        const auto path = m_options.codingAgents.paths.find(program);
        const auto url = m_options.codingAgents.baseUrls.find(program);
        CodingAgentSetup setup{
            m_tools.get(),
            m_options.tools.sandbox,
            [this](const QString& handle) -> Result<QByteArray> {
                auto vault = this->vault();
                if (!vault)
                    return vault.failure();
                return vault.value()->reveal(handle);
            },
            path != m_options.codingAgents.paths.end() ? path->second : QString(),
            url != m_options.codingAgents.baseUrls.end() ? url->second : QString(),
            QDir(m_options.workspaceRoot).filePath(QStringLiteral(".coding"))};
        setup.price = [this, program](const QString& model, const TokenUsage& usage) {
            return m_pricing->cost(program, model, usage);
        };
        return new CodingAgent(definition, std::move(setup), parent);
    });
    m_runner->setSecretKeeper([this](const QString& projectId, const QString& handle,
                                     const QByteArray& value) {
        auto vault = this->vault();
        if (!vault)
            return Result<void>(vault.failure());
        // A person's answer may create the project's secret or replace it, never take over
        // a handle that is the server's, shared, or another project's.
        const QString scope = QStringLiteral("project:") + projectId;
        auto existing = vault.value()->scopeOf(handle);
        if (existing && existing.value() != scope)
            return Result<void>(
                Error{QStringLiteral("%1 already belongs to someone else; ask under another name")
                          .arg(handle),
                      ErrorCode::Forbidden});
        auto kept = vault.value()->put(handle, value, scope);
        return kept ? Result<void>() : Result<void>(kept.failure());
    });
    if (auto limited = m_budgets->applyDefault(kGlobalScope); !limited)
        log::get("store")->error("cannot record the default global budget: {}", limited.error());
    m_runner->setPricing(m_pricing.get());
    m_runner->setLeaseMs(m_options.runLeaseMs);
    connect(m_runner, &Runner::event, this, &EngineApi::event);
    connect(m_runner, &Runner::stepCommitted, this, &EngineApi::stepCommitted);
    connect(m_runner, &Runner::runStopped, this, &EngineApi::runStopped);
    connect(m_runner, &Runner::idle, this, &EngineApi::idle);
    connect(m_runner, &Runner::reportWritten, this, &EngineApi::reportWritten);
    connect(m_runner, &Runner::drained, this, &EngineApi::drained);
}

Engine::~Engine()
{
    delete m_runner; // runs go before the models and store they use
    m_runner = nullptr;
}

Result<Vault*> Engine::vault()
{
    if (!m_vault) {
        auto opened = openVault(*m_store, m_options.vaultKeyFile);
        if (!opened)
            return opened.failure();
        m_vault = std::move(opened).value();
    }
    return m_vault.get();
}

LoadedGraph Engine::loadGraph(const QString& graphFile) const
{
    return m_loader->loadFile(graphFile.isEmpty() ? defaultGraphFile() : graphFile);
}

Result<QString> Engine::startRun(const QString& description, const QString& graphFile)
{
    if (graphFile.isEmpty()) {
        auto current = m_graphs->current();
        if (!current)
            return current.failure();
        return startRun(description, current.value());
    }
    LoadedGraph graph = loadGraph(graphFile);
    if (!graph.ok())
        return Error{graph.errorText()};
    return startRun(description, graph.graph);
}

Result<QString> Engine::startRunFromFile(const QString& description, const QString& graphFile)
{
    LoadedGraph graph = loadGraph(graphFile);
    if (!graph.ok())
        return Error{graph.errorText(), ErrorCode::InvalidGraph};
    return startRun(description, graph.graph);
}

Result<QString> Engine::startRun(const QString& description, GraphPtr graph)
{
    return m_runner->start({description, {}, std::move(graph), m_options.workspaceRoot});
}

Result<ResumeReport> Engine::resumeUnfinished()
{
    auto report = m_runner->resumeUnfinished();
    if (!report)
        return report;
    if (m_domains) // DNS changes a stop interrupted
        m_domains->recover();
    // Budgets may have been raised while no process was running.
    if (auto resumed = m_runner->resumeWaitingForBudget(); resumed)
        report->resumed += resumed.value();
    else
        report->problems << resumed.error();
    return report;
}

Result<void> Engine::resumeRun(const QString& runId)
{
    return m_runner->resume(runId);
}

Result<void> Engine::answer(const QString& runId, const QString& text)
{
    return m_runner->answer(runId, text);
}

Result<void> Engine::cancel(const QString& runId)
{
    return m_runner->cancel(runId, QStringLiteral("cancelled by the user"));
}

Result<std::vector<RunRecord>> Engine::runs()
{
    return m_store->runs();
}

void Engine::drain()
{
    m_runner->drain();
}

int Engine::activeRuns() const
{
    return m_runner->activeRuns();
}

} // namespace orch
