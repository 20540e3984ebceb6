#pragma once
// The in-process engine: store, tools, model routing and the runner behind EngineApi.

#include "api/EngineApi.h"
#include "coding/CodingAgent.h"
#include "dns/DomainSettings.h"
#include "graph/GraphLoader.h"
#include "money/Budgets.h"
#include "review/ProjectBrowser.h"
#include "runtime/ModelRouter.h"
#include "runtime/ResumeReport.h"
#include "store/Retention.h"
#include "tools/ToolRegistry.h"

#include <QSet>
#include <memory>

class QNetworkAccessManager;
class QTimer;

namespace orch {

class Budgets;
class GraphCatalog;
class Pricing;
class RunStore;
class Runner;
class Spend;
class ToolRegistry;
class Vault;
class WriteSpool;
class ServerAccess;
class DeploymentHealer;
class DeploymentWatch;
struct Incident;
class DomainKeeper;

struct EngineOptions
{
    QString databasePath;  // empty: <XDG data>/orchestrator.db
    QString workspaceRoot; // empty: <XDG data>/workspaces
    QString vaultKeyFile;  // empty: <XDG config>/codegen-orchestrator/vault.key
    QString reportsDir;    // empty: <XDG data>/reports
    // Where writes wait while the database is away; empty: beside a SQLite file, else
    // <XDG data>/spool. Workers of one host share it (a dead one's writes are applied).
    QString spoolDir;
    qint64 runLeaseMs = 30000; // RunLeases::kDefaultLeaseMs; `workers.lease_seconds`
    QString gitTokenHandle;    // vault handle of the token for pushing over HTTPS
    QString pricingFile;       // empty: the bundled resources/pricing.json
    BudgetDefaults budgets;
    LlmSettings llm;
    ToolSettings tools; // git.remoteRoot empty: <XDG data>/remotes
    RetentionPolicy retention;
    dns::DomainSettings domains; // the zone projects get names in, and how its records change
    // Failed probes in a row before the watcher restarts a deployment (then rolls back a new
    // release); 0: it only tells. `watch.heal_after_failures`.
    int healAfterFailures = 3;
    CodingAgentPrograms codingAgents; // where Claude Code, Codex, … are and what they reach
};

class Engine final : public EngineApi
{
    Q_OBJECT
public:
    static Result<std::unique_ptr<Engine>> create(EngineOptions options, QObject* parent = nullptr);
    ~Engine() override;

    static QString defaultDataDir();
    // Where the engine keeps its records (shown by the desktop as the session's location).
    QString databasePath() const { return m_options.databasePath; }
    QString vaultKeyFile() const { return m_options.vaultKeyFile; }
    static QString defaultGraphFile() { return QStringLiteral(":/graphs/default.json"); }

    // The host's operations, for the program that owns this engine (orchestratord, the
    // desktop); front ends reach it only through EngineApi.
    //
    // Starts a run on a graph file of this machine (empty: the bundled graph), as `run --graph`
    // does; a graph with problems fails with InvalidGraph and lists them.
    Result<QString> startRunFromFile(const QString& description, const QString& graphFile);
    Result<ResumeReport> resumeUnfinished();
    // Where this engine's writes wait while the database is away: another connection of the
    // process (the front ends') shares it, so one replay applies everything.
    std::shared_ptr<WriteSpool> writeSpool() const;
    // Applies what waits in the spool (this process's, and that of dead ones of this host).
    Result<int> applySpooledWrites();
    // Records a top-up without resuming waiting runs here: for a short-lived process (the
    // CLI), which drives no run; a serving orchestratord resumes them within its interval.
    Result<BudgetStatus> recordTopUp(const QString& scope, double amount, const QString& byWhom);
    // Every interval, resumes runs whose budget was raised elsewhere (another process, the CLI).
    void watchBudgets(int intervalMs);
    // Every interval, takes over running runs whose worker stopped (its lease expired, or it
    // died on this host): several serve processes on one database stand in for each other.
    void watchOrphans(int intervalMs);
    // Every interval, resumes the runs waiting for a production server when what placement
    // sees changed (a server added, checked ready, a capacity raised, a project gone); every
    // `recheckMs`, reads the servers a deploy found unreachable again (EngineServers.cpp).
    void watchResources(int intervalMs, int recheckMs);
    // Every interval, probes every live deployment and tells the changes (EngineDeployments.cpp);
    // 0 stops it. The first round starts at once.
    void watchDeployments(int intervalMs);
    int activeRuns() const;
    // Thins finished runs' checkpoints and drops old events as options.retention says;
    // `vacuum` then gives the freed pages back to the file system.
    Result<PruneReport> prune(bool vacuum = false);
    // Checks every hour and prunes once the last prune is a day old (for serve).
    void pruneDaily();
    Result<StorageStatus> storageStatus();
    // Shutdown: steps in flight finish and commit, nothing new starts; drained() follows.
    void drain();

    // A problem found while starting (a provider whose key is missing was left out): runs
    // are not ready until it is mended or the offline demo model is used.
    void setStartupProblem(const QString& problem) { m_startupProblem = problem; }

    // EngineApi: the same, answered through the reply from the event loop.
    ORCH_ENGINE_API_OVERRIDES

private:
    // Tests reach the internals through this accessor (tests/support/EngineInternals.h).
    friend class EngineInternals;

    LoadedGraph loadGraph(const QString& graphFile) const;
    const GraphLoader& graphLoader() const { return *m_loader; }
    RunStore& store() { return *m_store; }
    GraphCatalog& graphs() { return *m_graphs; }
    // Opened on first use, so commands that need no secret never need the key.
    Result<Vault*> vault();

