#pragma once
// A coding agent CLI as a graph node. Each step writes the task file (coding/CodingTask.h),
// runs the CLI non-interactively in the project's workspace inside the sandbox (the workspace
// read-write and its repository read-only, a home of its own for the run, no network but the
// model's endpoint through the allow-list proxy, no host secret but its own key), reads its
// JSON stream as it arrives (each tool use, command, file change and message an event of the
// run), stops it at the node's time or cost limit, and ends with the orchestrator's gates:
// `make test` on what it left, and a commit of it when the tests pass. The CLI's session id is
// kept in its home as soon as it is known, so the next step (after a failure sent back, or
// after a restart) resumes that session.

#include "agents/Agent.h"
#include "coding/CodingCommand.h"
#include "core/Result.h"
#include "sandbox/SandboxSettings.h"

#include <QPointer>
#include <QProcess>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>

namespace orch {

class AllowListProxy;
class ToolRegistry;

// Where each CLI is installed and which endpoint it talks to (settings `coding_agents`).
struct CodingAgentPrograms
{
    std::map<QString, QString> paths;    // program → executable; absent: the sandbox's PATH
    std::map<QString, QString> baseUrls; // program → model endpoint; absent: the CLI's default
};

struct CodingAgentSetup
{
    const ToolRegistry* tools = nullptr; // run_tests and git_commit: the gates
    SandboxSettings sandbox;
    // The key behind the node's key_secret; never logged, never in an event.
    std::function<Result<QByteArray>(const QString& handle)> revealKey;
    QString programPath; // the CLI's executable; "": found in the sandbox's PATH
    QString baseUrl;     // the model endpoint; "": the CLI's own default
    QString homesRoot;   // each run's CLI home is made under it
    // What tokens of a model cost by the pricing table (nullopt: not priced), so the node's
    // cost limit holds while the CLI works, before it reports its own total (if it ever does).
    std::function<std::optional<double>(const QString& model, const TokenUsage& usage)> price;
};

class CodingAgent final : public Agent
{
    Q_OBJECT
public:
    CodingAgent(const AgentDefinition& definition, CodingAgentSetup setup, QObject* parent);
    ~CodingAgent() override;

    void runStep(StepInput input) override;
    QStringList currentTools() const override { return m_currentTools; }
    void cancel() override;

signals:
    // One thing the CLI did (CodingStream's event as JSON), for the run's timeline.
    void progress(const Json& event);
    // What the CLI spent, when it says (its own cost) or when it stops.
    void spent(const QString& program, const std::string& model, const orch::TokenUsage& usage,
               std::optional<double> cost);

private:
    Result<void> launch();
    void onOutput();
    void onEnded(int code, QProcess::ExitStatus status);
    void stopFor(const QString& why);
    void checkCost();
    QString model() const;
    void runGates(const QString& lastText);
    void push(StepOutcome outcome);
    void fail(const QString& reason);
    QString home() const;
    QString allowedHost() const;

    CodingAgentSetup m_setup;
    StepInput m_input;
    std::unique_ptr<CodingStreamReader> m_reader;
    QPointer<QProcess> m_process;
    AllowListProxy* m_proxy = nullptr;
    QTimer m_deadline;
    QString m_session;
    QString m_sessionModel; // the model the CLI says it uses
    QString m_lastText;
    QString m_failure;    // the CLI's own failure, or why it was stopped
    bool m_ended = false; // the result event arrived
    double m_spentUsd = 0;
    TokenUsage m_usage;
    std::optional<double> m_reportedCost;
    QStringList m_currentTools;
    QByteArray m_stderr;
};

} // namespace orch
