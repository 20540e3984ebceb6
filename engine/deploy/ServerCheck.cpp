#include "deploy/ServerCheck.h"

#include "api/ServerRecords.h"
#include "deploy/AnsibleRunner.h"
#include "deploy/ServerAccess.h"

#include <QDir>
#include <QRegularExpression>

namespace orch {
namespace {

// A fixed script: what a deploy needs to know about the server. $1: the deploy root.
const QString kFactsScript = QStringLiteral(
    "echo \"os=$(. /etc/os-release 2>/dev/null; echo \"$PRETTY_NAME\")\"; "
    "echo \"kernel=$(uname -r)\"; "
    "awk '/^MemTotal:/{print \"memory_mb=\" int($2/1024)} "
    "/^MemAvailable:/{print \"available_mb=\" int($2/1024)}' /proc/meminfo; "
    "for c in python3 caddy bwrap start-stop-daemon tar; do "
    "if command -v \"$c\" >/dev/null 2>&1; then echo \"has_$c=yes\"; "
    "else echo \"has_$c=no\"; fi; done; "
    "if python3 -c 'import venv' >/dev/null 2>&1; then echo has_venv=yes; "
    "else echo has_venv=no; fi; "
    "if [ -d /run/systemd/system ]; then echo systemd=yes; else echo systemd=no; fi; "
    "if [ \"$(id -u)\" = 0 ]; then echo privileges=root; "
    "elif sudo -n true >/dev/null 2>&1; then echo privileges=sudo; "
    "else echo privileges=none; fi; "
    "if [ -d \"$1\" ]; then echo deploy_root=present; else echo deploy_root=absent; fi; "
    "if command -v caddy >/dev/null 2>&1; then echo \"caddy_version=$(caddy version | "
    "cut -d' ' -f1)\"; fi");

// The packages the base role installs when their command is missing.
Json basePackages()
{
    return Json::array({{{"package", "python3"}, {"command", "python3"}},
                        {{"package", "caddy"}, {"command", "caddy"}},
                        {{"package", "bubblewrap"}, {"command", "bwrap"}},
                        {{"package", "tar"}, {"command", "tar"}}});
}

} // namespace

bool ServerReport::ready() const
{
    return status == ServerStatus::Ready;
}

ServerCheck::ServerCheck(DeploySettings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)),
      m_ansible(new AnsibleRunner(
          QDir(m_settings.workFolder()).filePath(QStringLiteral(".ansible")), this))
{
    m_ansible->setInventory(m_settings.server->inventory());
}

Json ServerCheck::parseFacts(const QByteArray& output)
{
    static const QRegularExpression key(QStringLiteral("^[a-z0-9_-]{1,40}$"));
    Json facts = Json::object();
    for (const QByteArray& line : output.split('\n')) {
        const qsizetype equals = line.indexOf('=');
        if (equals <= 0 || facts.size() >= 64)
            continue;
        const QString name = QString::fromUtf8(line.left(equals));
        const QString value = QString::fromUtf8(line.mid(equals + 1)).trimmed().left(200);
        if (!key.match(name).hasMatch())
            continue;
        bool number = false;
        const qint64 asNumber = value.toLongLong(&number);
        facts[toStd(name)] = number ? Json(asNumber) : Json(toStd(value));
    }
    return facts;
}

QString ServerCheck::missingFor(const Json& facts)
{
    QStringList missing;
    for (const char* command : {"python3", "caddy", "tar", "start-stop-daemon"})
        if (stringOr(facts, (std::string("has_") + command).c_str()) != "yes")
            missing << QString::fromLatin1(command);
    if (stringOr(facts, "has_venv") != "yes")
        missing << QStringLiteral("Python's venv module");
    if (stringOr(facts, "systemd") != "yes" && stringOr(facts, "has_bwrap") != "yes")
        missing << QStringLiteral("bwrap (services are confined with it where systemd is absent)");
    if (stringOr(facts, "privileges") == "none")
        missing << QStringLiteral("root or passwordless sudo for the SSH user");
    return missing.isEmpty()
               ? QString()
               : QStringLiteral("the server lacks %1").arg(missing.join(QStringLiteral(", ")));
}

