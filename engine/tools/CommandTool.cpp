#include "tools/CommandTool.h"

#include "core/Log.h"
#include "deploy/ServiceContract.h"
#include "sandbox/Sandbox.h"
#include "tools/Arguments.h"
#include "tools/DeployGate.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>
#include <memory>

namespace orch {
namespace {

// Only what a build needs: no inherited secrets, no keys from the parent's environment.
QProcessEnvironment cleanEnvironment(const QString& workspace)
{
    const QProcessEnvironment parent = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"),
               parent.value(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin")));
    env.insert(QStringLiteral("HOME"), workspace);
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    // The project's own environment (made by run_tests from its dependency file) comes first.
    if (QFileInfo::exists(PythonEnvironment::interpreterIn(workspace))) {
        const QString venv = QDir(workspace).filePath(QStringLiteral(".venv"));
        env.insert(QStringLiteral("VIRTUAL_ENV"), venv);
        env.insert(QStringLiteral("PATH"),
                   venv + QStringLiteral("/bin:") + env.value(QStringLiteral("PATH")));
    }
    return env;
}

// A program's output as the model gets it: the first lines (what it was doing), the last
// (where errors are) and how many lines between them were left out.
class CapturedOutput
{
public:
    explicit CapturedOutput(int cap) : m_cap(cap), m_headCap(std::min(2048, cap / 4)) {}

    void add(const QByteArray& bytes)
    {
        m_lines += bytes.count('\n');
        m_total += bytes.size();
        if (m_head.size() < m_headCap)
            m_head.append(bytes.left(m_headCap - m_head.size()));
        m_tail.append(bytes);
        if (m_tail.size() > m_cap)
            m_tail.remove(0, m_tail.size() - m_cap);
    }

    void describe(Json& output, int tailBytes) const
    {
        const QByteArray tail = m_tail.right(tailBytes);
        output["output_tail"] = tail.toStdString();
        if (m_total <= m_head.size() + tail.size())
            return; // all of it is in the tail
        const QByteArray head = m_head.left(m_head.lastIndexOf('\n') + 1);
        output["output_head"] = head.toStdString();
        output["lines_left_out"] =
            std::max<qint64>(0, m_lines - head.count('\n') - tail.count('\n'));
    }

private:
    int m_cap;
    int m_headCap;
    QByteArray m_head;
    QByteArray m_tail;
    qint64 m_total = 0;
    qint64 m_lines = 0;
};

} // namespace

CommandTool::CommandTool(CommandSettings settings) : m_settings(std::move(settings)) {}

ToolSpec CommandTool::spec() const
{
    return {
        "run_command",
        "Run a program in the workspace. 'argv' is the program and its arguments as a list "
        "(no shell). Allowed programs: " +
            toStd(m_settings.allowed.join(QStringLiteral(", "))) + ".",
        {{"type", "object"},
         {"properties",
          {{"argv", argument("array", "the program and its arguments, e.g. [\"make\", \"test\"]",
                             {{"items", {{"type", "string"}}}})},
           {"timeout_s", argument("integer", "seconds before the program is stopped",
                                  {{"minimum", 1}, {"maximum", m_settings.maxTimeoutS}})}}},
         {"required", {"argv"}}}};
}

void CommandTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    auto argv = Arguments(arguments).optionalStringList("argv");
    if (!argv)
        return done(ToolResult::failure(argv.error()));
    if (argv->isEmpty())
        return done(ToolResult::failure(QStringLiteral("argument 'argv' must name a program")));
    const QString program = argv->first();
    if (program.contains(QLatin1Char('/')) || !m_settings.allowed.contains(program))
        return done(
            ToolResult::failure(QStringLiteral("'%1' is not an allowed program; allowed: %2")
                                    .arg(program, m_settings.allowed.join(QStringLiteral(", ")))));
    const Sandbox sandbox(m_settings.sandbox.forProject(context.projectId()));
    const QString executable = sandbox.findProgram(program);
    if (executable.isEmpty())
        return done(ToolResult::failure(QStringLiteral("'%1' is not installed").arg(program)));
    int timeoutS = m_settings.defaultTimeoutS;
    if (arguments.contains("timeout_s")) {
        if (!arguments["timeout_s"].is_number_integer() || arguments["timeout_s"].get<int>() < 1)
            return done(ToolResult::failure(
                QStringLiteral("argument 'timeout_s' must be a positive integer")));
        timeoutS = std::min(arguments["timeout_s"].get<int>(), m_settings.maxTimeoutS);
    }
    auto workspace = Workspace(context.workspace).resolve(QStringLiteral("."));
    if (!workspace)
        return done(ToolResult::failure(workspace.error()));
    auto command = sandbox.wrap(executable, argv->mid(1), workspace.value(),
                                cleanEnvironment(workspace.value()));
    if (!command)
        return done(
            ToolResult::failure(QStringLiteral("cannot run %1: %2").arg(program, command.error())));

