#include "store/RunLeases.h"

#include "store/Database.h"
#include "store/SqlValues.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QSysInfo>
#include <QVariant>
#include <cerrno>
#include <csignal>

namespace orch {
using sql::now;

RunLeases::RunLeases(Database& database)
    : m_db(database),
      m_owner(QStringLiteral("%1/%2/%3")
                  .arg(QSysInfo::machineHostName())
                  .arg(QCoreApplication::applicationPid())
                  .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')))
{
}

bool RunLeases::ownerIsDeadLocalProcess(const QString& owner)
{
    const QStringList parts = owner.split(QLatin1Char('/'));
    if (parts.size() != 3 || parts[0] != QSysInfo::machineHostName())
        return false;
    bool ok = false;
    const qint64 pid = parts[1].toLongLong(&ok);
    return ok && pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

Result<RunLeases::Holder> RunLeases::holderOf(const QString& runId)
{
    QSqlQuery& current =
        m_db.prepared(QStringLiteral("SELECT owner, lease_until, fence FROM runs WHERE id = ?"));
    current.addBindValue(runId);
    if (auto ok = Database::exec(current); !ok)
        return ok.failure();
    if (!current.next())
        return Error{QStringLiteral("no run %1").arg(runId)};
    Holder holder{current.value(0).toString(), current.value(1).toLongLong(),
                  current.value(2).toLongLong()};
    current.finish();
    return holder;
}

bool RunLeases::Holder::isOther(const QString& self) const
{
    return !owner.isEmpty() && owner != self && leaseUntil >= now() &&
           !ownerIsDeadLocalProcess(owner);
}

QString RunLeases::Holder::describe() const
{
    return QStringLiteral("%1 until %2")
        .arg(owner, QDateTime::fromMSecsSinceEpoch(leaseUntil).toString(Qt::ISODate));
}

Result<std::optional<QString>> RunLeases::otherHolder(const QString& runId)
{
    auto holder = holderOf(runId);
    if (!holder)
        return holder.failure();
    return holder->isOther(m_owner) ? std::optional<QString>(holder->describe()) : std::nullopt;
}

Result<RunLease> RunLeases::claim(const QString& runId)
{
    auto found = holderOf(runId);
    if (!found)
        return found.failure();
    const Holder& holder = found.value();
    if (holder.isOther(m_owner))
        return Error{QStringLiteral("run %1 is being driven by another orchestratord (%2)")
                         .arg(runId, holder.describe())};
    // Compare-and-set, so two processes racing for the same run cannot both win; the new
    // fencing number outdates every write prepared under an older claim.
    QSqlQuery& take =
        m_db.prepared(QStringLiteral("UPDATE runs SET owner = ?, lease_until = ?, fence = ? WHERE "
                                     "id = ? AND owner = ? AND fence = ?"));
    const RunLease lease{m_owner, holder.fence + 1};
    take.addBindValue(m_owner);
    take.addBindValue(now() + m_leaseMs);
    take.addBindValue(lease.fence);
    take.addBindValue(runId);
    take.addBindValue(holder.owner.isNull() ? QStringLiteral("") : holder.owner);
    take.addBindValue(holder.fence);
    if (auto ok = Database::exec(take); !ok)
        return ok.failure();
    if (take.numRowsAffected() != 1)
        return Error{
            QStringLiteral("run %1 was claimed by another orchestratord meanwhile").arg(runId)};
    return lease;
}

Result<QStringList> RunLeases::claimOrphans(int limit)
{
    QStringList claimed;
    auto done = m_db.transaction([&]() -> Result<void> {
        const bool postgres = m_db.dialect() == Database::Dialect::PostgreSQL;
        // Only runs nobody may be driving: no owner, an expired lease, or a holder on this
        // host (whether its process lives is asked below). Live runs of other workers must
        // not fill the limit, or orphans behind them would never be seen; a dead worker's
        // leases stopped being renewed, so the oldest leases come first.
        const QString host = QSysInfo::machineHostName() + QLatin1Char('/');
        QSqlQuery& candidates = m_db.prepared(
            QStringLiteral("SELECT id, owner, lease_until, fence FROM runs WHERE status = "
                           "'running' AND owner <> ? AND (owner = '' OR lease_until < ? OR "
                           "substr(owner, 1, ?) = ?) ORDER BY lease_until LIMIT ?%1")
                .arg(postgres ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString()));
        candidates.addBindValue(m_owner);
        candidates.addBindValue(now());
        candidates.addBindValue(int(host.size()));
        candidates.addBindValue(host);
        candidates.addBindValue(limit);
        if (auto ok = Database::exec(candidates); !ok)
            return ok;
        std::vector<std::pair<QString, Holder>> found;
        while (candidates.next())
            found.push_back({candidates.value(0).toString(),
                             {candidates.value(1).toString(), candidates.value(2).toLongLong(),
                              candidates.value(3).toLongLong()}});
        candidates.finish();
        QSqlQuery& take =
            m_db.prepared(QStringLiteral("UPDATE runs SET owner = ?, lease_until = ?, fence = ? "
                                         "WHERE id = ? AND owner = ? AND fence = ?"));
        for (const auto& [runId, holder] : found) {
            if (holder.isOther(m_owner))
                continue; // alive and within its lease
            for (const QVariant& v :
                 {QVariant(m_owner), QVariant(now() + m_leaseMs), QVariant(holder.fence + 1),
                  QVariant(runId), QVariant(holder.owner), QVariant(holder.fence)})
                take.addBindValue(v);
            if (auto ok = Database::exec(take); !ok)
                return ok;
            if (take.numRowsAffected() == 1)
                claimed << runId;
        }
        return {};
    });
    if (!done)
        return done.failure();
    return claimed;
}

Result<void> RunLeases::requestCancel(const QString& runId, const QString& reason)
{
    QSqlQuery& q =
        m_db.prepared(QStringLiteral("UPDATE runs SET cancel_requested = ? WHERE id = ?"));
    q.addBindValue(reason.isEmpty() ? QStringLiteral("cancelled") : reason);
    q.addBindValue(runId);
    return Database::exec(q);
}

Result<std::vector<std::pair<QString, QString>>> RunLeases::cancelRequests()
{
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "SELECT id, cancel_requested FROM runs WHERE owner = ? AND cancel_requested <> ''"));
    q.addBindValue(m_owner);
    if (auto ok = m_db.execute(q); !ok)
        return ok.failure();
    std::vector<std::pair<QString, QString>> requests;
    while (q.next())
        requests.emplace_back(q.value(0).toString(), q.value(1).toString());
    return requests;
}

Result<QStringList> RunLeases::heldRunning()
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("SELECT id FROM runs WHERE owner = ? AND status = 'running' ORDER BY id"));
    q.addBindValue(m_owner);
    if (auto ok = m_db.execute(q); !ok)
        return ok.failure();
    QStringList held;
    while (q.next())
        held << q.value(0).toString();
    return held;
}

Result<void> RunLeases::release(const QString& runId)
{
    QSqlQuery& q =
        m_db.prepared(QStringLiteral("UPDATE runs SET owner = '', lease_until = 0, "
                                     "cancel_requested = '' WHERE id = ? AND owner = ?"));
    q.addBindValue(runId);
    q.addBindValue(m_owner);
    return Database::exec(q);
}

Result<void> RunLeases::renew()
{
    QSqlQuery& q = m_db.prepared(QStringLiteral("UPDATE runs SET lease_until = ? WHERE owner = ?"));
    q.addBindValue(now() + m_leaseMs);
    q.addBindValue(m_owner);
    return m_db.execute(q);
}

} // namespace orch
