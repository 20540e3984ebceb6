#pragma once
// Budgets and spend as the apps see them.

#include <QString>
#include <optional>

namespace orch {

inline const QString kGlobalScope = QStringLiteral("global");

// The offline demo model's calls (providers "replay…") cost simulated money: priced so the
// demo shows spend, labelled simulated wherever it shows, never spent from a budget.
inline bool isSimulatedProvider(const QString& provider)
{
    return provider.startsWith(QLatin1String("replay"));
}

struct BudgetStatus
{
    QString scope; // "global" or a project id
    std::optional<double> limit;
    double spent = 0; // real money: the offline demo model's simulated calls are not in it
    int unknownCostCalls = 0;
    double simulated = 0; // priced for the offline demo model, never spent from the budget
    std::optional<double> remaining() const
    {
        return limit ? std::optional<double>(*limit - spent) : std::nullopt;
    }
};

// What a project may do about an incident its restarts and rollbacks did not end: a repair
// run (a change run given the evidence) never (`off`), with the person's approval (`ask`) or
// by itself (`auto`), paid from a budget of its own each calendar month (UTC).
namespace RepairPolicy {
inline const QString Off = QStringLiteral("off");
inline const QString Ask = QStringLiteral("ask");
inline const QString Auto = QStringLiteral("auto");
inline bool valid(const QString& policy)
{
    return policy == Off || policy == Ask || policy == Auto;
}
} // namespace RepairPolicy

struct RepairStanding
{
    QString project; // its id
    QString policy = RepairPolicy::Ask;
    double monthlyBudget = 0; // USD a month for repair runs
    double spentThisMonth = 0;
    int runsThisMonth = 0;
    double left() const { return monthlyBudget - spentThisMonth; }
};

// What a run will likely cost and take (Forecasts), and whether that fits the budget left.
struct RunForecast
{
    int samples = 0; // 0: no history like it
    double costLow = 0, costMid = 0, costHigh = 0;
    qint64 msLow = 0, msMid = 0, msHigh = 0; // working time (the steps', not waits)
    QString basis;                           // which runs it comes from
    std::optional<double> budgetLeft;        // the tighter of the global and project budgets
    bool exceedsBudget = false;              // the median is more than what is left
    bool known() const { return samples > 0; }
};

struct SpendRow
{
    QString key;   // "2026-11-24", agent id, model name or project id
    QString label; // what to show: the project's name for projects, else the key
    double cost = 0;
    double simulatedCost = 0; // of `cost`, priced for the offline demo model (not real money)
    int calls = 0;
    int unknownCostCalls = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 cachedTokens = 0;
};

} // namespace orch