    // Deleted when it finished (deleteLater below) or, silently, with the calling agent.
    auto* process = new QProcess();
    if (context.owner)
        QObject::connect(context.owner, &QObject::destroyed, process, [process] {
            process->disconnect();
            process->kill();
            process->waitForFinished(2000);
            delete process;
        });
    process->setProgram(command->program);
    process->setArguments(command->arguments);
    process->setWorkingDirectory(command->workingDirectory);
    process->setProcessEnvironment(command->environment);
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setStandardInputFile(QProcess::nullDevice());
    auto output = std::make_shared<CapturedOutput>(m_settings.outputCapBytes);
    auto timedOut = std::make_shared<bool>(false);
    auto clock = std::make_shared<QElapsedTimer>();
    QObject::connect(process, &QProcess::readyRead, process,
                     [process, output] { output->add(process->readAll()); });
    auto* timer = new QTimer(process);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, process, [process, timedOut] {
        *timedOut = true;
        process->kill();
    });
    const QString shown = argv->join(QLatin1Char(' '));
    auto finish = [process, output, timedOut, clock, timeoutS, shown, done](bool started) {
        output->add(process->readAll());
        ToolResult result;
        if (!started) {
            result = ToolResult::failure(
                QStringLiteral("cannot start %1: %2").arg(shown, process->errorString()));
        } else if (*timedOut) {
            result = ToolResult::failure(
                QStringLiteral("%1 timed out after %2 s").arg(shown).arg(timeoutS));
            output->describe(result.output, 4000);
        } else {
            const int code =
                process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
            result = ToolResult::success({{"exit_code", code}, {"duration_ms", clock->elapsed()}});
            output->describe(result.output, 8000);
            result.ok = code == 0;
        }
        process->deleteLater();
        done(std::move(result));
    };
    QObject::connect(process, &QProcess::finished, process, [finish] { finish(true); });
    QObject::connect(process, &QProcess::errorOccurred, process,
                     [process, finish](QProcess::ProcessError error) {
                         if (error == QProcess::FailedToStart)
                             finish(false);
                     });
    log::get("tools")->debug("run_command in {}: {}", workspace.value(), shown);
    clock->start();
    timer->start(timeoutS * 1000);
    process->start();
}

RunTestsTool::RunTestsTool(CommandSettings settings)
{
    if (!settings.allowed.contains(QStringLiteral("make")))
        settings.allowed << QStringLiteral("make");
    m_settings = settings;
    m_command = CommandTool(std::move(settings));
}

ToolSpec RunTestsTool::spec() const
{
    return {"run_tests",
            "Run the project's tests (`make test`). The outcome is recorded in the project state "
            "as tests.passed with the output's tail as evidence.",
            {{"type", "object"}, {"properties", Json::object()}}};
}

