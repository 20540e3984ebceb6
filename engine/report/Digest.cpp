#include "report/Digest.h"

#include "money/Budgets.h"
#include "money/Spend.h"
#include "money/Usd.h"
#include "store/Deployments.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QHash>

namespace orch {
namespace {

QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toUTC().toString(
        QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

// "- URL — version V, healthy (checked …), up 99.5% this week"
QString deploymentLine(const DeploymentRecord& watched, const QString& url, QString version,
                       bool healthyAtDeploy)
{
    bool healthy = healthyAtDeploy;
    QString checked;
    if (!watched.projectId.isEmpty()) {
        version = watched.version.left(12);
        if (watched.health != DeploymentHealthState::Unknown) {
            healthy = watched.health == DeploymentHealthState::Healthy;
            checked = QStringLiteral(" (checked %1)").arg(when(watched.checkedAt));
        }
    }
    QString line =
        QStringLiteral("- %1 — version %2, %3%4")
            .arg(url, version, healthy ? QStringLiteral("healthy") : QStringLiteral("NOT healthy"),
                 checked);
    if (watched.uptime >= 0)
        line += QStringLiteral(", up %1% this week").arg(watched.uptime * 100, 0, 'f', 1);
    if (!healthy && !watched.detail.isEmpty())
        line += QStringLiteral(": ") + watched.detail.left(200);
    return line;
}

} // namespace

Result<QString> buildDigest(RunStore& store, Budgets& budgets, Spend& spend, qint64 sinceMs,
                            qint64 nowMs)
{
    auto runs = store.runs();
    if (!runs)
        return runs.failure();
    QHash<QString, QString> names;
    if (auto projects = store.projects())
        for (const ProjectRecord& p : projects.value())
            names.insert(p.id, p.name);
    // What the watcher last found beats what the deploy found.
    QHash<QString, DeploymentRecord> watched;
    if (auto live = Deployments(store.database()).list(nowMs))
        for (const DeploymentRecord& d : live.value())
            watched.insert(d.projectId, d);
    QStringList finished, failed, waiting, deployments;
    QSet<QString> seenServices;
    for (const RunRecord& run : runs.value()) { // newest first
        const QString name = names.value(run.projectId, run.projectId);
        const QString line =
            QStringLiteral("- %1 (`%2`): %3")
                .arg(name, run.id.left(8), RunStatus::name(run.status)) +
            (run.reason.isEmpty() ? QString() : QStringLiteral(" — ") + run.reason);
        const bool recent = run.updatedAt >= sinceMs;
        if (RunStatus::isWaiting(run.status))
            waiting << line;
        else if (recent && run.status == RunStatus::Completed)
            finished << line;
        else if (recent && RunStatus::isFinished(run.status))
            failed << line;
        auto state = store.lastState(run.id);
        if (!state || !state->contains("deployment"))
            continue;
        const Json& deployment = (*state)["deployment"];
        const QString url = toQ(stringOr(deployment, "url"));
        if (url.isEmpty() || seenServices.contains(url))
            continue;
        seenServices.insert(url);
        deployments << deploymentLine(watched.value(run.projectId), url,
                                      toQ(stringOr(deployment, "version")),
                                      boolOr(deployment, "healthy", false));
    }
    auto global = budgets.status(kGlobalScope);
    if (!global)
        return global.failure();
    auto recentSpend = spend.by(SpendBy::Project, sinceMs);
    if (!recentSpend)
        return recentSpend.failure();
    double spentSince = 0;
    double simulatedSince = 0;
    int unknownSince = 0;
    for (const SpendRow& row : recentSpend.value()) {
        spentSince += row.cost;
        simulatedSince += row.simulatedCost;
        unknownSince += row.unknownCostCalls;
    }

    QString md = QStringLiteral("# Digest, %1 to %2\n\n").arg(when(sinceMs), when(nowMs));
    auto section = [&md](const QString& title, const QStringList& lines) {
        md += QStringLiteral("## %1 (%2)\n\n%3\n\n")
                  .arg(title)
                  .arg(lines.size())
                  .arg(lines.isEmpty() ? QStringLiteral("None.") : lines.join(QLatin1Char('\n')));
    };
    section(QStringLiteral("Finished"), finished);
    section(QStringLiteral("Failed or stopped"), failed);
    section(QStringLiteral("Waiting"), waiting);
    section(QStringLiteral("Deployments"), deployments);
    md += QStringLiteral("## Money\n\n- Spent in this period: %1")
              .arg(usd(spentSince, simulatedSince, 2));
    if (unknownSince > 0)
        md += QStringLiteral(" plus %1 call(s) of unknown price").arg(unknownSince);
    md += QStringLiteral("\n- Spent in total: %1\n").arg(usd(global->spent, 2));
    if (global->simulated > 0)
        md += QStringLiteral("- Simulated by the offline demo model (not spent, not budgeted): "
                             "%1\n")
                  .arg(usd(global->simulated, 2));
    md += global->limit ? QStringLiteral("- Budget: %1, left %2\n")
                              .arg(usd(*global->limit, 2), usd(*global->remaining(), 2))
                        : QStringLiteral("- Budget: not limited\n");
    return md;
}

} // namespace orch
