#include "store/LeaderLease.h"

#include "store/Database.h"
#include "store/RunLeases.h"
#include "store/SqlValues.h"

#include <QSqlQuery>

namespace orch {

LeaderLease::LeaderLease(Database& database, QString name, QString owner, qint64 ttlMs)
    : m_db(database), m_name(std::move(name)), m_owner(std::move(owner)), m_ttlMs(ttlMs)
{
}

Result<bool> LeaderLease::hold()
{
    // In a transaction of the database's: a connection lost since the last look is noticed
    // and opened again (a look while it is away fails as Unavailable).
    bool leading = false;
    auto done = m_db.transaction([&]() -> Result<void> {
        auto held = holdNow();
        if (!held)
            return held.failure();
        leading = held.value();
        return {};
    });
    if (!done)
        return done.failure();
    return leading;
}

Result<bool> LeaderLease::holdNow()
{
    // A holder that died on this host is not waited for.
    auto current = holder();
    if (!current)
        return current.failure();
    if (!current->isEmpty() && *current != m_owner &&
        RunLeases::ownerIsDeadLocalProcess(current.value())) {
        QSqlQuery& expire = m_db.prepared(QStringLiteral(
            "UPDATE leader_leases SET lease_until = 0 WHERE name = ? AND owner = ?"));
        expire.addBindValue(m_name);
        expire.addBindValue(current.value());
        if (auto ok = Database::exec(expire); !ok)
            return ok.failure();
    }
    const qint64 now = sql::now();
    QSqlQuery& take = m_db.prepared(QStringLiteral(
        "INSERT INTO leader_leases (name, owner, lease_until, fence) VALUES (?, ?, ?, 1) "
        "ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, "
        "lease_until = excluded.lease_until, fence = CASE WHEN leader_leases.owner = "
        "excluded.owner THEN leader_leases.fence ELSE leader_leases.fence + 1 END "
        "WHERE leader_leases.owner = excluded.owner OR leader_leases.lease_until < ?"));
    take.addBindValue(m_name);
    take.addBindValue(m_owner);
    take.addBindValue(now + m_ttlMs);
    take.addBindValue(now);
    if (auto ok = Database::exec(take); !ok)
        return ok.failure();
    if (take.numRowsAffected() != 1)
        return false;
    QSqlQuery& fence = m_db.prepared(
        QStringLiteral("SELECT fence FROM leader_leases WHERE name = ? AND owner = ?"));
    fence.addBindValue(m_name);
    fence.addBindValue(m_owner);
    if (auto ok = Database::exec(fence); !ok)
        return ok.failure();
    m_fence = fence.next() ? fence.value(0).toLongLong() : 0;
    fence.finish();
    return m_fence > 0;
}

Result<void> LeaderLease::release()
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("UPDATE leader_leases SET lease_until = 0 WHERE name = ? AND owner = ?"));
    q.addBindValue(m_name);
    q.addBindValue(m_owner);
    return Database::exec(q);
}

Result<QString> LeaderLease::holder()
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("SELECT owner, lease_until FROM leader_leases WHERE name = ?"));
    q.addBindValue(m_name);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    QString owner;
    if (q.next() && q.value(1).toLongLong() >= sql::now())
        owner = q.value(0).toString();
    q.finish();
    return owner;
}

} // namespace orch
