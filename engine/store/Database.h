#pragma once
// One SQL connection with numbered migrations, cached prepared statements and all-or-nothing
// transactions: a SQLite file in WAL mode, or a PostgreSQL database named by a URL
// ("postgresql://user@host:port/db"), which several orchestratord processes may share. The
// statements are written once, in the SQL both accept; the few places that differ ask
// dialect().

#include "core/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <functional>
#include <memory>

namespace orch {

class Database
{
public:
    enum class Dialect
    {
        SQLite,
        PostgreSQL
    };
    // Opens (creating folders and file as needed) and migrates to the newest schema. A
    // PostgreSQL URL takes its password from `password`, else from libpq's own places
    // (PGPASSWORD, ~/.pgpass).
    static Result<std::unique_ptr<Database>> open(const QString& location,
                                                  const QByteArray& password = {});
    static bool isPostgresUrl(const QString& location);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs `work` inside BEGIN/COMMIT; any error rolls everything back.
    Result<void> transaction(const std::function<Result<void>()>& work);
    // A prepared statement, prepared once per connection and reused.
    QSqlQuery& prepared(const QString& sql);
    // Executes a prepared statement, turning failures into errors naming the statement.
    static Result<void> exec(QSqlQuery& query);
    // A fresh statement for dynamic SQL (built per call, not cached).
    QSqlQuery newQuery() const { return QSqlQuery(m_db); }

    int schemaVersion() const { return m_schemaVersion; }
    Dialect dialect() const { return m_dialect; }
    const QString& path() const { return m_path; }

private:
    Database(QString connectionName, QString path);
    Result<void> openPostgres(const QByteArray& password);
    Result<void> configure();
    Result<void> migrate();
    Result<void> migrateLocked();

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    int m_schemaVersion = 0;
    Dialect m_dialect = Dialect::SQLite;
};

} // namespace orch
