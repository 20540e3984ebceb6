#pragma once
// One SQL connection with numbered migrations, cached prepared statements and all-or-nothing
// transactions: a SQLite file in WAL mode, or a PostgreSQL database named by a URL
// ("postgresql://user@host:port/db"), which several orchestratord processes may share. The
// statements are written once, in the SQL both accept; the few places that differ ask
// dialect(). A PostgreSQL connection that goes away (a restart, a failover, a network cut,
// idle_session_timeout) is noticed at the first failed statement and reopened with backoff;
// until then work fails at once with ErrorCode::Unavailable.

#include "core/Result.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace orch {

class WalCheckpointer;
class WriteSpool;

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
    // Whether a PostgreSQL connection failure is the server being away for now (it may come
    // back by itself), not a setting that is wrong.
    static bool isServerAway(const QString& error);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs `work` inside BEGIN/COMMIT; any error rolls everything back. When the connection
    // went before COMMIT (nothing was applied), it is reopened and `work` runs once more; when
    // it went during COMMIT (the outcome is unknown) or cannot be reopened now, the error has
    // ErrorCode::Unavailable.
    // Inside another transaction (or `together`) it is a savepoint: rolled back alone.
    Result<void> transaction(const std::function<Result<void>()>& work);
    // Writes that belong to one moment (a run starting, a run ending) committed at once: one
    // COMMIT, and one write of the pages they share, instead of one each. The parts call
    // transaction() (a savepoint here), so one that fails is rolled back alone. What they
    // wrote is stored only when this returns ok; when the database cannot begin one, the
    // parts run on their own as they would without it.
    Result<void> together(const std::function<void()>& parts);
    // Transactions begun on this connection so far: what was read inside one is still
    // what this connection would read while no other has begun since.
    quint64 transactionsBegun() const { return m_begun; }
    // transaction() for work that gives a value: the value once committed, else why not.
    template <typename T> Result<T> transactionFor(const std::function<Result<T>()>& work)
    {
        std::optional<Result<T>> out;
        auto done = transaction([&]() -> Result<void> {
            out.emplace(work());
            return *out ? Result<void>() : out->failure();
        });
        if (!done)
            return done.failure();
        return std::move(*out);
    }
    // Whether the connection is known to be gone and not reopened yet.
    bool connectionLost() const { return m_lost; }
    // Reopens a lost connection, at most once per backoff interval (250 ms doubling to 8 s);
    // Unavailable while it cannot.
    Result<void> reconnect();
    // Where writes wait while the database is away, on this machine's disk (none: they wait
    // in the memory of the runs that made them).
    // Connections of one process share their spool: one replay applies all of it.
    void setSpool(std::shared_ptr<WriteSpool> spool);
    const std::shared_ptr<WriteSpool>& sharedSpool() const { return m_spool; }
    WriteSpool* spool() const { return m_spool.get(); }
    // A prepared statement, prepared once per connection and reused.
    QSqlQuery& prepared(const QString& sql);
    // Executes a prepared statement, turning failures into errors naming the statement.
    static Result<void> exec(QSqlQuery& query);
    // The same for a statement outside a transaction, noticing a connection that is gone
    // (Unavailable); it is not run again, since a statement on its own may have been applied.
    Result<void> execute(QSqlQuery& query);
    // A fresh statement for dynamic SQL (built per call, not cached).
    QSqlQuery newQuery() const { return QSqlQuery(m_db); }

    int schemaVersion() const { return m_schemaVersion; }
    Dialect dialect() const { return m_dialect; }
    bool isPostgres() const { return m_dialect == Dialect::PostgreSQL; }
    const QString& path() const { return m_path; }

private:
    Database(QString connectionName, QString path);
    Result<void> openPostgres(const QByteArray& password);
    Result<void> configure();
    Result<void> migrate();
    Result<void> migrateLocked();
    Result<void> runTransaction(const std::function<Result<void>()>& work, bool* committing);
    Result<void> savepoint(const std::function<Result<void>()>& work);
    enum class Control
    {
        Begin,
        BeginImmediate,
        Commit,
        Rollback
    };
    QString control(Control which); // empty when done, else why not
    // A statement with no values and no rows (transaction control), run now; the same.
    QString runOnce(const QString& sql);
    // After a failed statement: whether the connection is gone (a probe fails too).
    bool noticeLostConnection(const QString& error);
    Error unavailable() const;

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    // Statements of connections before a reconnect: a caller may still hold one (it fails
    // cleanly), so they live as long as the database.
    std::vector<std::shared_ptr<QSqlQuery>> m_retired;
    int m_schemaVersion = 0;
    Dialect m_dialect = Dialect::SQLite;
    static constexpr qint64 kOutageMemoryMs = 60000;
    std::shared_ptr<WriteSpool> m_spool;
    std::shared_ptr<WalCheckpointer> m_checkpointer; // SQLite: the log copied off this thread
    int m_depth = 0; // transactions open: 1 is BEGIN, more are savepoints
    quint64 m_begun = 0;
    bool m_lost = false;
    QString m_lostBecause;
    QElapsedTimer m_lostFor;
    qint64 m_nextAttemptMs = 0; // on m_lostFor's clock
    qint64 m_backoffMs = 0;
    int m_attempts = 0;
};

} // namespace orch
