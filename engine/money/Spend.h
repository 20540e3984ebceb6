#pragma once
// Spend from the ledger grouped by day, agent, model or project, for the balances view, the
// /balance command and the digest. Calls with an unknown price are counted, never costed.

#include "api/MoneyTypes.h"
#include "core/Result.h"

#include <QString>
#include <vector>

namespace orch {

class Database;

enum class SpendBy
{
    Day,
    Agent,
    Model,
    Project,
    ProjectDay // key "YYYY-MM-DD|project id", label the project's name
};

class Spend
{
public:
    explicit Spend(Database& database) : m_db(database) {}

    // Rows ordered by key (days ascending) for calls at or after `sinceMs`.
    Result<std::vector<SpendRow>> by(SpendBy dimension, qint64 sinceMs = 0);

private:
    Database& m_db;
};

} // namespace orch
