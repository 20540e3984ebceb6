#include "store/Database.h"

#include "core/Log.h"
#include "store/Migrations.h"
#include "store/PostgresAddress.h"
#include "store/WalCheckpointer.h"
#include "store/WriteSpool.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace orch {

Database::Database(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName)), m_path(std::move(path))
{
}

void Database::setSpool(std::shared_ptr<WriteSpool> spool)
{
    m_spool = std::move(spool);
}

Database::~Database()
{
    m_checkpointer.reset(); // the last one out checkpoints what is left before this close
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::isPostgresUrl(const QString& location)
{
    return location.startsWith(QLatin1String("postgresql://")) ||
           location.startsWith(QLatin1String("postgres://"));
}

Result<std::unique_ptr<Database>> Database::open(const QString& location,
                                                 const QByteArray& password)
{
    static QAtomicInt counter;
    const QString name = QStringLiteral("orch-%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<Database> database(new Database(name, location));
    if (isPostgresUrl(location)) {
        if (auto opened = database->openPostgres(password); !opened)
            return opened.failure();
    } else {
        const QString& path = location;
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return Error{QStringLiteral("cannot create the folder for database %1").arg(path)};
        database->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        database->m_db.setDatabaseName(path);
        if (!database->m_db.open())
            return Error{QStringLiteral("cannot open database %1: %2")
                             .arg(path, database->m_db.lastError().text())};
    }
    if (auto configured = database->configure(); !configured) {
        // SQLite's own words for a file it cannot write are "unable to open database file".
        const QString folder = QFileInfo(location).absolutePath();
        if (!database->isPostgres() &&
            (::access(QFile::encodeName(folder).constData(), W_OK) != 0 ||
             (QFileInfo::exists(location) &&
              ::access(QFile::encodeName(location).constData(), W_OK) != 0)))
            return Error{QStringLiteral("database %1 cannot be written (%2): it is on a "
                                        "read-only file or filesystem, or this user may not "
                                        "write there")
                             .arg(location, QString::fromLocal8Bit(std::strerror(errno)))};
        return configured.failure();
    }
    if (auto migrated = database->migrate(); !migrated)
        return migrated.failure();
    return database;
}

Result<void> Database::openPostgres(const QByteArray& password)
{
    auto address = PostgresAddress::parse(m_path);
    if (!address)
        return address.failure();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error{QStringLiteral("the PostgreSQL driver of Qt is not installed "
                                    "(Debian: libqt6sql6-psql)")};
    m_dialect = Dialect::PostgreSQL;
    m_path = address->display(); // what logs and errors show
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    m_db.setHostName(address->hosts.join(QLatin1Char(',')));
    m_db.setDatabaseName(address->database);
    m_db.setUserName(address->user);
    if (!password.isEmpty())
        m_db.setPassword(QString::fromUtf8(password));
    else if (!address->password.isEmpty())
        m_db.setPassword(address->password);
    m_db.setConnectOptions(address->connectOptions());
    if (!m_db.open()) {
        const QString why = m_db.lastError().text();
        return Error{QStringLiteral("cannot open database %1: %2").arg(m_path, why),
                     isServerAway(why) ? ErrorCode::Unavailable : ErrorCode::Failed};
    }
    return {};
}

bool Database::isServerAway(const QString& error)
{
    // libpq's words when nobody answers yet or the server is between states (restarting, a
    // standby being promoted): that changes by itself. A refused login or a missing database
    // does not, and says "FATAL" with other words.
    static const QRegularExpression away(
        QStringLiteral("Connection refused|No such file or directory|timeout expired|timed out|"
                       "No route to host|Temporary failure in name resolution|"
                       "server closed the connection|the database system is (starting up|"
                       "shutting down|in recovery mode|not yet accepting connections)|"
                       "session is read-only|server is in hot standby mode"),
        QRegularExpression::CaseInsensitiveOption);
    return away.match(error).hasMatch();
}

Result<void> Database::configure()
{
    if (m_dialect == Dialect::PostgreSQL) {
        // Several processes may start at once: one migrates, the others wait for it. Notices
        // ("already exists, skipping") would go to stderr past the log, so only warnings do.
        QSqlQuery lock(m_db);
        if (!lock.exec(QStringLiteral("SET client_min_messages TO warning")) ||
            !lock.exec(QStringLiteral("SELECT pg_advisory_lock(7420013)")))
            return Error{QStringLiteral("cannot lock %1 for migrations: %2")
                             .arg(m_path, lock.lastError().text())};
        return {};
    }
    // The log is started over by the checkpoint thread; after a burst, a log file past 64 MB
    // is cut back to that when it starts over (https://www.sqlite.org/pragma.html
    // #pragma_journal_size_limit).
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
          "PRAGMA busy_timeout=10000", "PRAGMA wal_autocheckpoint=0",
          "PRAGMA journal_size_limit=67108864"}) {
        QSqlQuery query(m_db);
        if (!query.exec(QLatin1String(pragma)))
            return Error{QStringLiteral("%1 failed on %2: %3")
                             .arg(QLatin1String(pragma), m_path, query.lastError().text())};
    }
    m_checkpointer = WalCheckpointer::forFile(m_path);
    return {};
}

