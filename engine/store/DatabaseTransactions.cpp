// Transactions: BEGIN/COMMIT with a retry when the connection went before COMMIT, savepoints
// for one opened inside another, and `together` for writes of one moment committed at once.
#include "core/StepProfile.h"
#include "store/Database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace orch {

Result<void> Database::transaction(const std::function<Result<void>()>& work)
{
    if (m_depth > 0)
        return savepoint(work);
    for (int attempt = 0;; ++attempt) {
        if (auto back = reconnect(); !back)
            return back;
        bool committing = false;
        Result<void> result = runTransaction(work, &committing);
        if (result.ok() || !noticeLostConnection(result.error()))
            return result;
        // Gone before COMMIT: the server rolled it back, so running it again is safe.
        if (committing || attempt > 0)
            return unavailable();
    }
}

Result<void> Database::runTransaction(const std::function<Result<void>()>& work, bool* committing)
{
    {
        const profile::Scope timed("store: BEGIN");
        if (const QString failed = control(Control::Begin); !failed.isEmpty())
            return Error{QStringLiteral("cannot begin a transaction: %1").arg(failed)};
    }
    ++m_depth;
    Result<void> result = work();
    --m_depth;
    QString reason = result.ok() ? QString() : result.error();
    if (result.ok()) {
        *committing = true;
        const profile::Scope timed("store: COMMIT");
        reason = control(Control::Commit);
        if (reason.isEmpty())
            return {};
    }
    const ErrorCode code = result.ok() ? ErrorCode::Failed : result.code();
    control(Control::Rollback);
    return Error{reason, code};
}

Result<void> Database::together(const std::function<void()>& parts)
{
    if (m_depth > 0) {
        parts();
        return {};
    }
    // Immediate: the parts may read before they write, and a deferred transaction that read
    // cannot take the write lock once another connection has written (SQLITE_BUSY_SNAPSHOT,
    // https://www.sqlite.org/rescode.html#busy_snapshot); this one waits for it first.
    if (!reconnect() || !control(Control::BeginImmediate).isEmpty()) {
        parts();
        return {};
    }
    ++m_depth;
    parts();
    --m_depth;
    const profile::Scope timed("store: COMMIT");
    const QString reason = control(Control::Commit);
    if (reason.isEmpty())
        return {};
    control(Control::Rollback);
    if (noticeLostConnection(reason))
        return unavailable();
    return Error{QStringLiteral("cannot commit: %1").arg(reason)};
}

Result<void> Database::savepoint(const std::function<Result<void>()>& work)
{
    const QString name = QStringLiteral("part%1").arg(m_depth);
    if (const QString failed = runOnce(QStringLiteral("SAVEPOINT ") + name); !failed.isEmpty())
        return Error{QStringLiteral("cannot begin a savepoint: %1").arg(failed)};
    ++m_depth;
    Result<void> result = work();
    --m_depth;
    if (!result)
        runOnce(QStringLiteral("ROLLBACK TO SAVEPOINT ") + name);
    if (const QString failed = runOnce(QStringLiteral("RELEASE SAVEPOINT ") + name);
        !failed.isEmpty() && result)
        return Error{QStringLiteral("cannot release a savepoint: %1").arg(failed)};
    return result;
}

QString Database::control(Control which)
{
    if (which == Control::Begin || which == Control::BeginImmediate)
        ++m_begun;
    if (m_dialect != Dialect::SQLite) { // the driver's own, which knows the server's states
        const bool done = which == Control::Commit     ? m_db.commit()
                          : which == Control::Rollback ? m_db.rollback()
                                                       : m_db.transaction();
        return done ? QString() : m_db.lastError().text();
    }
    return runOnce(which == Control::Begin            ? QStringLiteral("BEGIN")
                   : which == Control::BeginImmediate ? QStringLiteral("BEGIN IMMEDIATE")
                   : which == Control::Commit         ? QStringLiteral("COMMIT")
                                                      : QStringLiteral("ROLLBACK"));
}

QString Database::runOnce(const QString& sql)
{
    if (m_dialect != Dialect::SQLite) { // PostgreSQL prepares no transaction statement
        QSqlQuery statement(m_db);
        return statement.exec(sql) ? QString() : statement.lastError().text();
    }
    // Prepared once: parsing them again each time, at every step, showed in its profile.
    QSqlQuery& statement = prepared(sql);
    const bool done = statement.exec();
    const QString error = done ? QString() : statement.lastError().text();
    statement.finish();
    return error;
}

} // namespace orch
