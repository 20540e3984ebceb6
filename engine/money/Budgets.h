#pragma once
// Budget limits in USD, global and per project. A limit is the total a scope may spend; a
// top-up raises it. Spend is the ledger's known cost: calls with an unknown price are counted
// separately and never treated as free. No limit (nothing configured, nothing topped up)
// means the scope is not limited.

#include "api/MoneyTypes.h"
#include "core/Result.h"
#include "money/Repairs.h"

#include <QString>
#include <optional>
#include <vector>

namespace orch {

class Database;

struct BudgetDefaults
{
    std::optional<double> global;     // used until the first top-up of the global budget
    std::optional<double> perProject; // every project starts with this limit
    // A model with no price is not free: its calls count against this many tokens per run
    // (0: no limit).
    long long unpricedTokensPerRun = 2'000'000;
    RepairDefaults repair; // a project's until it sets its own (`repair.*`)
};

// What a budget check compares, read in one query: each scope's limit and spend (the global
// scope first), and the project a repair run repairs.
struct BudgetReading
{
    struct Scope
    {
        QString name;
        std::optional<double> limit;
        double spent = 0;
    };
    QString projectId;
    std::vector<Scope> scopes;
    QString repairing;
};

class Budgets
{
public:
    Budgets(Database& database, BudgetDefaults defaults);

    const BudgetDefaults& defaults() const { return m_defaults; }
    Result<BudgetStatus> status(const QString& scope);
    // Raises the scope's limit by `amount` (an unlimited scope gets spent + amount) and
    // records who did it. Returns the new status.
    Result<BudgetStatus> topUp(const QString& scope, double amount, const QString& byWhom);
    Result<void> setLimit(const QString& scope, double limit);
    // Writes the configured default limit for `scope` unless it has one already, so every
    // process sharing the database sees the same limit.
    Result<void> applyDefault(const QString& scope);
    // Why a call estimated at `estimate` may not start for this project (global budget
    // first, then the project's, then for a repair run this month's repair budget); empty
    // when it may.
    Result<std::optional<QString>> refusal(const QString& projectId, double estimate,
                                           const QString& runId = {});
    // The same in two parts: what it compares, and the judgement on a reading of it.
    Result<BudgetReading> read(const QString& projectId, const QString& runId = {});
    Result<std::optional<QString>> refusal(const BudgetReading& reading, double estimate);
    // Counts the limits this object wrote, so a reading from before one is known to be old.
    quint64 limitWrites() const { return m_limitWrites; }
    Repairs& repairs() { return m_repairs; }

private:
    std::optional<double> defaultLimit(const QString& scope) const;
    Result<std::optional<double>> limitOf(const QString& scope);

    Database& m_db;
    BudgetDefaults m_defaults;
    Repairs m_repairs;
    quint64 m_limitWrites = 0;
};

} // namespace orch
