#include "deploy/ServerAccess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTimer>
#include <unistd.h>

namespace orch {
namespace {

constexpr qsizetype kMaxOutput = 1 << 20;

bool writePrivate(const QString& path, const QByteArray& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return file.write(content) == content.size();
}

// known_hosts names a host on another port "[host]:port".
QString knownHostsName(const ServerRecord& server)
{
    return server.port == 22 ? server.host
                             : QStringLiteral("[%1]:%2").arg(server.host).arg(server.port);
}

} // namespace

Result<std::shared_ptr<ServerAccess>> ServerAccess::open(const ServerRecord& server,
                                                         const QByteArray& privateKey)
{
    std::shared_ptr<ServerAccess> access(new ServerAccess());
    access->m_server = server;
    access->m_folder =
        std::make_unique<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("orch-ssh-XXXXXX")));
    if (!access->m_folder->isValid())
        return Error{QStringLiteral("cannot create a private folder for the SSH key")};
    QFile::setPermissions(access->m_folder->path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    access->m_keyFile = access->m_folder->filePath(QStringLiteral("id"));
    access->m_knownHosts = access->m_folder->filePath(QStringLiteral("known_hosts"));
    QByteArray key = privateKey.trimmed();
    key.append('\n'); // ssh refuses a key file without its last line end
    // Only pinned keys are trusted; the lines are rewritten with the name ssh looks up.
    QByteArray known;
    for (const QString& line : server.hostKeys.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList parts = line.simplified().split(QLatin1Char(' '));
        if (parts.size() >= 3)
            known += (knownHostsName(server) + QLatin1Char(' ') + parts[1] + QLatin1Char(' ') +
                      parts[2] + QLatin1Char('\n'))
                         .toUtf8();
    }
    if (!writePrivate(access->m_keyFile, key) || !writePrivate(access->m_knownHosts, known))
        return Error{QStringLiteral("cannot write the SSH key for %1").arg(server.name)};
    return access;
}

