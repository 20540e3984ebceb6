#pragma once
// What happened while the person was away, read from the store: the runs that ended (built,
// changed, repaired), the incidents and how each ended, each live deployment's uptime over the
// period, spend against the budgets with the period before for the trend, what waits for the
// person, and what the orchestrator recommends. Facts only: AwayReport words them.

#include "api/DeploymentRecords.h"
#include "api/MoneyTypes.h"
#include "core/Result.h"

#include <QString>
#include <vector>

namespace orch {

class Budgets;
class RunStore;
class Spend;

struct AwayFacts
{
    struct RunLine
    {
        QString project;
        QString runId;
        QString kind; // new, change, repair
        QString status;
        QString reason;
        double cost = 0;
        qint64 endedAt = 0;
    };
    struct IncidentLine
    {
        QString project;
        QString service;
        qint64 openedAt = 0;
        QString state;   // open, resolved, given_up
        QString outcome; // the last step's detail
        QStringList steps;
    };
    struct UptimeLine
    {
        QString project;
        QString url;
        double uptime = -1; // healthy probes / probes in the period; -1: none
        bool healthyNow = false;
    };
    struct Waiting
    {
        QString project;
        QString what; // question, approval, budget, resources, repair, given_up
        QString detail;
    };
    struct Advice
    {
        QString what;    // budget_runs_out, unused, certificate, repair_budget_spent
        QString project; // "" for the global budget
        double number = 0;
    };

    qint64 sinceMs = 0;
    qint64 nowMs = 0;
    std::vector<RunLine> runs;
    std::vector<IncidentLine> incidents;
    std::vector<UptimeLine> uptimes;
    double spent = 0;       // real money in the period
    double spentBefore = 0; // in the period of the same length before it
    double simulated = 0;   // the offline demo model's, in the period
    BudgetStatus global;
    std::vector<Waiting> waiting;
    std::vector<Advice> advice;

    static Result<AwayFacts> collect(RunStore& store, Budgets& budgets, Spend& spend,
                                     qint64 sinceMs, qint64 nowMs);
};

} // namespace orch
