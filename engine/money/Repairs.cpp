#include "money/Repairs.h"

#include "store/Database.h"

#include <QDateTime>
#include <QVariant>

namespace orch {

qint64 Repairs::monthStart(qint64 nowMs)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).date();
    return QDateTime(QDate(today.year(), today.month(), 1), QTime(0, 0), Qt::UTC)
        .toMSecsSinceEpoch();
}

Result<RepairStanding> Repairs::standing(const QString& projectId, qint64 nowMs)
{
    RepairStanding standing{projectId, m_defaults.policy, m_defaults.monthlyBudget, 0, 0};
    QSqlQuery& policy = m_db.prepared(
        QStringLiteral("SELECT policy, monthly_budget FROM repair_policies WHERE project_id = ?"));
    policy.addBindValue(projectId);
    if (auto ok = Database::exec(policy); !ok)
        return ok.failure();
    if (policy.next()) {
        standing.policy = policy.value(0).toString();
        standing.monthlyBudget = policy.value(1).toDouble();
    }
    policy.finish();
    const qint64 since = monthStart(nowMs);
    QSqlQuery& spent = m_db.prepared(QStringLiteral(
        "SELECT COALESCE(SUM(CASE WHEN l.provider NOT LIKE 'replay%' THEN l.cost END), 0) "
        "FROM ledger l JOIN repair_runs r ON r.run_id = l.run_id "
        "WHERE r.project_id = ? AND l.created_at >= ?"));
    spent.addBindValue(projectId);
    spent.addBindValue(since);
    if (auto ok = Database::exec(spent); !ok)
        return ok.failure();
    if (spent.next())
        standing.spentThisMonth = spent.value(0).toDouble();
    spent.finish();
    QSqlQuery& runs = m_db.prepared(QStringLiteral(
        "SELECT COUNT(*) FROM repair_runs WHERE project_id = ? AND started_at >= ?"));
    runs.addBindValue(projectId);
    runs.addBindValue(since);
    if (auto ok = Database::exec(runs); !ok)
        return ok.failure();
    if (runs.next())
        standing.runsThisMonth = runs.value(0).toInt();
    runs.finish();
    return standing;
}

Result<RepairStanding> Repairs::set(const QString& projectId, const QString& policy, double budget,
                                    qint64 nowMs)
{
    if (!policy.isEmpty() && !RepairPolicy::valid(policy))
        return Error{
            QStringLiteral("a repair policy is off, ask or auto, not \"%1\"").arg(policy.left(40)),
            ErrorCode::Invalid};
    if (!(budget < 1e6)) // NaN and absurd amounts
        return Error{QStringLiteral("a monthly repair budget is at most $1000000"),
                     ErrorCode::Invalid};
    auto now = standing(projectId, nowMs);
    if (!now)
        return now;
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "INSERT INTO repair_policies (project_id, policy, monthly_budget) VALUES (?, ?, ?) "
        "ON CONFLICT (project_id) DO UPDATE SET policy = excluded.policy, "
        "monthly_budget = excluded.monthly_budget"));
    q.addBindValue(projectId);
    q.addBindValue(policy.isEmpty() ? now->policy : policy);
    q.addBindValue(budget < 0 ? now->monthlyBudget : budget);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    return standing(projectId, nowMs);
}

Result<void> Repairs::markRepairRun(const QString& runId, const QString& projectId, qint64 incident,
                                    qint64 atMs)
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("INSERT INTO repair_runs (run_id, project_id, incident_id, started_at) "
                       "VALUES (?, ?, ?, ?)"));
    q.addBindValue(runId);
    q.addBindValue(projectId);
    q.addBindValue(incident);
    q.addBindValue(atMs);
    return Database::exec(q);
}

Result<std::optional<qint64>> Repairs::incidentOf(const QString& runId)
{
    QSqlQuery& q =
        m_db.prepared(QStringLiteral("SELECT incident_id FROM repair_runs WHERE run_id = ?"));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::optional<qint64> incident;
    if (q.next())
        incident = q.value(0).toLongLong();
    q.finish();
    return incident;
}

Result<std::optional<QString>> Repairs::runFor(qint64 incident)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "SELECT run_id FROM repair_runs WHERE incident_id = ? ORDER BY started_at DESC"));
    q.addBindValue(incident);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::optional<QString> run;
    if (q.next())
        run = q.value(0).toString();
    q.finish();
    return run;
}

Result<std::optional<QString>> Repairs::refusal(const QString& runId, double estimate, qint64 nowMs)
{
    QSqlQuery& q =
        m_db.prepared(QStringLiteral("SELECT project_id FROM repair_runs WHERE run_id = ?"));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    const QString projectId = q.next() ? q.value(0).toString() : QString();
    q.finish();
    if (projectId.isEmpty())
        return std::optional<QString>();
    return refusalFor(projectId, estimate, nowMs);
}

Result<std::optional<QString>> Repairs::refusalFor(const QString& projectId, double estimate,
                                                   qint64 nowMs)
{
    auto now = standing(projectId, nowMs);
    if (!now)
        return now.failure();
    if (now->left() > 0 && now->left() >= estimate)
        return std::optional<QString>();
    return std::optional<QString>(
        QStringLiteral("this month's repair budget is used up: repairs spent $%1 of $%2; the "
                       "next call may cost about $%3. Raise it (/repair) or cancel the repair")
            .arg(now->spentThisMonth, 0, 'f', 4)
            .arg(now->monthlyBudget, 0, 'f', 4)
            .arg(estimate, 0, 'f', 4));
}

} // namespace orch
