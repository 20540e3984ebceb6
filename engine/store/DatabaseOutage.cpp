// A connection that goes away: noticed at the first failed statement (a PostgreSQL server that
// went, a SQLite file that takes no writes), reported as Unavailable, and reopened with backoff.

#include "core/Log.h"
#include "store/Database.h"

#include <QRegularExpression>
#include <QSqlError>
#include <algorithm>

namespace orch {

bool Database::noticeLostConnection(const QString& error)
{
    if (m_lost)
        return true;
    if (m_dialect == Dialect::SQLite) {
        // The file cannot take writes for now (a full disk, a read-only mount): the store is
        // away until a write succeeds again, like a PostgreSQL server that went.
        static const QRegularExpression cannotWrite(
            QStringLiteral("disk is full|readonly database|read-only file system|disk I/O error"),
            QRegularExpression::CaseInsensitiveOption);
        if (!cannotWrite.match(error).hasMatch())
            return false;
    } else if (QSqlQuery probe(m_db); probe.exec(QStringLiteral("SELECT 1"))) {
        // A statement can fail for its own reasons; only a connection that cannot run the
        // simplest one is gone.
        return false;
    }
    m_lost = true;
    m_lostBecause = error.simplified().left(300);
    // A failure soon after the last outage continues it: its backoff goes on growing.
    if (m_lostFor.isValid() && m_lostFor.elapsed() < kOutageMemoryMs) {
        m_nextAttemptMs = m_lostFor.elapsed() + m_backoffMs / 2;
        return true;
    }
    m_lostFor.start();
    m_nextAttemptMs = 0;
    m_backoffMs = 250;
    m_attempts = 0;
    log::get("store")->warn("{}: {} ({}); trying again with backoff", m_path,
                            m_dialect == Dialect::SQLite ? "the file takes no writes"
                                                         : "the connection is gone",
                            m_lostBecause);
    return true;
}

Error Database::unavailable() const
{
    return Error{QStringLiteral("the database %1 %2 (%3); it is tried again every few seconds")
                     .arg(m_path,
                          m_dialect == Dialect::SQLite ? QStringLiteral("takes no writes")
                                                       : QStringLiteral("cannot be reached"),
                          m_lostBecause),
                 ErrorCode::Unavailable};
}

Result<void> Database::reconnect()
{
    if (!m_lost)
        return {};
    if (m_lostFor.elapsed() < m_nextAttemptMs)
        return unavailable();
    ++m_attempts;
    if (m_dialect == Dialect::SQLite) {
        // Nothing to reopen: the next write tries the file again (and notices if it still
        // cannot), at most once per backoff interval.
        m_nextAttemptMs = m_lostFor.elapsed() + m_backoffMs;
        m_backoffMs = std::min<qint64>(m_backoffMs * 2, 8000);
        m_lost = false;
        return {};
    }
    for (auto& statement : m_statements) // prepared on the old connection
        m_retired.push_back(std::move(statement));
    m_statements.clear();
    m_db.close();
    bool opened = m_db.open();
    if (opened) {
        QSqlQuery session(m_db);
        opened = session.exec(QStringLiteral("SET client_min_messages TO warning"));
    }
    if (!opened) {
        m_lostBecause = m_db.lastError().text().simplified().left(300);
        m_nextAttemptMs = m_lostFor.elapsed() + m_backoffMs;
        m_backoffMs = std::min<qint64>(m_backoffMs * 2, 8000);
        log::get("store")->info("{}: reconnect attempt {} failed ({}); next in {} ms", m_path,
                                m_attempts, m_lostBecause, m_nextAttemptMs - m_lostFor.elapsed());
        return unavailable();
    }
    m_lost = false;
    log::get("store")->warn("{}: reconnected after {} ms and {} attempt(s)", m_path,
                            m_lostFor.elapsed(), m_attempts);
    return {};
}

} // namespace orch
