#include "store/Database.h"

#include "core/Log.h"
#include "store/Migrations.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>

namespace orch {

Database::Database(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName)), m_path(std::move(path))
{
}

Database::~Database()
{
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(const QString& path)
{
    static QAtomicInt counter;
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error{QStringLiteral("cannot create the folder for database %1").arg(path)};
    const QString name = QStringLiteral("orch-%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<Database> database(new Database(name, path));
    database->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    database->m_db.setDatabaseName(path);
    if (!database->m_db.open())
        return Error{QStringLiteral("cannot open database %1: %2")
                         .arg(path, database->m_db.lastError().text())};
    if (auto configured = database->configure(); !configured)
        return configured.failure();
    if (auto migrated = database->migrate(); !migrated)
        return migrated.failure();
    return database;
}

Result<void> Database::configure()
{
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                               "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=10000"}) {
        QSqlQuery query(m_db);
        if (!query.exec(QLatin1String(pragma)))
            return Error{QStringLiteral("%1 failed on %2: %3")
                             .arg(QLatin1String(pragma), m_path, query.lastError().text())};
    }
    return {};
}

Result<void> Database::migrate()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations "
                                   "(version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")))
        return Error{
            QStringLiteral("cannot create schema_migrations: %1").arg(query.lastError().text())};
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) ||
        !query.next())
        return Error{
            QStringLiteral("cannot read schema version: %1").arg(query.lastError().text())};
    m_schemaVersion = query.value(0).toInt();
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
            for (const QString& sql : migration.statements)
                if (!step.exec(sql))
                    return Error{QStringLiteral("migration %1 failed: %2 (%3)")
                                     .arg(migration.version)
                                     .arg(step.lastError().text(), sql)};
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

Result<void> Database::transaction(const std::function<Result<void>()>& work)
{
    if (!m_db.transaction())
        return Error{QStringLiteral("cannot begin a transaction: %1").arg(m_db.lastError().text())};
    Result<void> result = work();
    if (result.ok() && m_db.commit())
        return {};
    const QString reason = result.ok() ? m_db.lastError().text() : result.error();
    const ErrorCode code = result.ok() ? ErrorCode::Failed : result.code();
    m_db.rollback();
    return Error{reason, code};
}

QSqlQuery& Database::prepared(const QString& sql)
{
    auto& slot = m_statements[sql];
    if (!slot) {
        slot = std::make_shared<QSqlQuery>(m_db);
        if (!slot->prepare(sql))
            log::get("store")->error("cannot prepare '{}': {}", sql, slot->lastError().text());
    }
    return *slot;
}

Result<void> Database::exec(QSqlQuery& query)
{
    if (query.exec())
        return {};
    return Error{QStringLiteral("%1 (%2)").arg(query.lastError().text(), query.lastQuery())};
}

} // namespace orch
