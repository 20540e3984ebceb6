#include "SshServer.h"

#include "LocalPorts.h"
#include "ProcessTree.h"
#include "deploy/ServerCheck.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <QThread>
#include <unistd.h>

namespace orch::test {
namespace {

const QString kSshd = QStringLiteral("/usr/sbin/sshd");

bool keygen(const QString& file)
{
    QFile::remove(file);
    QFile::remove(file + QStringLiteral(".pub"));
    QProcess process;
    process.start(QStringLiteral("ssh-keygen"),
                  {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                   QStringLiteral("-N"), QString(), QStringLiteral("-f"), file});
    return process.waitForFinished(10000) && process.exitCode() == 0;
}

} // namespace

SshServer::~SshServer()
{
    stop();
}

QString SshServer::unavailableReason()
{
    if (geteuid() != 0)
        return QStringLiteral("the SSH server tests log in as root");
    if (!QFileInfo::exists(kSshd))
        return QStringLiteral("sshd is not installed (Debian package openssh-server)");
    return {};
}

QString SshServer::writeConfig()
{
    const QDir dir(m_dir.path());
    QFile config(dir.filePath(QStringLiteral("sshd_config")));
    if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QStringLiteral("cannot write sshd_config");
    config.write(QStringLiteral("Port %1\n"
                                "ListenAddress 127.0.0.1\n"
                                "HostKey %2\n"
                                "AuthorizedKeysFile %3\n"
                                "PidFile %4\n"
                                "StrictModes no\n"
                                "PasswordAuthentication no\n"
                                "KbdInteractiveAuthentication no\n"
                                "PermitRootLogin prohibit-password\n"
                                "UsePAM no\n"
                                "Subsystem sftp /usr/lib/openssh/sftp-server\n")
                     .arg(m_port)
                     .arg(dir.filePath(QStringLiteral("host_key")),
                          dir.filePath(QStringLiteral("authorized_keys")),
                          dir.filePath(QStringLiteral("sshd.pid")))
                     .toUtf8());
    return {};
}

QString SshServer::start()
{
    if (QString why = unavailableReason(); !why.isEmpty())
        return why;
    const QDir dir(m_dir.path());
    if (m_port == 0) {
        m_port = freePort();
        if (!keygen(dir.filePath(QStringLiteral("client_key"))) ||
            !keygen(dir.filePath(QStringLiteral("host_key"))))
            return QStringLiteral("ssh-keygen failed");
        QFile::remove(dir.filePath(QStringLiteral("authorized_keys")));
        if (!QFile::copy(dir.filePath(QStringLiteral("client_key.pub")),
                         dir.filePath(QStringLiteral("authorized_keys"))))
            return QStringLiteral("cannot write authorized_keys");
    }
    if (QString error = writeConfig(); !error.isEmpty())
        return error;
    QDir().mkpath(QStringLiteral("/run/sshd")); // its privilege separation folder
    m_sshd.setProcessChannelMode(QProcess::MergedChannels);
    m_sshd.start(kSshd, {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"),
                         dir.filePath(QStringLiteral("sshd_config"))});
    if (!m_sshd.waitForStarted(5000))
        return QStringLiteral("sshd did not start: %1").arg(m_sshd.errorString());
    for (int i = 0; i < 100; ++i) {
        if (listening(m_port))
            return {};
        if (m_sshd.state() == QProcess::NotRunning)
            break;
        QThread::msleep(50);
    }
    return QStringLiteral("sshd does not listen: %1").arg(QString::fromUtf8(m_sshd.readAll()));
}

void SshServer::stop()
{
    if (m_sshd.state() == QProcess::NotRunning)
        return;
    // Its sessions too, as when a server goes down: sshd alone leaves them running, and a
    // client's shared connection would go on through them.
    killDescendants(pid_t(m_sshd.processId()));
    m_sshd.terminate();
    if (!m_sshd.waitForFinished(5000)) {
        m_sshd.kill();
        m_sshd.waitForFinished(2000);
    }
}

QString SshServer::restartWithNewHostKey()
{
    stop();
    if (!keygen(QDir(m_dir.path()).filePath(QStringLiteral("host_key"))))
        return QStringLiteral("ssh-keygen failed");
    return start();
}

QByteArray SshServer::clientPrivateKey() const
{
    QFile key(QDir(m_dir.path()).filePath(QStringLiteral("client_key")));
    return key.open(QIODevice::ReadOnly) ? key.readAll() : QByteArray();
}

QString SshServer::scanHostKeys() const
{
    QObject owner;
    QString keys;
    bool finished = false;
    orch::scanHostKeys(&owner, QStringLiteral("127.0.0.1"), m_port, [&](Result<QString> found) {
        keys = found ? found.value() : QString();
        finished = true;
    });
    QDeadlineTimer deadline(20000);
    while (!finished && !deadline.hasExpired())
        QTest::qWait(20);
    return keys;
}

ServerRecord SshServer::record(const QString& name, const QString& deployRoot) const
{
    ServerRecord server;
    server.name = name;
    server.host = QStringLiteral("127.0.0.1");
    server.port = m_port;
    server.user = QStringLiteral("root");
    server.keyHandle = QStringLiteral("server:") + name;
    server.capacityMb = 1024;
    server.deployRoot = deployRoot;
    server.httpPort = freePort();
    server.httpsPort = freePort();
    server.adminPort = freePort();
    return server;
}

} // namespace orch::test
