#include "deploy/AnsibleRunner.h"

#include "core/Log.h"
#include "deploy/ServerAccess.h"
#include "deploy/UnsafeVars.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTimer>
#include <csignal>
#include <memory>
#include <unistd.h>

namespace orch {
namespace {

bool writeFile(const QString& path, const QByteArray& content, QFileDevice::Permissions permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.setPermissions(permissions);
    return file.write(content) == content.size();
}

} // namespace

AnsibleRunner::AnsibleRunner(QString workDir, QObject* parent)
    : QObject(parent), m_workDir(std::move(workDir))
{
}

AnsibleRunner::~AnsibleRunner()
{
    killGroup();
}

void AnsibleRunner::killGroup()
{
    // The group's id is the playbook's pid (setsid below); a group that ended is ESRCH.
    if (m_groupId > 1)
        ::kill(pid_t(-m_groupId), SIGKILL);
    m_groupId = 0;
}

QString AnsibleRunner::prepare(const QString& playbook, QString* error)
{
    const QDir dir(m_workDir);
    if (!dir.mkpath(QStringLiteral("tmp")) || !dir.mkpath(QStringLiteral("playbooks"))) {
        *error = QStringLiteral("cannot create %1").arg(m_workDir);
        return {};
    }
    const auto readable = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                          QFileDevice::ReadGroup | QFileDevice::ReadOther;
    if (!QFile::exists(QStringLiteral(":/deploy/") + playbook)) {
        *error = QStringLiteral("no bundled playbook %1").arg(playbook);
        return {};
    }
    const QString playbookPath = dir.filePath(QStringLiteral("playbooks/") + playbook);
    // The playbooks with the helpers they read from their own folder.
    for (const QString& name : QDir(QStringLiteral(":/deploy")).entryList(QDir::Files)) {
        QFile bundled(QStringLiteral(":/deploy/") + name);
        if (!bundled.open(QIODevice::ReadOnly) ||
            !writeFile(dir.filePath(QStringLiteral("playbooks/") + name), bundled.readAll(),
                       readable)) {
            *error = QStringLiteral("cannot write the ansible files in %1").arg(m_workDir);
            return {};
        }
    }
    // A server's host key is checked against the pinned ones (its inventory line names them).
    QByteArray config = QByteArray("[defaults]\nhost_key_checking = ") +
                        (m_inventory.isEmpty() ? "False" : "True") +
                        "\nretry_files_enabled = False\n"
                        "interpreter_python = /usr/bin/python3\n"
                        "[ssh_connection]\npipelining = True\n";
    if (!m_inventory.isEmpty()) {
        // ssh's shared connection is a Unix socket, whose path may not pass 107 bytes: it
        // lives in a short private folder, named by a hash of the connection (%C).
        const QString sockets = ServerAccess::connectionFolder();
        if (sockets.isEmpty()) {
            *error = QStringLiteral("cannot create a private folder for ssh's connections");
            return {};
        }
        config += "control_path_dir = " + sockets.toUtf8() + "\ncontrol_path = %(directory)s/%%C\n";
    }
    const QByteArray inventory = m_inventory.isEmpty()
                                     ? QByteArray("localhost ansible_connection=local "
                                                  "ansible_python_interpreter=/usr/bin/python3\n")
                                     : m_inventory;
    if (!writeFile(dir.filePath(QStringLiteral("ansible.cfg")), config, readable) ||
        !writeFile(dir.filePath(QStringLiteral("inventory")), inventory, readable)) {
        *error = QStringLiteral("cannot write the ansible files in %1").arg(m_workDir);
        return {};
    }
    return playbookPath;
}

void AnsibleRunner::run(const QString& playbook, const Json& vars, int timeoutMs)
{
    QString error;
    const QString playbookPath = prepare(playbook, &error);
    const QString varsPath = QDir(m_workDir).filePath(
        QStringLiteral("vars-%1.yml")
            .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')));
    if (playbookPath.isEmpty() || !writeFile(varsPath, unsafeYamlVars(vars),
                                             QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        QFile::remove(varsPath);
        QMetaObject::invokeMethod(
            this,
            [this, error] {
                emit finished(false, error.isEmpty() ? QStringLiteral("cannot write the vars file")
                                                     : error);
            },
            Qt::QueuedConnection);
        return;
    }
    auto* process = new QProcess(this);
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"),
               QProcessEnvironment::systemEnvironment().value(
                   QStringLiteral("PATH"), QStringLiteral("/usr/sbin:/usr/bin:/sbin:/bin")));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("HOME"), m_workDir);
    env.insert(QStringLiteral("ANSIBLE_CONFIG"),
               QDir(m_workDir).filePath(QStringLiteral("ansible.cfg")));
    env.insert(QStringLiteral("ANSIBLE_HOME"), m_workDir);
    env.insert(QStringLiteral("ANSIBLE_LOCAL_TEMP"),
               QDir(m_workDir).filePath(QStringLiteral("tmp")));
    if (m_inventory.isEmpty()) // a server keeps ansible's default, in the SSH user's home
        env.insert(QStringLiteral("ANSIBLE_REMOTE_TMP"),
                   QDir(m_workDir).filePath(QStringLiteral("tmp")));
    env.insert(QStringLiteral("ANSIBLE_NOCOLOR"), QStringLiteral("1"));
    process->setProcessEnvironment(env);
    process->setWorkingDirectory(m_workDir);
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setStandardInputFile(QProcess::nullDevice());
    auto* timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this] { killGroup(); });
    auto finish = [this, process, varsPath, timer](bool started) {
        QFile::remove(varsPath); // it held the service's secrets
        const QString output = QString::fromUtf8(process->readAll());
        const bool timedOut = started && !timer->isActive(); // the single-shot timer fired
        const bool ok = started && !timedOut && process->exitStatus() == QProcess::NormalExit &&
                        process->exitCode() == 0;
        QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QString tail =
            lines.mid(std::max<qsizetype>(0, lines.size() - 30)).join(QLatin1Char('\n'));
        QString reason = tail;
        if (!started)
            reason =
                QStringLiteral("cannot start ansible-playbook: %1").arg(process->errorString());
        else if (timedOut)
            reason = QStringLiteral("ansible-playbook timed out\n") + tail;
        timer->stop();
        // Ended by itself: what it left running on purpose (Caddy, services) has sessions of
        // their own; nothing more is killed.
        m_groupId = 0;
        process->deleteLater();
        log::get("deploy")->debug("ansible-playbook finished ok={}:\n{}", ok, tail);
        emit finished(ok, reason);
    };
    connect(process, &QProcess::finished, this, [finish] { finish(true); });
    connect(process, &QProcess::errorOccurred, this, [finish](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish(false);
    });
    timer->start(timeoutMs);
    // Its own session and group: ansible's forks and ssh can be stopped together.
    process->setChildProcessModifier([] { ::setsid(); });
    process->start(QStringLiteral("ansible-playbook"),
                   {QStringLiteral("-i"), QDir(m_workDir).filePath(QStringLiteral("inventory")),
                    playbookPath, QStringLiteral("-e"), QLatin1Char('@') + varsPath});
    // Known once it is forked, not when the event loop hears that it started: a cancel that
    // comes first still finds the group.
    m_groupId = process->processId();
}

} // namespace orch