void ServerCheck::readFacts(std::function<void(bool)> then)
{
    runRemote(this, *m_settings.server,
              {QStringLiteral("sh"), QStringLiteral("-c"), kFactsScript, QStringLiteral("sh"),
               m_settings.deployRoot},
              30000, [this, then](const CommandOutput& output) {
                  if (!output.ok()) {
                      m_report.status = hostKeyChanged(output) ? ServerStatus::HostKeyChanged
                                                               : ServerStatus::Unreachable;
                      m_report.reason = describeSshFailure(m_settings.server->server(), output);
                      return then(false);
                  }
                  m_report.facts = parseFacts(output.out);
                  then(true);
              });
}

void ServerCheck::run(bool bootstrap)
{
    m_report = ServerReport();
    const ServerRecord& server = m_settings.server->server();
    emit progress(QStringLiteral("reaching %1 (%2@%3:%4)")
                      .arg(server.name, server.user, server.host)
                      .arg(server.port));
    readFacts([this, bootstrap](bool reached) {
        if (!reached)
            return finish();
        if (!bootstrap) {
            m_report.reason = missingFor(m_report.facts);
            m_report.status =
                m_report.reason.isEmpty() ? ServerStatus::Ready : ServerStatus::Unreachable;
            return finish();
        }
        emit progress(QStringLiteral("running the base role (packages, deploy root, Caddy)"));
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(
            m_ansible, &AnsibleRunner::finished, this,
            [this, connection](bool ok, const QString& output) {
                disconnect(*connection);
                if (!ok) {
                    m_report.status = ServerStatus::Unreachable;
                    m_report.reason = QStringLiteral("the base role failed:\n%1").arg(output);
                    return finish();
                }
                static const QRegularExpression changed(QStringLiteral("^changed: \\[[^\\]]*\\]"));
                QString task;
                for (const QString& line : output.split(QLatin1Char('\n'))) {
                    if (line.startsWith(QLatin1String("TASK [")))
                        task = line.mid(6, line.indexOf(QLatin1Char(']')) - 6);
                    else if (changed.match(line).hasMatch() && !task.isEmpty())
                        m_report.changes << task;
                }
                readFacts([this](bool again) {
                    if (again) {
                        m_report.reason = missingFor(m_report.facts);
                        m_report.status = m_report.reason.isEmpty() ? ServerStatus::Ready
                                                                    : ServerStatus::Unreachable;
                    }
                    finish();
                });
            });
        m_ansible->run(QStringLiteral("bootstrap.yml"),
                       {{"deploy_root", toStd(m_settings.deployRoot)},
                        {"caddy", {{"dir", toStd(m_settings.caddyFolder())}}},
                        {"packages", basePackages()}},
                       600000);
    });
}

void ServerCheck::finish()
{
    const ServerReport report = m_report;
    QMetaObject::invokeMethod(
        this, [this, report] { emit finished(report); }, Qt::QueuedConnection);
}

void scanHostKeys(QObject* owner, const QString& host, int port,
                  std::function<void(Result<QString>)> done)
{
    runCommand(owner, QStringLiteral("ssh-keyscan"),
               {QStringLiteral("-T"), QStringLiteral("5"), QStringLiteral("-p"),
                QString::number(port), QStringLiteral("--"), host},
               {}, 20000, [host, port, done](const CommandOutput& output) {
                   QStringList lines;
                   for (const QString& line :
                        QString::fromUtf8(output.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                       if (!line.startsWith(QLatin1Char('#')) && line.count(QLatin1Char(' ')) >= 2)
                           lines << line.trimmed();
                   if (lines.isEmpty())
                       return done(Error{
                           QStringLiteral("no SSH host key from %1:%2 (is sshd listening there?)")
                               .arg(host)
                               .arg(port)});
                   lines.sort();
                   done(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
               });
}

void hostKeyFingerprints(QObject* owner, const QString& knownHostsLines,
                         std::function<void(QStringList)> done)
{
    runCommand(
        owner, QStringLiteral("ssh-keygen"),
        {QStringLiteral("-l"), QStringLiteral("-f"), QStringLiteral("/dev/stdin")},
        knownHostsLines.toUtf8(), 10000, [done](const CommandOutput& output) {
            QStringList fingerprints;
            for (const QString& line :
                 QString::fromUtf8(output.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                const QStringList parts = line.split(QLatin1Char(' '));
                if (parts.size() >= 2)
                    fingerprints << parts.value(1) + QLatin1Char(' ') + parts.last();
            }
            done(fingerprints);
        });
}

} // namespace orch