    // The synchronous work behind the calls; graphFile empty: the version new runs use.
    Result<QString> startRun(const QString& description, const QString& graphFile);
    Result<QString> startRun(const QString& description, GraphPtr graph);
    Result<void> resumeRun(const QString& runId);
    Result<void> answer(const QString& runId, const QString& text);
    Result<void> cancel(const QString& runId);
    Result<QString> forkRun(const QString& runId, int stepNo, const Json& edits = Json());
    Result<QString> changeProject(const QString& project, const QString& text);
    // What a new project (or a change of `project`) will likely cost and take, beside the
    // budget left (EngineRepairs.cpp).
    Result<RunForecast> forecastOf(const QString& description, const QString& project);
    // A project by its id, a unique id prefix of 4 or more, or its name.
    Result<ProjectRecord> findProject(const QString& wanted);
    Result<std::vector<ProjectRecord>> projects();
    Result<std::vector<RunRecord>> runs();
    Result<std::vector<ProjectSummary>> projectSummaries();
    Result<std::vector<ProjectRun>> projectRuns(const QString& project); // newest first
    Result<RunDetail> runDetail(const QString& runId);
    Result<RunOverview> runOverview(const QString& runId);
    Result<RunView> runView(const QString& runId);
    Result<Checkpoint> checkpointOf(const QString& runId, int stepNo);
    Result<std::vector<RunEvent>> eventsOf(const QString& runId, qint64 afterId);
    Result<QString> report(const QString& runId); // a run id or a digest's key
    Result<std::vector<ReportEntry>> reports();
    // A browser over the workspace of the run's project.
    Result<ProjectBrowser> browse(const QString& runId);
    // Writes the digest of everything since `sinceMs` as a report; returns {key, markdown}.
    Result<std::pair<QString, QString>> writeDigest(qint64 sinceMs);
    Result<BudgetStatus> topUp(const QString& scope, double amount, const QString& byWhom);
    Result<Balances> balances();
    // Whether runs can start with the models configured now (EngineModels.cpp).
    Result<ModelReadiness> modelReadiness();
    // Every model call replays the offline demo model's recording from now on.
    Result<ModelReadiness> useOfflineDemo();

    Engine(EngineOptions options, std::unique_ptr<RunStore> store, std::unique_ptr<Pricing> pricing,
           QObject* parent);
    static EngineOptions withServices(EngineOptions options, Engine* engine, RunStore& store);
    static Result<std::unique_ptr<Vault>> openVault(RunStore& store, const QString& keyFile);
    template <typename T> void deliver(Reply<T> done, Result<T> result);
    // The deploy settings aimed at a production server (EngineServers.cpp).
    DeploySettings serverSettings(std::shared_ptr<const ServerAccess> access) const;
    void recheckServer(const ServerRecord& server);
    // Where the project's service lives: its server's settings, or this machine's.
    Result<DeploySettings> settingsOf(const QString& projectId);
    // Redeploy (the running release) or rollback (the one before) of a project's service.
    void deployAgain(const QString& project, bool back, Reply<DeploymentRecord> done);
    // A project given a domain (EngineDomains.cpp): redeployed there when it is deployed and
    // idle, its record in the zone set first and the old one removed after.
    void moveToDomain(const ProjectRecord& project, DomainClaim claim, Reply<DomainClaim> done);
    // `name` is in a zone whose records the orchestrator keeps.
    bool isKeptZoneName(const QString& name) const;
    // The project and what it has deployed, when nothing else touches the deployment now.
    Result<std::pair<ProjectRecord, DeploymentRecord>> idleDeployment(const QString& wanted,
                                                                      qint64 nowMs);
    // The watcher and the healer, made on first need (EngineRepairs.cpp).
    void ensureWatch();
    // A repair run for the incident, given its evidence (EngineRepairs.cpp).
    void startRepair(const QString& projectId, const Incident& incident, Reply<QString> done);
    // The watcher leaves the project alone while `begin` → `end` of a redeploy or teardown.
    void holdDeployment(const QString& projectId);
    void releaseDeployment(const QString& projectId);

    EngineOptions m_options;
    std::unique_ptr<RunStore> m_store;
    std::unique_ptr<ToolRegistry> m_tools;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<GraphLoader> m_loader;
    QNetworkAccessManager* m_network;
    QString m_startupProblem;
    std::unique_ptr<ModelRouter> m_models;
    std::unique_ptr<Pricing> m_pricing;
    std::unique_ptr<Budgets> m_budgets;
    std::unique_ptr<Spend> m_spend;
    std::unique_ptr<GraphCatalog> m_graphs;
    Runner* m_runner;
    QTimer* m_budgetWatch = nullptr;
    QTimer* m_pruneWatch = nullptr;
    QTimer* m_orphanWatch = nullptr;
    QTimer* m_resourceWatch = nullptr;
    DeploymentWatch* m_deploymentWatch = nullptr;
    DeploymentHealer* m_healer = nullptr;
    DomainKeeper* m_domains = nullptr; // set when the settings name a zone's DNS provider
    QSet<QString> m_redeploying;       // projects with a redeploy, rollback or teardown in flight
    QString m_serverFingerprint;
    qint64 m_lastServerRecheck = 0;
};

// Replies always arrive from the event loop, never inside the call.
template <typename T> void Engine::deliver(Reply<T> done, Result<T> result)
{
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

} // namespace orch