namespace {

// A migration's statement as PostgreSQL reads it: integers are 64-bit (milliseconds since
// 1970 do not fit 32), an integer key numbers itself, bytes are BYTEA, floats are doubles.
QString forPostgres(QString sql)
{
    static const QRegularExpression key(QStringLiteral("\\bINTEGER PRIMARY KEY\\b"));
    static const QRegularExpression integer(QStringLiteral("\\bINTEGER\\b"));
    static const QRegularExpression blob(QStringLiteral("\\bBLOB\\b"));
    static const QRegularExpression real(QStringLiteral("\\bREAL\\b"));
    sql.remove(QStringLiteral(" WITHOUT ROWID")); // PostgreSQL tables have no rowid anyway
    sql.replace(key, QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    sql.replace(integer, QStringLiteral("BIGINT"));
    sql.replace(blob, QStringLiteral("BYTEA"));
    sql.replace(real, QStringLiteral("DOUBLE PRECISION"));
    return sql;
}

} // namespace

Result<void> Database::migrate()
{
    auto migrated = migrateLocked();
    if (m_dialect == Dialect::PostgreSQL) {
        QSqlQuery unlock(m_db);
        (void)unlock.exec(QStringLiteral("SELECT pg_advisory_unlock(7420013)"));
    }
    return migrated;
}

Result<void> Database::migrateLocked()
{
    const auto dialectOf = [this](const QString& sql) {
        return m_dialect == Dialect::PostgreSQL ? forPostgres(sql) : sql;
    };
    QSqlQuery query(m_db);
    if (!query.exec(dialectOf(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations "
                                             "(version INTEGER PRIMARY KEY, applied_at INTEGER "
                                             "NOT NULL)"))))
        return Error{
            QStringLiteral("cannot create schema_migrations: %1").arg(query.lastError().text())};
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) ||
        !query.next())
        return Error{
            QStringLiteral("cannot read schema version: %1").arg(query.lastError().text())};
    m_schemaVersion = query.value(0).toInt();
    query.finish(); // a schema change waits for no open statement
    const int newest = migrations().empty() ? 0 : migrations().back().version;
    if (m_schemaVersion > newest)
        return Error{
            QStringLiteral("database %1 has schema version %2, newer than this program (%3)")
                .arg(m_path)
                .arg(m_schemaVersion)
                .arg(newest)};
    for (const Migration& migration : migrations()) {
        if (migration.version <= m_schemaVersion)
            continue;
        auto applied = transaction([&]() -> Result<void> {
            QSqlQuery step(m_db);
            for (const QString& sql : migration.statements) {
                if (!step.exec(dialectOf(sql)))
                    return Error{QStringLiteral("migration %1 failed: %2 (%3)")
                                     .arg(migration.version)
                                     .arg(step.lastError().text(), sql)};
                step.finish(); // a statement left open would lock the tables it read
            }
            step.prepare(QStringLiteral("INSERT INTO schema_migrations VALUES (?, ?)"));
            step.addBindValue(migration.version);
            step.addBindValue(QDateTime::currentMSecsSinceEpoch());
            return exec(step);
        });
        if (!applied)
            return applied;
        m_schemaVersion = migration.version;
        log::get("store")->info("{}: migrated to schema version {}", m_path, migration.version);
    }
    return {};
}

QSqlQuery& Database::prepared(const QString& sql)
{
    auto& slot = m_statements[sql];
    if (!slot) {
        slot = std::make_shared<QSqlQuery>(m_db);
        // Rows are read once, front to back: Qt then keeps no copy of the rows read so far.
        slot->setForwardOnly(true);
        if (!slot->prepare(sql))
            log::get("store")->error("cannot prepare '{}': {}", sql, slot->lastError().text());
    }
    return *slot;
}

Result<void> Database::execute(QSqlQuery& query)
{
    if (m_lost)
        return unavailable();
    auto done = exec(query);
    if (!done && noticeLostConnection(done.error()))
        return unavailable();
    return done;
}

Result<void> Database::exec(QSqlQuery& query)
{
    if (query.exec())
        return {};
    return Error{QStringLiteral("%1 (%2)").arg(query.lastError().text(), query.lastQuery())};
}

} // namespace orch
