#include "store/Deployments.h"

#include "api/WireFormat.h"
#include "core/Json.h"
#include "store/Database.h"
#include "store/SqlValues.h"

namespace orch {
namespace {

// In the order deploymentFrom reads them.
const QString kDeploymentColumns = QStringLiteral(
    "project_id, run_id, service, server, kind, url, version, previous, bot_handle, "
    "deployed_at, health, health_since, checked_at, detail, cert_expires_at, cert_alerted_at, "
    "memory_mb, activity");

// Kept as the wire writes it ("" until a probe read it).
QString activityText(const BotActivity& a)
{
    return a.known ? QString::fromUtf8(toBytes(wire::toJson(a))) : QString();
}

DeploymentRecord deploymentFrom(const QSqlQuery& row)
{
    DeploymentRecord d;
    d.projectId = row.value(0).toString();
    d.runId = row.value(1).toString();
    d.service = row.value(2).toString();
    d.server = row.value(3).toString();
    d.kind = row.value(4).toString();
    d.url = row.value(5).toString();
    d.version = row.value(6).toString();
    d.previous = row.value(7).toString();
    d.botHandle = row.value(8).toString();
    d.deployedAt = row.value(9).toLongLong();
    d.health = row.value(10).toString();
    d.healthSince = row.value(11).toLongLong();
    d.checkedAt = row.value(12).toLongLong();
    d.detail = row.value(13).toString();
    d.certificateExpiresAt = row.value(14).toLongLong();
    d.certificateAlertedAt = row.value(15).toLongLong();
    d.memoryMb = row.value(16).toInt();
    d.activity = wire::botActivityFrom(parseJson(row.value(17).toString().toUtf8()));
    return d;
}

} // namespace

Result<void> Deployments::record(const DeploymentRecord& d)
{
    QSqlQuery& upsert = m_db.prepared(QStringLiteral(
        "INSERT INTO deployments (project_id, run_id, service, server, kind, url, version, "
        "previous, bot_handle, deployed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (project_id) DO UPDATE SET run_id = CASE WHEN excluded.run_id = '' THEN "
        "deployments.run_id ELSE excluded.run_id END, service = excluded.service, "
        "server = excluded.server, kind = excluded.kind, url = excluded.url, "
        "version = excluded.version, previous = excluded.previous, "
        "bot_handle = excluded.bot_handle, deployed_at = excluded.deployed_at"));
    for (const QString& value : {d.projectId, d.runId, d.service, d.server, d.kind, d.url,
                                 d.version, d.previous, d.botHandle})
        upsert.addBindValue(sql::str(value));
    upsert.addBindValue(d.deployedAt ? d.deployedAt : sql::now());
    return Database::exec(upsert);
}

Result<void> Deployments::forget(const QString& projectId)
{
    return m_db.transaction([&]() -> Result<void> {
        for (const QString& table :
             {QStringLiteral("deployments"), QStringLiteral("deployment_probes")}) {
            QSqlQuery& remove =
                m_db.prepared(QStringLiteral("DELETE FROM %1 WHERE project_id = ?").arg(table));
            remove.addBindValue(projectId);
            if (auto ok = Database::exec(remove); !ok)
                return ok;
        }
        return {};
    });
}

Result<std::vector<DeploymentRecord>> Deployments::select(const QString& where,
                                                          const QString& projectId, qint64 nowMs)
{
    QSqlQuery& query =
        m_db.prepared(QStringLiteral("SELECT %1 FROM deployments %2 ORDER BY service")
                          .arg(kDeploymentColumns, where));
    if (!projectId.isNull())
        query.addBindValue(projectId);
    if (auto ok = Database::exec(query); !ok)
        return ok.failure();
    std::vector<DeploymentRecord> found;
    while (query.next())
        found.push_back(deploymentFrom(query));
    for (DeploymentRecord& d : found) {
        auto share = uptime(d.projectId, nowMs - kUptimeWindowMs);
        if (!share)
            return share.failure();
        d.uptime = share.value();
    }
    return found;
}

Result<std::vector<DeploymentRecord>> Deployments::list(qint64 nowMs)
{
    return select(QString(), QString(), nowMs);
}

Result<std::optional<DeploymentRecord>> Deployments::get(const QString& projectId, qint64 nowMs)
{
    auto found = select(QStringLiteral("WHERE project_id = ?"), projectId, nowMs);
    if (!found)
        return found.failure();
    if (found->empty())
        return std::optional<DeploymentRecord>();
    return std::optional<DeploymentRecord>(found->front());
}

Result<Json> Deployments::recentProbes(const QString& projectId, int limit)
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("SELECT at, healthy, detail, elapsed_ms FROM deployment_probes WHERE "
                       "project_id = ? ORDER BY at DESC, id DESC LIMIT ?"));
    q.addBindValue(projectId);
    q.addBindValue(limit);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    Json probes = Json::array();
    while (q.next())
        probes.push_back({{"at", q.value(0).toLongLong()},
                          {"healthy", q.value(1).toInt() != 0},
                          {"detail", toStd(q.value(2).toString().left(600))},
                          {"elapsed_ms", q.value(3).toLongLong()}});
    return probes;
}