QString ServerAccess::connectionFolder()
{
    const QString folder = QStringLiteral("/tmp/orch-ssh-%1").arg(getuid());
    QDir().mkpath(folder);
    const QFileInfo info(folder);
    if (!info.isDir() || info.isSymLink() || info.ownerId() != getuid())
        return {};
    QFile::setPermissions(folder,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return folder;
}

QStringList ServerAccess::sshOptions(int connectTimeoutS) const
{
    QStringList shared;
    // The first call opens the connection (checking the pinned host key); the others ride on
    // it for a while after, instead of a handshake each.
    if (const QString folder = connectionFolder(); !folder.isEmpty())
        shared = {
            QStringLiteral("-o"), QStringLiteral("ControlMaster=auto"),
            QStringLiteral("-o"), QStringLiteral("ControlPath=") + folder + QStringLiteral("/%C"),
            QStringLiteral("-o"), QStringLiteral("ControlPersist=30")};
    return shared + QStringList{QStringLiteral("-F"),
                                QStringLiteral("/dev/null"), // no user or system ssh_config
                                QStringLiteral("-i"),
                                m_keyFile,
                                QStringLiteral("-p"),
                                QString::number(m_server.port),
                                QStringLiteral("-o"),
                                QStringLiteral("UserKnownHostsFile=") + m_knownHosts,
                                QStringLiteral("-o"),
                                QStringLiteral("GlobalKnownHostsFile=/dev/null"),
                                QStringLiteral("-o"),
                                QStringLiteral("StrictHostKeyChecking=yes"),
                                QStringLiteral("-o"),
                                QStringLiteral("BatchMode=yes"),
                                QStringLiteral("-o"),
                                QStringLiteral("IdentitiesOnly=yes"),
                                QStringLiteral("-o"),
                                QStringLiteral("IdentityAgent=none"),
                                QStringLiteral("-o"),
                                QStringLiteral("ConnectTimeout=%1").arg(connectTimeoutS)};
}

QString ServerAccess::destination() const
{
    return m_server.user + QLatin1Char('@') + m_server.host;
}

QByteArray ServerAccess::inventory() const
{
    // The ssh options minus the port and key, which ansible takes as variables.
    QStringList common;
    const QStringList options = sshOptions();
    for (int i = 0; i + 1 < options.size(); i += 2)
        if (options[i] == QLatin1String("-o") || options[i] == QLatin1String("-F"))
            common << options[i] << options[i + 1];
    return QStringLiteral("%1 ansible_host=%2 ansible_port=%3 ansible_user=%4 "
                          "ansible_ssh_private_key_file=%5 "
                          "ansible_python_interpreter=/usr/bin/python3 "
                          "ansible_become=%6 ansible_ssh_common_args='%7'\n")
        .arg(m_server.name, m_server.host)
        .arg(m_server.port)
        .arg(m_server.user, m_keyFile,
             m_server.user == QLatin1String("root") ? QStringLiteral("false")
                                                    : QStringLiteral("true"),
             common.join(QLatin1Char(' ')))
        .toUtf8();
}

QString ServerAccess::shellCommand(const QStringList& argv)
{
    QStringList quoted;
    for (QString part : argv)
        quoted << QLatin1Char('\'') + part.replace(QLatin1Char('\''), QLatin1String("'\\''")) +
                      QLatin1Char('\'');
    return quoted.join(QLatin1Char(' '));
}

void runCommand(QObject* owner, const QString& program, const QStringList& arguments,
                const QByteArray& input, int timeoutMs, std::function<void(CommandOutput)> done)
{
    auto* process = new QProcess(owner);
    auto* timer = new QTimer(process);
    timer->setSingleShot(true);
    auto output = std::make_shared<CommandOutput>();
    auto finish = [process, output, done](bool started) {
        if (!done)
            return;
        output->started = started;
        if (started) {
            output->exitCode =
                process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
            output->out += process->readAllStandardOutput().left(kMaxOutput);
            output->err += process->readAllStandardError().left(kMaxOutput);
        } else {
            output->err = process->errorString().toUtf8();
        }
        process->disconnect();
        process->deleteLater();
        done(*output);
    };
    QObject::connect(timer, &QTimer::timeout, process, [process, output] {
        output->timedOut = true;
        process->kill();
    });
    QObject::connect(process, &QProcess::readyReadStandardOutput, process, [process, output] {
        const QByteArray chunk = process->readAllStandardOutput();
        if (output->out.size() < kMaxOutput)
            output->out += chunk.left(kMaxOutput - output->out.size());
    });
    QObject::connect(process, &QProcess::finished, process, [finish] { finish(true); });
    QObject::connect(process, &QProcess::errorOccurred, process,
                     [finish](QProcess::ProcessError error) {
                         if (error == QProcess::FailedToStart)
                             finish(false);
                     });
    timer->start(timeoutMs);
    process->start(program, arguments);
    if (!input.isEmpty())
        process->write(input);
    process->closeWriteChannel();
}

void runRemote(QObject* owner, const ServerAccess& access, const QStringList& argv, int timeoutMs,
               std::function<void(CommandOutput)> done)
{
    QStringList arguments = access.sshOptions();
    arguments << QStringLiteral("--") << access.destination() << ServerAccess::shellCommand(argv);
    runCommand(owner, QStringLiteral("ssh"), arguments, {}, timeoutMs, std::move(done));
}

bool hostKeyChanged(const CommandOutput& output)
{
    return output.exitCode == 255 &&
           (output.err.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") ||
            output.err.contains("Host key verification failed") ||
            output.err.contains("No ED25519 host key is known") ||
            output.err.contains("host key is known"));
}

QString describeSshFailure(const ServerRecord& server, const CommandOutput& output)
{
    if (!output.started)
        return QStringLiteral("cannot run ssh: %1").arg(QString::fromUtf8(output.err));
    if (output.timedOut)
        return QStringLiteral("server %1 (%2:%3) did not answer in time")
            .arg(server.name, server.host)
            .arg(server.port);
    if (hostKeyChanged(output))
        return QStringLiteral("the host key of server %1 is not the one pinned at its first "
                              "contact: deploys to it are stopped. If the server was "
                              "reinstalled, compare its new key and run `orchestratord servers "
                              "trust %1`")
            .arg(server.name);
    const QString error = QString::fromUtf8(output.err).trimmed().right(400);
    if (output.exitCode == 255)
        return QStringLiteral("cannot reach server %1 (%2:%3) over SSH: %4")
            .arg(server.name, server.host)
            .arg(server.port)
            .arg(error);
    return QStringLiteral("a command on server %1 failed (exit %2): %3")
        .arg(server.name)
        .arg(output.exitCode)
        .arg(error);
}

} // namespace orch
