#include "coding/CodingAgent.h"

#include "coding/CodingTask.h"
#include "core/Log.h"
#include "core/Redaction.h"
#include "sandbox/AllowListProxy.h"
#include "sandbox/Sandbox.h"
#include "tools/ToolRegistry.h"
#include "workspace/GitRepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

namespace orch {
namespace {

constexpr qsizetype kStderrTail = 4000;
constexpr int kForwarderPort = AllowListProxy::kPortInside;

bool writeFile(const QString& path, const QString& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text.toUtf8()) >= 0;
}

QString readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.read(4096)).trimmed()
                                          : QString();
}

// The end of what the CLI said on stderr, as one readable line: control characters (a CLI
// may print anything) dropped, secrets scrubbed.
QString stderrTail(const QByteArray& err)
{
    QString text = QString::fromUtf8(err.right(2000));
    text.removeIf([](QChar c) { return c.category() == QChar::Other_Control && c != u'\n'; });
    text.replace(QLatin1Char('\n'), QStringLiteral(" / "));
    return redaction::text(text.simplified()).right(600);
}

// What the person who handed the work over (or a guard) said last: the newest user message.
QString lastNote(const std::vector<ChatMessage>& conversation)
{
    for (auto it = conversation.rbegin(); it != conversation.rend(); ++it)
        if (it->role == ChatMessage::Role::User)
            return toQ(it->content).left(codingTask::kLongestPart);
    return {};
}

Json eventJson(const CodingEvent& e)
{
    Json json = {{"kind", codingEventKindName(e.kind)}};
    if (!e.name.isEmpty())
        json["name"] = toStd(e.name);
    // Of what a tool or a command gave back, the end tells (the error comes last).
    const bool output =
        e.kind == CodingEvent::Kind::ToolResult || e.kind == CodingEvent::Kind::Command;
    if (!e.text.isEmpty())
        json["text"] = toStd(output ? e.text.right(600) : e.text.left(600));
    if (!e.path.isEmpty())
        json["path"] = toStd(e.path);
    if (e.kind == CodingEvent::Kind::Command)
        json["exit_code"] = e.exitCode;
    if (e.isError)
        json["error"] = true;
    return redaction::json(json);
}

} // namespace

CodingAgent::CodingAgent(const AgentDefinition& definition, CodingAgentSetup setup, QObject* parent)
    : Agent(definition, parent), m_setup(std::move(setup))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        stopFor(QStringLiteral("it ran longer than its %1 minutes and was stopped")
                    .arg(this->definition().coding.maxMinutes));
    });
}

CodingAgent::~CodingAgent()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000); // reaped, not left behind as a zombie
    }
}

QString CodingAgent::home() const
{
    return QDir(m_setup.homesRoot).filePath(m_input.runId + QLatin1Char('-') + definition().id);
}

QString CodingAgent::allowedHost() const
{
    const QString program = definition().coding.program;
    return AllowListProxy::hostPortOf(!m_setup.baseUrl.isEmpty() ? m_setup.baseUrl
                                      : program == QLatin1String("codex")
                                          ? QStringLiteral("https://api.openai.com")
                                          : QStringLiteral("https://api.anthropic.com"));
}

void CodingAgent::runStep(StepInput input)
{
    if (!transitionTo(AgentState::Thinking))
        return finishStep({StepOutcome::Kind::Failed,
                           {},
                           QStringLiteral("agent %1 cannot start a step from state %2")
                               .arg(definition().id, agentStateName(state()))});
    m_input = std::move(input);
    m_reader =
        std::make_unique<CodingStreamReader>(definition().coding.program == QLatin1String("codex")
                                                 ? CodingStreamReader::Dialect::Codex
                                                 : CodingStreamReader::Dialect::ClaudeCode);
    m_lastText.clear();
    m_failure.clear();
    m_ended = false;
    m_usage = {};
    m_reportedCost.reset();
    m_sessionModel.clear();
    m_stderr.clear();
    if (auto started = launch(); !started)
        return fail(started.error());
    transitionTo(AgentState::CallingTool);
    m_currentTools = {definition().coding.program};
}

