#pragma once
// Spend from the ledger grouped by day, agent, model or project, for the balances view, the
// /balance command and the digest. Calls with an unknown price are counted, never costed.

#include "core/Result.h"

#include <QString>

#include <vector>

namespace orch {

class Database;

enum class SpendBy { Day, Agent, Model, Project };

struct SpendRow
{
    QString key;   // "2026-11-24", agent id, model name or project id
    QString label; // what to show: the project's name for projects, else the key
    double cost = 0;
    int calls = 0;
    int unknownCostCalls = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 cachedTokens = 0;
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
