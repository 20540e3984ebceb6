#include "deploy/PythonEnvironment.h"

#include "deploy/Requirements.h"
#include "deploy/ServerAccess.h"
#include "sandbox/AllowListProxy.h"
#include "sandbox/Sandbox.h"
#include "workspace/ContainedFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>
#include <memory>

namespace orch {
namespace {
constexpr int kOutputTail = 3000;
const QString kStampName = QStringLiteral(".venv/orchestrator-requirements");
} // namespace

PythonEnvironment::PythonEnvironment(PythonSettings python, SandboxSettings sandbox,
                                     QObject* parent)
    : QObject(parent), m_python(std::move(python)), m_sandbox(std::move(sandbox))
{
}

QString PythonEnvironment::interpreterIn(const QString& folder)
{
    return QDir(folder).filePath(QStringLiteral(".venv/bin/python3"));
}

void PythonEnvironment::finish(bool ok, const QString& message)
{
    m_result.ok = ok;
    m_result.message = message;
    m_result.ms = m_clock.elapsed();
    const PythonInstall result = m_result;
    QMetaObject::invokeMethod(
        this, [this, result] { emit finished(result); }, Qt::QueuedConnection);
}

Result<QStringList> PythonEnvironment::readRequirements(const QString& folder,
                                                        const QString& dependencyFile)
{
    if (dependencyFile.isEmpty())
        return QStringList();
    auto text = contained::read(folder, dependencyFile, 64 * 1024);
    if (!text && text.code() == ErrorCode::NotFound)
        return QStringList();
    if (!text)
        return text.failure();
    auto requirements = parseRequirements(text.value());
    if (!requirements)
        return Error{QStringLiteral("%1: %2").arg(dependencyFile, requirements.error())};
    return requirements.value();
}

QStringList PythonEnvironment::packageIndexHosts(const QString& indexUrl,
                                                 const QStringList& fileHosts)
{
    QStringList allowed;
    if (const QString index = AllowListProxy::hostPortOf(indexUrl); !index.isEmpty())
        allowed << index;
    // PyPI serves its files from another host (https://docs.pypi.org/api/#integration-guide).
    if (QUrl(indexUrl).host().compare(QLatin1String("pypi.org"), Qt::CaseInsensitive) == 0)
        allowed << QStringLiteral("files.pythonhosted.org:443");
    for (const QString& extra : fileHosts)
        allowed << (extra.contains(QLatin1Char(':')) ? extra.toLower()
                                                     : AllowListProxy::hostPort(extra, 443));
    return allowed;
}

QStringList PythonEnvironment::pipInstallArguments(const PythonSettings& python,
                                                   const QStringList& requirements)
{
    QStringList arguments = {QStringLiteral("--index-url"), python.indexUrl,
                             QStringLiteral("--no-input"), QStringLiteral("--progress-bar"),
                             QStringLiteral("off")};
    if (!python.sourceBuilds)
        arguments << QStringLiteral("--only-binary=:all:");
    arguments << QStringLiteral("--") << requirements;
    return arguments;
}

QString PythonEnvironment::environmentKey(const PythonSettings& python,
                                          const QStringList& requirements)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(python.indexUrl.toUtf8());
    hash.addData(python.sourceBuilds ? "\nsources\n" : "\nwheels\n");
    hash.addData(requirements.join(QLatin1Char('\n')).toUtf8());
    return QString::fromLatin1(hash.result().toHex());
}

QString PythonEnvironment::stampFor(const PythonSettings& python, const QStringList& requirements)
{
    const QString interpreter = QFileInfo(python.python).canonicalFilePath();
    return environmentKey(python, requirements) + QLatin1Char(' ') +
           (interpreter.isEmpty() ? python.python : interpreter);
}