Result<void> CodingAgent::launch()
{
    const CodingAgentSettings& coding = definition().coding;
    if (!QDir().mkpath(home()))
        return Error{QStringLiteral("cannot make the CLI's home %1").arg(home())};
    // The repository exists before the CLI starts, so the sandbox binds it read-only: the CLI
    // can neither rewrite it nor plant one of its own.
    if (auto repository = GitRepository::open(m_input.workspace, true); !repository)
        return repository.failure();
    const QString taskFile = QDir(home()).filePath(QStringLiteral("TASK.md"));
    if (!writeFile(taskFile, codingTask::write(m_input.state, lastNote(m_input.conversation), {})))
        return Error{QStringLiteral("cannot write the task file")};
    const QString conventions =
        QDir(m_input.workspace).filePath(codingTask::conventionsFileName(coding.program));
    if (!QFileInfo::exists(conventions))
        writeFile(conventions, codingTask::conventions());
    m_session = readFile(QDir(home()).filePath(QStringLiteral("session")));

    QByteArray key;
    if (!coding.keySecret.isEmpty()) {
        if (!m_setup.revealKey)
            return Error{QStringLiteral("no vault to read %1 from").arg(coding.keySecret)};
        auto revealed = m_setup.revealKey(coding.keySecret);
        if (!revealed)
            return Error{QStringLiteral("the key %1: %2").arg(coding.keySecret, revealed.error())};
        key = revealed.value();
    }
    const Sandbox plain(m_setup.sandbox);
    const bool confined = plain.confined();
    const CodingPlace place{m_input.workspace, taskFile, home(),
                            confined ? QStringLiteral("http://127.0.0.1:%1").arg(kForwarderPort)
                                     : QString(),
                            m_setup.baseUrl};
    auto launch = codingLaunch(coding, place, m_session);
    if (!launch)
        return launch.failure();
    const QString program =
        !m_setup.programPath.isEmpty() ? m_setup.programPath : plain.findProgram(launch->program);
    if (program.isEmpty())
        return Error{QStringLiteral("%1 is not installed (or not where the settings say)")
                         .arg(launch->program)};

    QProcessEnvironment env;
    for (const auto& [name, value] : launch->environment)
        env.insert(name, value);
    // The key never travels on a command line (bwrap's arguments are visible to every user
    // of the host): it waits in a file of the run's home that the shell reads and removes
    // before the CLI starts.
    QString exportKey;
    if (!key.isEmpty()) {
        const QString keyFile = QDir(home()).filePath(QStringLiteral(".key"));
        QFile file(keyFile);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(key) < 0)
            return Error{QStringLiteral("cannot hand the key over")};
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.close();
        env.insert(QStringLiteral("CODING_KEY_FILE"), keyFile);
        exportKey =
            QStringLiteral("k=$(cat \"$CODING_KEY_FILE\") && rm -f \"$CODING_KEY_FILE\" && ");
        for (const QString& name : launch->keyVariables)
            exportKey += QStringLiteral("export %1=\"$k\" && ").arg(name);
        exportKey += QStringLiteral("unset k CODING_KEY_FILE && ");
    }
    SandboxSettings settings = m_setup.sandbox;
    settings.network = false; // the model's endpoint only, through the proxy
    settings.writablePaths << home();
    settings.readOnlyPaths << QFileInfo(program).absolutePath();
    QString shell = exportKey + QStringLiteral("cd \"$CODING_WORKSPACE\" && exec \"$@\"");
    if (confined) {
        m_proxy = new AllowListProxy({allowedHost()}, QStringLiteral("the model's endpoint"), this);
        if (auto listening = m_proxy->listen(); !listening)
            return listening;
        settings.readOnlyPaths << m_proxy->folder();
        env.insert(QStringLiteral("PROXY_SOCKET"), m_proxy->socketPath());
        env.insert(QStringLiteral("PROXY_FORWARDER"), AllowListProxy::forwarder());
        shell = QStringLiteral(
                    "cd /tmp && /usr/bin/python3 -I -c \"$PROXY_FORWARDER\" \"$PROXY_SOCKET\" %1 "
                    "/tmp/.proxy-ready & n=0; while [ ! -e /tmp/.proxy-ready ] && [ $n -lt 200 ]; "
                    "do sleep 0.05; n=$((n+1)); done; ")
                    .arg(kForwarderPort) +
                shell;
    }
    env.insert(QStringLiteral("CODING_WORKSPACE"), m_input.workspace);
    auto command = Sandbox(settings).wrap(
        QStringLiteral("/bin/sh"),
        QStringList{QStringLiteral("-c"), shell, QStringLiteral("sh"), program} + launch->arguments,
        m_input.workspace, env);
    if (!command)
        return command.failure();
    m_process = new QProcess(this);
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setProcessEnvironment(command->environment);
    m_process->setWorkingDirectory(command->workingDirectory);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &CodingAgent::onOutput);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderr.append(m_process->readAllStandardError());
        if (m_stderr.size() > 2 * kStderrTail)
            m_stderr.remove(0, m_stderr.size() - kStderrTail);
    });
    connect(m_process, &QProcess::finished, this, &CodingAgent::onEnded);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(QStringLiteral("%1 could not start").arg(definition().coding.program));
    });
    m_deadline.start(int(definition().coding.maxMinutes * 60 * 1000));
    log::get("graph")->info("run {}: {} starts {}{}", m_input.runId, definition().id,
                            coding.program, m_session.isEmpty() ? "" : " (resuming its session)");
    m_process->start(command->program, command->arguments);
    return {};
}

