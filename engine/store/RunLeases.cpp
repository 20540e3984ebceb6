#include "store/RunLeases.h"

#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QVariant>

#include <cerrno>
#include <csignal>

namespace orch {
namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

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

Result<void> RunLeases::claim(const QString& runId)
{
    QSqlQuery& current = m_db.prepared(QStringLiteral("SELECT owner, lease_until FROM runs WHERE id = ?"));
    current.addBindValue(runId);
    if (auto ok = Database::exec(current); !ok)
        return ok;
    if (!current.next())
        return Error{QStringLiteral("no run %1").arg(runId)};
    const QString holder = current.value(0).toString();
    const qint64 leaseUntil = current.value(1).toLongLong();
    current.finish();
    const bool free = holder.isEmpty() || holder == m_owner || leaseUntil < now()
                      || ownerIsDeadLocalProcess(holder);
    if (!free)
        return Error{QStringLiteral("run %1 is being driven by another orchestratord (%2) until %3")
                         .arg(runId, holder,
                              QDateTime::fromMSecsSinceEpoch(leaseUntil).toString(Qt::ISODate))};
    // Compare-and-set, so two processes racing for the same run cannot both win.
    QSqlQuery& take = m_db.prepared(
        QStringLiteral("UPDATE runs SET owner = ?, lease_until = ? WHERE id = ? AND owner = ?"));
    take.addBindValue(m_owner);
    take.addBindValue(now() + kLeaseMs);
    take.addBindValue(runId);
    take.addBindValue(holder.isNull() ? QStringLiteral("") : holder);
    if (auto ok = Database::exec(take); !ok)
        return ok;
    if (take.numRowsAffected() != 1)
        return Error{QStringLiteral("run %1 was claimed by another orchestratord meanwhile").arg(runId)};
    return {};
}

Result<void> RunLeases::release(const QString& runId)
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("UPDATE runs SET owner = '', lease_until = 0 WHERE id = ? AND owner = ?"));
    q.addBindValue(runId);
    q.addBindValue(m_owner);
    return Database::exec(q);
}

Result<void> RunLeases::renew()
{
    QSqlQuery& q = m_db.prepared(QStringLiteral("UPDATE runs SET lease_until = ? WHERE owner = ?"));
    q.addBindValue(now() + kLeaseMs);
    q.addBindValue(m_owner);
    return Database::exec(q);
}

} // namespace orch
