#include "report/AwayFacts.h"

#include "money/Budgets.h"
#include "money/Spend.h"
#include "store/Deployments.h"
#include "store/Incidents.h"
#include "store/RunStore.h"

#include <QHash>
#include <algorithm>

namespace orch {
namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr double kWarnDays = 14; // a budget or a certificate that ends sooner is worth a word

QString runKind(RunStore& store, Repairs& repairs, const QString& runId)
{
    if (auto incident = repairs.incidentOf(runId); incident && incident->has_value())
        return QStringLiteral("repair");
    if (auto start = store.checkpointAt(runId, 0);
        start && !objectAt(start->state, "change").empty())
        return QStringLiteral("change");
    return QStringLiteral("new");
}

double realCost(RunStore& store, const QString& runId)
{
    double cost = 0;
    if (auto ledger = store.ledger(runId))
        for (const LedgerEntry& charge : ledger.value())
            if (charge.cost && !isSimulatedProvider(charge.provider))
                cost += *charge.cost;
    return cost;
}

QString waitingKind(const RunRecord& run)
{
    switch (run.status) {
    case RunStatus::WaitingBudget:
        return QStringLiteral("budget");
    case RunStatus::WaitingResources:
        return QStringLiteral("resources");
    default:
        return QStringLiteral("question");
    }
}

} // namespace

Result<AwayFacts> AwayFacts::collect(RunStore& store, Budgets& budgets, Spend& spend,
                                     qint64 sinceMs, qint64 nowMs)
{
    AwayFacts facts;
    facts.sinceMs = sinceMs;
    facts.nowMs = nowMs;
    QHash<QString, QString> names;
    if (auto projects = store.projects())
        for (const ProjectRecord& p : projects.value())
            names.insert(p.id, p.name);
    auto runs = store.runs();
    if (!runs)
        return runs.failure();
    Repairs& repairs = budgets.repairs();
    for (const RunRecord& run : runs.value()) {
        const QString project = names.value(run.projectId, run.projectId.left(8));
        if (RunStatus::isWaiting(run.status))
            facts.waiting.push_back({project, waitingKind(run), run.reason.left(300)});
        if (!RunStatus::isFinished(run.status) || run.updatedAt < sinceMs)
            continue;
        facts.runs.push_back({project, run.id, runKind(store, repairs, run.id),
                              RunStatus::name(run.status), run.reason.left(300),
                              realCost(store, run.id), run.updatedAt});
    }
    std::stable_sort(facts.runs.begin(), facts.runs.end(),
                     [](const RunLine& a, const RunLine& b) { return a.endedAt > b.endedAt; });

    QHash<QString, DeploymentRecord> live;
    auto deployments = Deployments(store.database()).list(nowMs);
    if (!deployments)
        return deployments.failure();
    for (const DeploymentRecord& d : deployments.value())
        live.insert(d.projectId, d);
    auto incidents = Incidents(store.database()).touching(sinceMs);
    if (!incidents)
        return incidents.failure();
    for (const Incident& incident : incidents.value()) {
        IncidentLine line{names.value(incident.projectId, incident.projectId.left(8)),
                          live.value(incident.projectId).service,
                          incident.openedAt,
                          incident.state,
                          {},
                          {}};
        for (const Json& step : incident.timeline)
            line.steps << toQ(stringOr(step, "action"));
        if (!incident.timeline.empty())
            line.outcome = toQ(stringOr(incident.timeline.back(), "detail")).left(300);
        if (incident.state == IncidentState::GivenUp)
            facts.waiting.push_back({line.project, QStringLiteral("given_up"), line.outcome});
        else if (incident.state == IncidentState::Open &&
                 incident.lastAction() == QLatin1String("repair_asked"))
            facts.waiting.push_back({line.project, QStringLiteral("repair"), line.outcome});
        facts.incidents.push_back(std::move(line));
    }

    for (const DeploymentRecord& d : deployments.value()) {
        const QString project = names.value(d.projectId, d.projectId.left(8));
        auto uptime = Deployments(store.database()).uptime(d.projectId, sinceMs);
        facts.uptimes.push_back({project, d.url, uptime ? uptime.value() : -1,
                                 d.health == DeploymentHealthState::Healthy});
        if (d.certificateExpiresAt > 0 && d.certificateExpiresAt - nowMs < kWarnDays * kDayMs)
            facts.advice.push_back(
                {QStringLiteral("certificate"), project,
                 double(std::max<qint64>(0, d.certificateExpiresAt - nowMs)) / kDayMs});
        if (d.kind == QLatin1String("telegram_bot") && d.activity.known && d.activity.updates == 0)
            facts.advice.push_back({QStringLiteral("unused"), project, 0});
        if (auto standing = repairs.standing(d.projectId, nowMs);
            standing && standing->runsThisMonth > 0 && standing->left() <= 0)
            facts.advice.push_back(
                {QStringLiteral("repair_budget_spent"), project, standing->monthlyBudget});
    }

    // Spend in the period and in the one as long before it, per project for their budgets.
    const qint64 length = std::max<qint64>(nowMs - sinceMs, kDayMs);
    auto recent = spend.by(SpendBy::Project, sinceMs);
    auto longer = spend.by(SpendBy::Project, sinceMs - length);
    if (!recent || !longer)
        return Error{recent.error() + longer.error()};
    QHash<QString, double> spentBy;
    for (const SpendRow& row : recent.value()) {
        facts.spent += row.cost - row.simulatedCost;
        facts.simulated += row.simulatedCost;
        spentBy[row.key] += row.cost - row.simulatedCost;
    }
    for (const SpendRow& row : longer.value())
        facts.spentBefore += row.cost - row.simulatedCost;
    facts.spentBefore = std::max(0.0, facts.spentBefore - facts.spent);
    auto global = budgets.status(kGlobalScope);
    if (!global)
        return global.failure();
    facts.global = global.value();
    // A budget that this period's pace empties within two weeks.
    const double days = double(length) / kDayMs;
    auto runsOut = [&](const std::optional<double>& left, double spentInPeriod,
                       const QString& project) {
        if (!left || spentInPeriod <= 0)
            return;
        const double daysLeft = std::max(0.0, *left) / (spentInPeriod / days);
        if (daysLeft < kWarnDays)
            facts.advice.push_back({QStringLiteral("budget_runs_out"), project, daysLeft});
    };
    runsOut(facts.global.remaining(), facts.spent, {});
    for (auto it = spentBy.constBegin(); it != spentBy.constEnd(); ++it)
        if (auto status = budgets.status(it.key()); status && status->limit)
            runsOut(status->remaining(), it.value(), names.value(it.key(), it.key().left(8)));
    return facts;
}

} // namespace orch
