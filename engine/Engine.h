#pragma once
// The in-process engine: store, tools, model routing and the runner behind EngineApi.

#include "EngineApi.h"
#include "graph/GraphLoader.h"
#include "llm/ModelRouter.h"
#include "tools/ToolRegistry.h"

#include <memory>

class QNetworkAccessManager;

namespace orch {

class RunStore;
class Runner;
class ToolRegistry;
class Vault;

struct EngineOptions
{
    QString databasePath;  // empty: <XDG data>/orchestrator.db
    QString workspaceRoot; // empty: <XDG data>/workspaces
    QString vaultKeyFile;  // empty: <XDG config>/codegen-orchestrator/vault.key
    QString reportsDir;    // empty: <XDG data>/reports
    QString gitTokenHandle; // vault handle of the token for pushing over HTTPS
    LlmSettings llm;
    ToolSettings tools; // git.remoteRoot empty: <XDG data>/remotes
};

class Engine final : public EngineApi
{
    Q_OBJECT
public:
    static Result<std::unique_ptr<Engine>> create(EngineOptions options, QObject* parent = nullptr);
    ~Engine() override;

    static QString defaultDataDir();
    static QString defaultGraphFile() { return QStringLiteral(":/graphs/default.json"); }

    LoadedGraph loadGraph(const QString& graphFile) const;
    const GraphLoader& graphLoader() const { return *m_loader; }
    RunStore& store() { return *m_store; }
    // Opened on first use, so commands that need no secret never need the key.
    Result<Vault*> vault();

    Result<QString> startRun(const QString& description, const QString& graphFile) override;
    Result<QString> startRun(const QString& description, GraphPtr graph);
    Result<ResumeReport> resumeUnfinished() override;
    Result<void> resumeRun(const QString& runId) override;
    Result<void> answer(const QString& runId, const QString& text) override;
    Result<void> cancel(const QString& runId) override;
    Result<std::vector<RunRecord>> runs() override;
    int activeRuns() const override;
    void drain() override;

private:
    Engine(EngineOptions options, std::unique_ptr<RunStore> store, QObject* parent);
    static EngineOptions withServices(EngineOptions options, Engine* engine, RunStore& store);
    static Result<std::unique_ptr<Vault>> openVault(RunStore& store, const QString& keyFile);

    EngineOptions m_options;
    std::unique_ptr<RunStore> m_store;
    std::unique_ptr<ToolRegistry> m_tools;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<GraphLoader> m_loader;
    QNetworkAccessManager* m_network;
    std::unique_ptr<ModelRouter> m_models;
    Runner* m_runner;
};

} // namespace orch