void CodingAgent::onOutput()
{
    if (!m_process || !m_reader)
        return;
    for (const CodingEvent& e : m_reader->feed(m_process->readAllStandardOutput())) {
        switch (e.kind) {
        case CodingEvent::Kind::Session:
            if (!e.text.isEmpty())
                m_sessionModel = e.text.left(100);
            if (!e.sessionId.isEmpty() && e.sessionId != m_session) {
                m_session = e.sessionId;
                writeFile(QDir(home()).filePath(QStringLiteral("session")), m_session);
            }
            break;
        case CodingEvent::Kind::Finished:
        case CodingEvent::Kind::Failed:
            if (e.kind == CodingEvent::Kind::Finished) {
                m_ended = true;
                if (!e.text.isEmpty())
                    m_lastText = e.text;
            } else if (m_failure.isEmpty()) {
                m_failure = e.text.isEmpty() ? e.name : e.text;
            }
            if (e.usageIsTotal) // else its turns' usage came as Usage events
                m_usage = e.usage;
            if (e.cost)
                m_reportedCost = e.cost;
            break;
        case CodingEvent::Kind::Usage:
            m_usage.prompt += e.usage.prompt;
            m_usage.cached += e.usage.cached;
            m_usage.completion += e.usage.completion;
            m_usage.reported = m_usage.reported && e.usage.reported;
            break;
        case CodingEvent::Kind::Message:
            m_lastText = e.text;
            break;
        case CodingEvent::Kind::ToolUse:
        case CodingEvent::Kind::Command:
            m_currentTools = {e.name.left(60)};
            break;
        default:
            break;
        }
        emit progress(eventJson(e));
        // Only what it spent can pass the limit.
        if (e.kind == CodingEvent::Kind::Usage || e.kind == CodingEvent::Kind::Finished ||
            e.kind == CodingEvent::Kind::Failed)
            checkCost();
    }
}

QString CodingAgent::model() const
{
    return !definition().coding.model.isEmpty() ? definition().coding.model : m_sessionModel;
}

// Its own reported cost where it reports one, else its tokens so far at the table's prices.
void CodingAgent::checkCost()
{
    std::optional<double> spent = m_reportedCost;
    if (!spent && m_setup.price && m_usage.total() > 0)
        spent = m_setup.price(model(), m_usage);
    if (spent && *spent > definition().coding.maxCostUsd && m_failure.isEmpty())
        stopFor(QStringLiteral("it spent $%1, more than its limit of $%2")
                    .arg(*spent, 0, 'f', 4)
                    .arg(definition().coding.maxCostUsd));
}

void CodingAgent::stopFor(const QString& why)
{
    if (m_failure.isEmpty())
        m_failure = why;
    if (m_process)
        m_process->kill();
}

void CodingAgent::onEnded(int code, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    onOutput();
    for (const CodingEvent& e : m_reader->finish())
        emit progress(eventJson(e));
    m_deadline.stop();
    m_stderr.append(m_process->readAllStandardError());
    m_process->deleteLater();
    m_process = nullptr;
    QString refused;
    if (m_proxy) {
        if (!m_proxy->refused().isEmpty())
            refused = QStringLiteral(" (refused network: %1)")
                          .arg(m_proxy->refused().join(QStringLiteral(", ")));
        m_proxy->deleteLater();
        m_proxy = nullptr;
    }
    if (m_usage.total() > 0 || m_reportedCost)
        emit spent(definition().coding.program, toStd(model()), m_usage, m_reportedCost);
    if (!m_failure.isEmpty() || !m_ended || status != QProcess::NormalExit || code != 0) {
        const QString why =
            !m_failure.isEmpty() ? m_failure
            : m_ended            ? QStringLiteral("it exited with code %1").arg(code)
                      : QStringLiteral("it ended without a result (exit code %1)").arg(code);
        const QString tail = stderrTail(m_stderr);
        return fail(QStringLiteral("%1 failed: %2%3%4")
                        .arg(definition().coding.program, why, refused,
                             tail.isEmpty() ? QString() : QStringLiteral("; it said: ") + tail));
    }
    runGates(m_lastText);
}

void CodingAgent::fail(const QString& reason)
{
    m_deadline.stop();
    if (m_proxy) {
        m_proxy->deleteLater();
        m_proxy = nullptr;
    }
    QFile::remove(QDir(home()).filePath(QStringLiteral(".key")));
    m_currentTools.clear();
    StepOutcome outcome;
    outcome.kind = StepOutcome::Kind::Failed;
    outcome.reason = redaction::text(reason);
    finishStep(std::move(outcome));
}

void CodingAgent::cancel()
{
    m_deadline.stop();
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
    }
    if (m_proxy) {
        m_proxy->deleteLater();
        m_proxy = nullptr;
    }
    Agent::cancel();
}

} // namespace orch
