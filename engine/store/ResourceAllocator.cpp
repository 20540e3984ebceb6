#include "store/ResourceAllocator.h"

#include "store/Database.h"

#include <QDateTime>
#include <QSet>
#include <QTcpServer>
#include <QVariant>

namespace orch {

ResourceAllocator::ResourceAllocator(Database& database) : m_db(database) {}

Result<Allocation> ResourceAllocator::port(const QString& projectId, int first, int last)
{
    if (first <= 0 || last < first)
        return Error{
            QStringLiteral("no service port range configured (--service-ports FIRST-LAST)")};
    const QString handle = QStringLiteral("port:%1").arg(projectId);
    Allocation allocation{handle, {}};
    auto done = m_db.transaction([&]() -> Result<void> {
        auto held = heldValue(handle);
        if (!held)
            return held.failure();
        if (held->has_value()) {
            allocation.value = **held;
            return {};
        }
        QSqlQuery& taken =
            m_db.prepared(QStringLiteral("SELECT value FROM resources WHERE kind = 'port'"));
        if (auto ok = Database::exec(taken); !ok)
            return ok;
        QSet<int> used;
        while (taken.next())
            used.insert(taken.value(0).toInt());
        for (int candidate = first; candidate <= last; ++candidate) {
            if (used.contains(candidate))
                continue;
            QTcpServer probe; // something else on the machine may hold it
            if (!probe.listen(QHostAddress::LocalHost, quint16(candidate)))
                continue;
            probe.close();
            QSqlQuery& insert =
                m_db.prepared(QStringLiteral("INSERT INTO resources VALUES (?, ?, 'port', ?, ?)"));
            insert.addBindValue(handle);
            insert.addBindValue(projectId);
            insert.addBindValue(QString::number(candidate));
            insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
            if (auto ok = Database::exec(insert); !ok)
                return ok;
            allocation.value = QString::number(candidate);
            return {};
        }
        return Error{QStringLiteral("no free port left in %1-%2").arg(first).arg(last)};
    });
    if (!done)
        return done.failure();
    return allocation;
}

Result<QString> ResourceAllocator::serviceName(const QString& projectId, const QString& wanted)
{
    const QString handle = QStringLiteral("service:%1").arg(projectId);
    QString name;
    auto done = m_db.transaction([&]() -> Result<void> {
        auto held = heldValue(handle);
        if (!held)
            return held.failure();
        if (held->has_value()) {
            name = **held;
            return {};
        }
        const QString suffixed =
            QStringLiteral("%1-%2").arg(wanted.left(40), projectId.left(6).toLower());
        for (const QString& candidate : {wanted, suffixed}) {
            QSqlQuery& taken = m_db.prepared(
                QStringLiteral("SELECT 1 FROM resources WHERE kind = 'service' AND value = ?"));
            taken.addBindValue(candidate);
            if (auto ok = Database::exec(taken); !ok)
                return ok;
            const bool held = taken.next();
            taken.finish();
            if (held)
                continue;
            QSqlQuery& insert = m_db.prepared(
                QStringLiteral("INSERT INTO resources VALUES (?, ?, 'service', ?, ?)"));
            insert.addBindValue(handle);
            insert.addBindValue(projectId);
            insert.addBindValue(candidate);
            insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
            if (auto ok = Database::exec(insert); !ok)
                return ok;
            name = candidate;
            return {};
        }
        return Error{QStringLiteral("the service names %1 and %2 belong to other projects")
                         .arg(wanted, suffixed),
                     ErrorCode::Conflict};
    });
    if (!done)
        return done.failure();
    return name;
}

Result<std::optional<QString>> ResourceAllocator::heldValue(const QString& handle) const
{
    QSqlQuery& q = m_db.prepared(QStringLiteral("SELECT value FROM resources WHERE handle = ?"));
    q.addBindValue(handle);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    if (!q.next())
        return std::optional<QString>();
    const QString value = q.value(0).toString();
    q.finish();
    return std::optional<QString>(value);
}

Result<QString> ResourceAllocator::value(const QString& handle) const
{
    auto held = heldValue(handle);
    if (!held)
        return held.failure();
    if (!held->has_value())
        return Error{QStringLiteral("no resource %1").arg(handle)};
    return **held;
}

} // namespace orch