Result<QString> Deployments::recordProbe(const QString& projectId,
                                         const DeploymentProbeResult& probe, qint64 nowMs)
{
    QString before;
    auto stored = m_db.transaction([&]() -> Result<void> {
        QSqlQuery& current =
            m_db.prepared(QStringLiteral("SELECT health FROM deployments WHERE project_id = ?"));
        current.addBindValue(projectId);
        if (auto ok = Database::exec(current); !ok)
            return ok;
        if (!current.next())
            return Error{QStringLiteral("no deployment of project %1").arg(projectId),
                         ErrorCode::NotFound};
        before = current.value(0).toString();
        current.finish();
        const QString now =
            probe.healthy ? DeploymentHealthState::Healthy : DeploymentHealthState::Unhealthy;
        QSqlQuery& update = m_db.prepared(QStringLiteral(
            "UPDATE deployments SET health = ?, health_since = CASE WHEN health = ? THEN "
            "health_since ELSE ? END, checked_at = ?, detail = ?, cert_expires_at = ?, "
            "memory_mb = CASE WHEN ? > 0 THEN ? ELSE memory_mb END, "
            "activity = CASE WHEN ? <> '' THEN ? ELSE activity END WHERE project_id = ?"));
        const QString activity = activityText(probe.activity);
        for (const QVariant& value :
             {QVariant(now), QVariant(now), QVariant(nowMs), QVariant(nowMs),
              sql::str(probe.detail.left(2000)), QVariant(probe.certificateExpiresAt),
              QVariant(probe.memoryMb), QVariant(probe.memoryMb), sql::str(activity),
              sql::str(activity), QVariant(projectId)})
            update.addBindValue(value);
        if (auto ok = Database::exec(update); !ok)
            return ok;
        QSqlQuery& insert = m_db.prepared(
            QStringLiteral("INSERT INTO deployment_probes (project_id, at, healthy, detail, "
                           "elapsed_ms) VALUES (?, ?, ?, ?, ?)"));
        for (const QVariant& value :
             {QVariant(projectId), QVariant(nowMs), QVariant(probe.healthy ? 1 : 0),
              sql::str(probe.detail.left(500)), QVariant(probe.elapsedMs)})
            insert.addBindValue(value);
        if (auto ok = Database::exec(insert); !ok)
            return ok;
        // The history a month long is what uptime needs; older probes go.
        QSqlQuery& prune = m_db.prepared(
            QStringLiteral("DELETE FROM deployment_probes WHERE project_id = ? AND at < ?"));
        prune.addBindValue(projectId);
        prune.addBindValue(nowMs - kHistoryMs);
        return Database::exec(prune);
    });
    if (!stored)
        return stored.failure();
    return before;
}

Result<void> Deployments::markCertificateAlert(const QString& projectId, qint64 atMs)
{
    QSqlQuery& update = m_db.prepared(
        QStringLiteral("UPDATE deployments SET cert_alerted_at = ? WHERE project_id = ?"));
    update.addBindValue(atMs);
    update.addBindValue(projectId);
    return Database::exec(update);
}

Result<double> Deployments::uptime(const QString& projectId, qint64 sinceMs)
{
    QSqlQuery& count = m_db.prepared(
        QStringLiteral("SELECT COUNT(*), COALESCE(SUM(healthy), 0) FROM deployment_probes "
                       "WHERE project_id = ? AND at >= ?"));
    count.addBindValue(projectId);
    count.addBindValue(sinceMs);
    if (auto ok = Database::exec(count); !ok)
        return ok.failure();
    if (!count.next() || count.value(0).toLongLong() == 0)
        return -1.0;
    return count.value(1).toDouble() / count.value(0).toDouble();
}

} // namespace orch
