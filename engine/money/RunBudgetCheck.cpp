#include "money/RunBudgetCheck.h"

#include "store/Database.h"

namespace orch {

RunBudgetCheck::RunBudgetCheck(Budgets& budgets, Database& database, QString runId, int freshMs)
    : m_budgets(budgets), m_db(database), m_runId(std::move(runId)), m_freshMs(freshMs)
{
}

void RunBudgetCheck::readWithinCommit(const QString& projectId)
{
    m_kept.reset();
    auto reading = m_budgets.read(projectId, m_runId);
    if (!reading)
        return;
    m_kept = std::move(reading.value());
    m_keptInTransaction = m_db.transactionsBegun();
    m_keptAtLimitWrites = m_budgets.limitWrites();
    m_keptAge.start();
}

bool RunBudgetCheck::keptIsCurrent(const QString& projectId) const
{
    return m_kept && m_kept->projectId == projectId &&
           m_keptInTransaction == m_db.transactionsBegun() &&
           m_keptAtLimitWrites == m_budgets.limitWrites() && m_freshMs > 0 &&
           !m_keptAge.hasExpired(m_freshMs);
}

Result<std::optional<QString>> RunBudgetCheck::refusal(const QString& projectId, double estimate)
{
    if (keptIsCurrent(projectId)) {
        // Used once: the call it lets start is the next spend, read with its step's commit.
        const BudgetReading reading = std::move(*m_kept);
        m_kept.reset();
        return m_budgets.refusal(reading, estimate);
    }
    m_kept.reset();
    return m_budgets.refusal(projectId, estimate, m_runId);
}

} // namespace orch
