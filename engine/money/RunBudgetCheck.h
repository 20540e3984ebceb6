#pragma once
// The budget check before each of one run's model calls. What it compares is read inside the
// transaction that commits the run's step (that step's cost already in), so the check right
// after reads nothing again: a step's one store transaction does both. A reading is read
// again once it may be out of date: another transaction began on the connection since (a
// call of another run recorded, a top-up), a limit was written here, or it is older than
// freshMs (another process may have spent since; its calls are in flight for seconds, so a
// reading that recent is as current as one made just before the call). A freshMs of 0 or less
// keeps none.

#include "money/Budgets.h"

#include <QElapsedTimer>
#include <optional>

namespace orch {

class Database;

class RunBudgetCheck
{
public:
    static constexpr int kFreshMs = 100;

    RunBudgetCheck(Budgets& budgets, Database& database, QString runId, int freshMs = kFreshMs);

    // Inside the transaction of the run's step: reads what the next check compares. A failed
    // read leaves nothing kept; the check then reads for itself.
    void readWithinCommit(const QString& projectId);
    // Why a call estimated at `estimate` USD may not start now; empty when it may.
    Result<std::optional<QString>> refusal(const QString& projectId, double estimate);

private:
    bool keptIsCurrent(const QString& projectId) const;

    Budgets& m_budgets;
    Database& m_db;
    QString m_runId;
    int m_freshMs;
    std::optional<BudgetReading> m_kept;
    quint64 m_keptInTransaction = 0;
    quint64 m_keptAtLimitWrites = 0;
    QElapsedTimer m_keptAge;
};

} // namespace orch
