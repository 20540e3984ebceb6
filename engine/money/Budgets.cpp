#include "money/Budgets.h"

#include "store/Database.h"

#include <QDateTime>
#include <QVariant>
#include <algorithm>
#include <vector>

namespace orch {

Budgets::Budgets(Database& database, BudgetDefaults defaults)
    : m_db(database), m_defaults(defaults), m_repairs(database, defaults.repair)
{
}

std::optional<double> Budgets::defaultLimit(const QString& scope) const
{
    return scope == kGlobalScope ? m_defaults.global : m_defaults.perProject;
}

Result<std::optional<double>> Budgets::limitOf(const QString& scope)
{
    QSqlQuery& limit =
        m_db.prepared(QStringLiteral("SELECT limit_usd FROM budgets WHERE scope = ?"));
    limit.addBindValue(scope);
    if (auto ok = Database::exec(limit); !ok)
        return ok.failure();
    std::optional<double> value = defaultLimit(scope);
    if (limit.next())
        value = limit.value(0).toDouble();
    limit.finish();
    return value;
}

Result<BudgetStatus> Budgets::status(const QString& scope)
{
    auto limit = limitOf(scope);
    if (!limit)
        return limit.failure();
    BudgetStatus status{scope, limit.value(), 0, 0, 0};
    // Kept with each ledger entry (RunStore::addToSpendTotals); kGlobalScope's row is every
    // project's. The offline demo model's calls (provider replay…) cost simulated money: shown
    // apart, never spent from a budget.
    QSqlQuery& spent = m_db.prepared(
        QStringLiteral("SELECT spent, unknown_calls, simulated FROM spend_totals WHERE scope = ?"));
    spent.addBindValue(scope);
    if (auto ok = Database::exec(spent); !ok)
        return ok.failure();
    if (spent.next()) {
        status.spent = spent.value(0).toDouble();
        status.unknownCostCalls = spent.value(1).toInt();
        status.simulated = spent.value(2).toDouble();
    }
    spent.finish();
    return status;
}

Result<void> Budgets::setLimit(const QString& scope, double limit)
{
    if (!(limit >= 0))
        return Error{QStringLiteral("a budget limit must be zero or more")};
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("INSERT INTO budgets VALUES (?, ?, ?) ON CONFLICT(scope) DO UPDATE SET "
                       "limit_usd = excluded.limit_usd, updated_at = excluded.updated_at"));
    q.addBindValue(scope);
    q.addBindValue(limit);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    ++m_limitWrites;
    return Database::exec(q);
}

Result<void> Budgets::applyDefault(const QString& scope)
{
    const auto limit = defaultLimit(scope);
    if (!limit)
        return {};
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("INSERT INTO budgets VALUES (?, ?, ?) ON CONFLICT (scope) DO NOTHING"));
    q.addBindValue(scope);
    q.addBindValue(*limit);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    ++m_limitWrites;
    return Database::exec(q);
}

Result<BudgetStatus> Budgets::topUp(const QString& scope, double amount, const QString& byWhom)
{
    if (!(amount > 0) || amount > 1e9)
        return Error{QStringLiteral("a top-up must be a positive amount in USD")};
    auto done = m_db.transaction([&]() -> Result<void> {
        auto current = status(scope);
        if (!current)
            return current.failure();
        const double base = current->limit ? *current->limit : current->spent;
        if (auto ok = setLimit(scope, base + amount); !ok)
            return ok;
        QSqlQuery& record = m_db.prepared(QStringLiteral(
            "INSERT INTO topups (scope, amount, by_whom, created_at) VALUES (?, ?, ?, ?)"));
        record.addBindValue(scope);
        record.addBindValue(amount);
        record.addBindValue(byWhom);
        record.addBindValue(QDateTime::currentMSecsSinceEpoch());
        return Database::exec(record);
    });
    if (!done)
        return done.failure();
    return status(scope);
}

Result<std::optional<QString>> Budgets::refusal(const QString& projectId, double estimate,
                                                const QString& runId)
{
    auto reading = read(projectId, runId);
    if (!reading)
        return reading.failure();
    return refusal(reading.value(), estimate);
}

Result<BudgetReading> Budgets::read(const QString& projectId, const QString& runId)
{
    // One query, as this runs before every model call: each scope's limit and spend, and the
    // project of the run when it is a repair (whose own monthly budget applies too).
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "SELECT s.scope, b.limit_usd, t.spent, 0 FROM (SELECT :global AS scope UNION ALL SELECT "
        ":project) s LEFT JOIN budgets b ON b.scope = s.scope LEFT JOIN spend_totals t ON "
        "t.scope = s.scope UNION ALL SELECT project_id, NULL, NULL, 1 FROM repair_runs WHERE "
        "run_id = :run"));
    // Named: Qt builds a `?`'s name at each bind (this runs at every step).
    q.bindValue(QStringLiteral(":global"), kGlobalScope);
    q.bindValue(QStringLiteral(":project"), projectId);
    q.bindValue(QStringLiteral(":run"), runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    BudgetReading reading;
    reading.projectId = projectId;
    while (q.next()) {
        const QString scope = q.value(0).toString();
        if (q.value(3).toInt() == 1) {
            reading.repairing = scope;
            continue;
        }
        const QVariant limit = q.value(1);
        reading.scopes.push_back(
            {scope, limit.isNull() ? defaultLimit(scope) : std::optional<double>(limit.toDouble()),
             q.value(2).toDouble()});
    }
    q.finish();
    std::stable_partition(reading.scopes.begin(), reading.scopes.end(),
                          [](const BudgetReading::Scope& s) { return s.name == kGlobalScope; });
    return reading;
}

Result<std::optional<QString>> Budgets::refusal(const BudgetReading& reading, double estimate)
{
    for (const BudgetReading::Scope& scope : reading.scopes) {
        if (!scope.limit)
            continue;
        const double left = *scope.limit - scope.spent;
        // With no estimate yet, a call may start while anything is left.
        if (left <= 0 || left < estimate) {
            const QString name = scope.name == kGlobalScope
                                     ? QStringLiteral("the global budget")
                                     : QStringLiteral("the project's budget");
            return std::optional<QString>(
                QStringLiteral("%1 is used up: spent $%2 of $%3; the next call may cost about $%4")
                    .arg(name)
                    .arg(scope.spent, 0, 'f', 4)
                    .arg(*scope.limit, 0, 'f', 4)
                    .arg(estimate, 0, 'f', 4));
        }
    }
    if (reading.repairing.isEmpty())
        return std::optional<QString>();
    return m_repairs.refusalFor(reading.repairing, estimate, QDateTime::currentMSecsSinceEpoch());
}

} // namespace orch
