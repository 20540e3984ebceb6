#pragma once
// A PostgreSQL cluster of the test's own: initdb and pg_ctl in a temporary folder, listening
// on a free loopback port, trusting the local user "orch"; run as the postgres user when the
// test runs as root (PostgreSQL refuses to run as root). Stopped when it goes.

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace orch::test {

class PostgresCluster
{
public:
    PostgresCluster() = default;
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    // Empty when it runs; otherwise what went wrong.
    QString start();
    // A streaming standby of `primary` (pg_basebackup -R), on a port of its own.
    QString startStandbyOf(const PostgresCluster& primary);
    // The standby becomes a primary that accepts writes (pg_ctl promote).
    QString promote();
    // One statement as the superuser, in the "postgres" database.
    QString sql(const QString& statement);
    void stop();
    // The server stopped as an operator stops it (pg_ctl -m fast: sessions are ended) and
    // started again on the same port and data, as a restart does.
    QString shutDown(const QString& mode = QStringLiteral("fast"));
    QString startAgain();
    // A new, empty database in the cluster.
    QString createDatabase(const QString& name);
    // A role that must give `password` (scram-sha-256 over TCP) and a database it owns.
    QString addPasswordRole(const QString& role, const QString& password, const QString& database);
    QString url(const QString& database, const QString& role = QStringLiteral("orch")) const;
    int port() const { return m_port; }

private:
    QString run(const QString& program, const QStringList& arguments, int timeoutMs = 60000);
    QString startServer();
    // PostgreSQL refuses to run as root: as root, its folder goes to the postgres user.
    QString giveToPostgres();

    QTemporaryDir m_dir;
    QString m_bin;
    int m_port = 0;
    bool m_running = false;
};

} // namespace orch::test
