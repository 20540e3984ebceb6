#include "PostgresCluster.h"

#include "LocalPorts.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <unistd.h>

namespace orch::test {
namespace {

// The newest PostgreSQL of the Debian packages.
QString binaries()
{
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::sort(versions.begin(), versions.end(),
              [](const QString& a, const QString& b) { return a.toInt() < b.toInt(); });
    return versions.isEmpty() ? QString() : root.filePath(versions.last() + QStringLiteral("/bin"));
}

} // namespace

PostgresCluster::~PostgresCluster()
{
    stop();
}

QString PostgresCluster::run(const QString& program, const QStringList& arguments, int timeoutMs)
{
    QProcess process;
    QStringList command = QStringList{m_bin + QLatin1Char('/') + program} + arguments;
    if (geteuid() == 0)
        command =
            QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--")} +
            command;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir.path());
    process.start(geteuid() == 0 ? QStringLiteral("runuser") : command.takeFirst(), command);
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return QStringLiteral("%1 failed: %2")
            .arg(program, QString::fromLocal8Bit(process.readAll()).right(2000));
    return {};
}

QString PostgresCluster::giveToPostgres()
{
    if (geteuid() != 0)
        return {};
    QProcess chown;
    chown.start(QStringLiteral("chown"), {QStringLiteral("postgres"), m_dir.path()});
    if (!chown.waitForFinished() || chown.exitCode() != 0)
        return QStringLiteral("cannot give %1 to the postgres user").arg(m_dir.path());
    return {};
}

QString PostgresCluster::start()
{
    m_bin = binaries();
    if (m_bin.isEmpty())
        return QStringLiteral("PostgreSQL is not installed (Debian: postgresql)");
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder");
    if (QString failed = giveToPostgres(); !failed.isEmpty())
        return failed;
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (QString failed =
            run(QStringLiteral("initdb"),
                {QStringLiteral("-D"), data, QStringLiteral("-A"), QStringLiteral("trust"),
                 QStringLiteral("-U"), QStringLiteral("orch"), QStringLiteral("-E"),
                 QStringLiteral("UTF8"), QStringLiteral("--no-sync")});
        !failed.isEmpty())
        return failed;
    m_port = freePort();
    return startServer();
}

QString PostgresCluster::startStandbyOf(const PostgresCluster& primary)
{
    m_bin = binaries();
    if (m_bin.isEmpty() || !m_dir.isValid())
        return QStringLiteral("PostgreSQL is not installed, or no temporary folder");
    if (QString failed = giveToPostgres(); !failed.isEmpty())
        return failed;
    if (QString failed =
            run(QStringLiteral("pg_basebackup"),
                {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                 QString::number(primary.port()), QStringLiteral("-U"), QStringLiteral("orch"),
                 QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-R"),
                 QStringLiteral("-X"), QStringLiteral("stream"),
                 QStringLiteral("--checkpoint=fast"), QStringLiteral("--no-sync")});
        !failed.isEmpty())
        return failed;
    m_port = freePort();
    return startServer();
}

QString PostgresCluster::sql(const QString& statement)
{
    return run(QStringLiteral("psql"),
               {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                QString::number(m_port), QStringLiteral("-U"), QStringLiteral("orch"),
                QStringLiteral("-d"), QStringLiteral("postgres"), QStringLiteral("-c"), statement});
}

QString PostgresCluster::promote()
{
    return run(QStringLiteral("pg_ctl"),
               {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-w"),
                QStringLiteral("promote")});
}

QString PostgresCluster::startServer()
{
    const QString data = m_dir.filePath(QStringLiteral("data"));
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                           "-c max_connections=200")
                                .arg(m_port)
                                .arg(m_dir.path());
    if (QString failed = run(QStringLiteral("pg_ctl"),
                             {QStringLiteral("-D"), data, QStringLiteral("-o"), options,
                              QStringLiteral("-l"), m_dir.filePath(QStringLiteral("log")),
                              QStringLiteral("-w"), QStringLiteral("start")});
        !failed.isEmpty())
        return failed;
    m_running = true;
    return {};
}

QString PostgresCluster::shutDown(const QString& mode)
{
    if (!m_running)
        return QStringLiteral("not running");
    m_running = false;
    return run(QStringLiteral("pg_ctl"),
               {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-m"),
                mode, QStringLiteral("-w"), QStringLiteral("stop")});
}

QString PostgresCluster::startAgain()
{
    return m_running ? QStringLiteral("already running") : startServer();
}

void PostgresCluster::stop()
{
    if (!m_running)
        return;
    m_running = false;
    (void)run(QStringLiteral("pg_ctl"),
              {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-m"),
               QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop")});
}

QString PostgresCluster::createDatabase(const QString& name)
{
    return run(QStringLiteral("createdb"),
               {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                QString::number(m_port), QStringLiteral("-U"), QStringLiteral("orch"), name});
}

QString PostgresCluster::addPasswordRole(const QString& role, const QString& password,
                                         const QString& database)
{
    const QStringList connection = {QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                                    QStringLiteral("-p"), QString::number(m_port),
                                    QStringLiteral("-U"), QStringLiteral("orch")};
    if (QString failed =
            run(QStringLiteral("psql"),
                connection + QStringList{QStringLiteral("-d"), QStringLiteral("postgres"),
                                         QStringLiteral("-c"),
                                         QStringLiteral("CREATE ROLE %1 LOGIN "
                                                        "PASSWORD '%2'")
                                             .arg(role, password)});
        !failed.isEmpty())
        return failed;
    if (QString failed = run(QStringLiteral("createdb"),
                             connection + QStringList{QStringLiteral("-O"), role, database});
        !failed.isEmpty())
        return failed;
    // The first matching line wins, so the role's rule goes before initdb's "trust".
    QFile hba(m_dir.filePath(QStringLiteral("data/pg_hba.conf")));
    if (!hba.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read pg_hba.conf");
    const QByteArray rules = hba.readAll();
    hba.close();
    if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QStringLiteral("cannot write pg_hba.conf");
    hba.write("host all " + role.toUtf8() + " 127.0.0.1/32 scram-sha-256\n" + rules);
    hba.close();
    return run(
        QStringLiteral("pg_ctl"),
        {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("reload")});
}

QString PostgresCluster::url(const QString& database, const QString& role) const
{
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(role).arg(m_port).arg(database);
}

} // namespace orch::test