namespace {

// The failing tests' names and tracebacks, read from unittest's and pytest's reports, so the
// model sees them before the rest of the output.
Json failuresIn(const QString& output)
{
    Json failures = Json::array();
    static const QRegularExpression unittestHeader(
        QStringLiteral("^(FAIL|ERROR): (\\S+) \\(([^)]+)\\)"), QRegularExpression::MultilineOption);
    static const QRegularExpression separator(QStringLiteral("^(={20,}|-{20,})$"),
                                              QRegularExpression::MultilineOption);
    for (auto it = unittestHeader.globalMatch(output); it.hasNext() && failures.size() < 20;) {
        const auto match = it.next();
        const qsizetype bodyStart = match.capturedEnd();
        qsizetype bodyEnd = output.indexOf(separator, bodyStart);
        // The line of dashes under the header opens the traceback; the next one ends it.
        if (bodyEnd >= 0 && bodyEnd - bodyStart < 3)
            bodyEnd = output.indexOf(separator, output.indexOf(QLatin1Char('\n'), bodyEnd + 1));
        const QString traceback =
            output.mid(bodyStart, bodyEnd < 0 ? -1 : bodyEnd - bodyStart).trimmed();
        // Python 3.11 prints the whole id in parentheses, earlier versions only the class.
        QString id = match.captured(3);
        if (!id.endsWith(QLatin1Char('.') + match.captured(2)))
            id += QLatin1Char('.') + match.captured(2);
        failures.push_back({{"test", toStd(id)},
                            {"kind", toStd(match.captured(1).toLower())},
                            {"traceback", toStd(traceback.right(3000))}});
    }
    static const QRegularExpression pytestFailed(QStringLiteral("^(FAILED|ERROR) (\\S+::\\S+)"),
                                                 QRegularExpression::MultilineOption);
    for (auto it = pytestFailed.globalMatch(output); it.hasNext() && failures.size() < 20;) {
        const auto match = it.next();
        failures.push_back(
            {{"test", toStd(match.captured(2))}, {"kind", toStd(match.captured(1).toLower())}});
    }
    return failures;
}

// The first failing test and what it failed with (its traceback's last line), which names
// the failure in the state for the runs' lessons.
std::string firstFailureOf(const Json& failure)
{
    const QStringList lines =
        toQ(stringOr(failure, "traceback")).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QString last = lines.isEmpty() ? QString() : lines.last().trimmed();
    return toStd((toQ(stringOr(failure, "test")) +
                  (last.isEmpty() ? QString() : QStringLiteral(": ") + last))
                     .left(500));
}

} // namespace

void RunTestsTool::invoke(const Json&, const ToolContext& context, ToolDone done)
{
    auto workspace = Workspace(context.workspace).resolve(QStringLiteral("."));
    if (!workspace)
        return done(ToolResult::failure(workspace.error()));
    auto failed = [done, workspace = workspace.value()](const QString& why) {
        ToolResult result = ToolResult::failure(why);
        result.stateUpdate["tests"] = {
            {"passed", false},
            {"fingerprint", toStd(gate::workspaceFingerprint(workspace))},
            {"exit_code", -1},
            {"summary", toStd(why.left(2000))}};
        done(std::move(result));
    };
    // What the deploy will read: a contract it would refuse fails the tests now.
    auto contract = ServiceContract::read(workspace.value());
    if (!contract)
        return failed(contract.error());
    if (contract->dependencies.isEmpty())
        return runMake(context, std::move(done));
    auto* environment = new PythonEnvironment(
        m_settings.python, m_settings.sandbox.forProject(context.projectId()), context.owner);
    QObject::connect(environment, &PythonEnvironment::finished, environment,
                     [this, environment, context, done, failed](const PythonInstall& installed) {
                         environment->deleteLater();
                         if (!installed.ok)
                             return failed(QStringLiteral("installing the dependencies failed: %1")
                                               .arg(installed.message));
                         runMake(context, done);
                     });
    environment->prepare(workspace.value(), contract->dependencies);
}

void RunTestsTool::runMake(const ToolContext& context, ToolDone done)
{
    m_command.invoke(
        {{"argv", {"make", "test"}}}, context,
        [done, workspace = context.workspace](ToolResult result) {
            std::string firstFailure;
            if (Json failures = failuresIn(toQ(stringOr(result.output, "output_tail")));
                !failures.empty()) {
                firstFailure = firstFailureOf(failures.front());
                result.output["failing_tests"] = std::move(failures);
            }
            const bool ran = result.output.contains("exit_code");
            const std::string tail = stringOr(result.output, "output_tail");
            QStringList lines = toQ(tail).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            const QString summary =
                lines.mid(std::max<qsizetype>(0, lines.size() - 4)).join(QLatin1Char('\n'));
            result.stateUpdate["tests"] = {
                {"passed", ran && result.ok},
                {"fingerprint", toStd(gate::workspaceFingerprint(workspace))},
                {"exit_code", int(intOr(result.output, "exit_code", -1))},
                {"summary", toStd(ran ? summary : toQ(stringOr(result.output, "error")))}};
            if (!firstFailure.empty())
                result.stateUpdate["tests"]["first_failure"] = firstFailure;
            done(std::move(result));
        });
}

} // namespace orch