namespace {
bool stampMatches(const QString& folder, const QString& stamp)
{
    QFile file(QDir(folder).filePath(kStampName));
    return file.size() < 4096 && file.open(QIODevice::ReadOnly) &&
           QString::fromUtf8(file.readAll()) == stamp &&
           QFile::exists(PythonEnvironment::interpreterIn(folder));
}
// pip's words for an index it could not reach come before its "no matching distribution"
// (which it then says too); only that second kind alone is the requirements' fault.
FailureClass pipFailureClass(const QString& output)
{
    static const QRegularExpression unreachable(
        QStringLiteral("NewConnectionError|Connection refused|Network is unreachable|Temporary "
                       "failure in name resolution|Name or service not known|Max retries "
                       "exceeded|timed out|ReadTimeoutError|SSLError|No space left on device|"
                       "Permission denied|HTTP error 5\\d\\d"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression requirement(
        QStringLiteral("No matching distribution|Could not find a version that satisfies|"
                       "ResolutionImpossible|Invalid requirement|conflicting dependencies"),
        QRegularExpression::CaseInsensitiveOption);
    if (unreachable.match(output).hasMatch())
        return FailureClass::Environment;
    return requirement.match(output).hasMatch() ? FailureClass::Code : FailureClass::Environment;
}

} // namespace

void PythonEnvironment::prepare(const QString& folder, const QString& dependencyFile)
{
    m_clock.start();
    m_result = PythonInstall();
    auto requirements = readRequirements(folder, dependencyFile);
    if (!requirements) {
        m_result.failure = FailureClass::Code;
        return finish(false, requirements.error());
    }
    m_result.requirements = requirements.value();
    if (requirements->isEmpty())
        return finish(true, {});

    m_stamp = stampFor(m_python, requirements.value());
    m_stampFile = QDir(folder).filePath(kStampName);
    if (stampMatches(folder, m_stamp))
        return finish(true, {});
    if (!lendEarlierEnvironment(folder))
        install(folder, requirements.value());
}

bool PythonEnvironment::lendEarlierEnvironment(const QString& folder)
{
    if (m_reuseFrom.isEmpty() || !stampMatches(m_reuseFrom, m_stamp))
        return false;
    // Hard links: releases never write into their environment, so they may share its files.
    const QString script = QStringLiteral(
        "rm -rf \"$2\" && { cp -al \"$1\" \"$2\" 2>/dev/null || { rm -rf \"$2\"; cp -a \"$1\" "
        "\"$2\"; }; }");
    const QString target = QDir(folder).filePath(QStringLiteral(".venv"));
    const QStringList requirements = m_result.requirements;
    runCommand(this, QStringLiteral("/bin/sh"),
               {QStringLiteral("-c"), script, QStringLiteral("sh"),
                QDir(m_reuseFrom).filePath(QStringLiteral(".venv")), target},
               {}, 120000, [this, folder, requirements](const CommandOutput& output) {
                   if (!output.ok())
                       return install(folder, requirements); // made anew instead
                   m_result.reused = true;
                   finish(true, {});
               });
    return true;
}

void PythonEnvironment::install(const QString& folder, const QStringList& requirements)
{
    // The sandbox has no network: pip reaches the index through the proxy alone. Both Python
    // steps run isolated (-I: no folder of the project on sys.path, no PYTHON* variables) from
    // /tmp, so a `venv.py` or `pip/` in the project is never imported; the requirements travel
    // as arguments, never as text a shell or pip would read as options.
    m_proxy = new AllowListProxy(packageIndexHosts(m_python.indexUrl, m_python.fileHosts),
                                 QStringLiteral("the package index"), this);
    if (auto listening = m_proxy->listen(); !listening)
        return finish(false, listening.error());
    const QString venv = QDir(folder).filePath(QStringLiteral(".venv"));
    const QStringList pipArguments =
        QStringList{QStringLiteral("--proxy"),
                    QStringLiteral("http://127.0.0.1:%1").arg(AllowListProxy::kPortInside)} +
        pipInstallArguments(m_python, requirements);
    const QString script =
        QStringLiteral(
            "cd /tmp && \"$0\" -I -c \"$PROXY_FORWARDER\" \"$PROXY_SOCKET\" %1 /tmp/.proxy-ready & "
            "rm -rf \"$VENV\" && \"$0\" -I -m venv --without-pip \"$VENV\" && "
            "n=0; while [ ! -e /tmp/.proxy-ready ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n+1)); "
            "done; exec \"$0\" -I -m pip --python \"$VENV/bin/python3\" install \"$@\"")
            .arg(AllowListProxy::kPortInside);
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QStringLiteral("/tmp"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("PIP_CONFIG_FILE"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("PIP_DISABLE_PIP_VERSION_CHECK"), QStringLiteral("1"));
    env.insert(QStringLiteral("PIP_NO_CACHE_DIR"), QStringLiteral("1"));
    env.insert(QStringLiteral("VENV"), venv);
    env.insert(QStringLiteral("PROXY_SOCKET"), m_proxy->socketPath());
    env.insert(QStringLiteral("PROXY_FORWARDER"), AllowListProxy::forwarder());
    SandboxSettings sandbox = m_sandbox;
    sandbox.network = false;
    sandbox.readOnlyPaths << m_proxy->folder();
    auto command = Sandbox(sandbox).wrap(
        QStringLiteral("/bin/sh"),
        QStringList{QStringLiteral("-c"), script, m_python.python} + pipArguments, folder, env);
    if (!command)
        return finish(false,
                      QStringLiteral("cannot run pip in the sandbox: %1").arg(command.error()));
    auto* process = new QProcess(this);
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setStandardInputFile(QProcess::nullDevice());
    process->setProcessEnvironment(command->environment);
    process->setWorkingDirectory(command->workingDirectory);
    auto output = std::make_shared<QByteArray>(); // lives as long as the process's handlers
    connect(process, &QProcess::readyRead, process, [process, output] {
        output->append(process->readAll());
        if (output->size() > 4 * kOutputTail)
            output->remove(0, output->size() - kOutputTail);
    });
    auto* deadline = new QTimer(process);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, process, [process] { process->kill(); });
    deadline->start(m_python.installTimeoutS * 1000);
    connect(
        process, &QProcess::finished, this,
        [this, process, output, deadline](int code, QProcess::ExitStatus status) {
            output->append(process->readAll());
            const QString tail = QString::fromUtf8(output->right(kOutputTail));
            const bool timedOut = !deadline->isActive();
            process->deleteLater();
            const QStringList refused = m_proxy->refused();
            const QStringList unreachable = m_proxy->unreachable();
            m_proxy->deleteLater();
            m_proxy = nullptr;
            const bool failed = status != QProcess::NormalExit || code != 0;
            if (failed && (!refused.isEmpty() || !unreachable.isEmpty())) {
                m_result.failure = FailureClass::Environment;
                return finish(
                    false, (refused.isEmpty()
                                ? QStringLiteral("the package index could not be reached (%1)")
                                      .arg(unreachable.join(QStringLiteral("; ")))
                                : QStringLiteral("pip was sent to %1, which the sandbox does not "
                                                 "reach (only the package index and "
                                                 "python.file_hosts)")
                                      .arg(refused.join(QStringLiteral(", ")))) +
                               QStringLiteral("; pip's last output:\n") + tail);
            }
            if (status != QProcess::NormalExit || code != 0) {
                m_result.failure = timedOut ? FailureClass::Environment : pipFailureClass(tail);
                return finish(false, timedOut ? QStringLiteral("pip install took longer than %1 s; "
                                                               "its last output:\n%2")
                                                    .arg(m_python.installTimeoutS)
                                                    .arg(tail)
                                              : QStringLiteral("pip install failed (exit code "
                                                               "%1); its last output:\n%2")
                                                    .arg(code)
                                                    .arg(tail));
            }
            QSaveFile stamp(m_stampFile);
            if (stamp.open(QIODevice::WriteOnly)) {
                stamp.write(m_stamp.toUtf8());
                stamp.commit();
            }
            m_result.installed = true;
            finish(true, {});
        });
    // Not started (no process slot, no memory): finished() never comes, so this ends it.
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        const QString why = process->errorString();
        process->deleteLater();
        m_proxy->deleteLater();
        m_proxy = nullptr;
        m_result.failure = FailureClass::Environment;
        finish(false, QStringLiteral("cannot start pip in the sandbox: %1").arg(why));
    });
    process->start(command->program, command->arguments);
}

} // namespace orch
