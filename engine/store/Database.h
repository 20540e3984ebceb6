#pragma once
// One SQL connection (SQLite in WAL mode) with numbered migrations, cached prepared
// statements and all-or-nothing transactions.

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
    // Opens (creating folders and file as needed) and migrates to the newest schema.
    static Result<std::unique_ptr<Database>> open(const QString& path);
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
    const QString& path() const { return m_path; }

private:
    Database(QString connectionName, QString path);
    Result<void> configure();
    Result<void> migrate();

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    int m_schemaVersion = 0;
};

} // namespace orch
