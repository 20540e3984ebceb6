#pragma once
// Budgets and spend as the apps see them.

#include <QString>
#include <optional>

namespace orch {

inline const QString kGlobalScope = QStringLiteral("global");

struct BudgetStatus
{
    QString scope; // "global" or a project id
    std::optional<double> limit;
    double spent = 0;
    int unknownCostCalls = 0;
    std::optional<double> remaining() const
    {
        return limit ? std::optional<double>(*limit - spent) : std::nullopt;
    }
};

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

} // namespace orch
