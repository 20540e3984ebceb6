#pragma once
// Each project's repair policy and monthly repair budget, and which runs were repairs: their
// spend this month is what the budget pays, and a repair run may not make another call once
// it cannot (the ledger's known cost; the offline demo model's simulated money is not spent).

#include "api/MoneyTypes.h"
#include "core/Result.h"

#include <optional>

namespace orch {

class Database;

struct RepairDefaults
{
    QString policy = RepairPolicy::Ask;
    double monthlyBudget = 5.0;
};

class Repairs
{
public:
    Repairs(Database& database, RepairDefaults defaults) : m_db(database), m_defaults(defaults) {}

    Result<RepairStanding> standing(const QString& projectId, qint64 nowMs);
    // An empty policy or a negative budget keeps what the project has.
    Result<RepairStanding> set(const QString& projectId, const QString& policy, double budget,
                               qint64 nowMs);
    Result<void> markRepairRun(const QString& runId, const QString& projectId, qint64 incident,
                               qint64 atMs);
    // The incident a repair run was started for; none for any other run.
    Result<std::optional<qint64>> incidentOf(const QString& runId);
    // The latest repair run started for the incident.
    Result<std::optional<QString>> runFor(qint64 incident);
    // Why a repair run may not make a call estimated at `estimate`; empty when it may (and for
    // a run that is not a repair).
    Result<std::optional<QString>> refusal(const QString& runId, double estimate, qint64 nowMs);
    // The same for a repair run of `projectId`, known to be one (Budgets::refusal finds that
    // out in the query it makes anyway).
    Result<std::optional<QString>> refusalFor(const QString& projectId, double estimate,
                                              qint64 nowMs);

    static qint64 monthStart(qint64 nowMs); // the first of the month, 00:00 UTC

private:
    Database& m_db;
    RepairDefaults m_defaults;
};

} // namespace orch
