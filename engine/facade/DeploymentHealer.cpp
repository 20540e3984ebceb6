#include "facade/DeploymentHealer.h"

#include "core/Guard.h"
#include "core/Log.h"
#include "money/Repairs.h"
#include "store/Deployments.h"
#include "store/Incidents.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <cmath>

namespace orch {
namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The last step taken about the incident: "restart", "rollback", "repair_asked", "repair", or
// "" (only detected).
QString lastStep(const Incident& incident)
{
    static const QStringList steps{QStringLiteral("restart"), QStringLiteral("rollback"),
                                   QStringLiteral("repair_asked"), QStringLiteral("repair")};
    for (auto it = incident.timeline.rbegin(); it != incident.timeline.rend(); ++it)
        if (const QString action = toQ(stringOr(*it, "action")); steps.contains(action))
            return action;
    return {};
}

QString stepName(const QString& step)
{
    return step == QLatin1String("repair") ? QStringLiteral("repair run") : step;
}

QString usd(double amount)
{
    return QStringLiteral("$%1").arg(amount, 0, 'f', std::abs(amount) >= 1 || amount == 0 ? 2 : 4);
}

} // namespace

DeploymentHealer::DeploymentHealer(RunStore& store, Repairs& repairs, int failuresBeforeAction,
                                   Services services, QObject* parent)
    : QObject(parent), m_store(store), m_repairs(repairs),
      m_failuresBeforeAction(failuresBeforeAction), m_services(std::move(services))
{
}

bool DeploymentHealer::inIncident(const QString& projectId)
{
    auto incident = Incidents(m_store.database()).current(projectId);
    return incident && incident->has_value();
}

void DeploymentHealer::onProbe(const QString& projectId, bool healthy, const QString& detail)
{
    (void)guarded("heal", "a probe's incident", [&] {
        Incidents incidents(m_store.database());
        auto incident = incidents.current(projectId);
        auto deployment = Deployments(m_store.database()).get(projectId, nowMs());
        if (!incident || !deployment || !deployment->has_value())
            return;
        const DeploymentRecord& live = deployment->value();
        if (healthy) {
            m_failures.remove(projectId);
            if (!incident->has_value())
                return;
            const Incident& open = incident->value();
            const QString step = lastStep(open);
            const QString how = step.isEmpty() || step == QLatin1String("repair_asked")
                                    ? QStringLiteral("it recovered by itself")
                                    : QStringLiteral("after the %1").arg(stepName(step));
            if (auto closed = incidents.close(open.id, IncidentState::Resolved, how, nowMs());
                !closed)
                return log::get("heal")->warn("{}: {}", live.service, closed.error());
            log::get("heal")->info("{} answers again ({})", live.service, how);
            return m_services.tell(live, QStringLiteral("resolved"), how, open.id, {});
        }
        const int failures = ++m_failures[projectId];
        if (m_failuresBeforeAction <= 0 || failures < m_failuresBeforeAction ||
            m_acting.contains(projectId))
            return;
        if (incident->has_value())
            return escalate(live, incident->value(), detail);
        // A release that never passed a probe since it went live may be the cause.
        auto uptime = Deployments(m_store.database()).uptime(projectId, live.deployedAt);
        const bool newRelease = !live.previous.isEmpty() && uptime && uptime.value() <= 0;
        auto opened = incidents.open(projectId, live.version, newRelease, detail, nowMs());
        if (!opened)
            return log::get("heal")->warn("{}: no incident kept: {}", live.service, opened.error());
        log::get("heal")->info("{}: incident {} opened ({} failed probes): {}", live.service,
                               opened->id, failures, detail);
        escalate(live, opened.value(), detail);
    });
}

void DeploymentHealer::escalate(const DeploymentRecord& deployment, const Incident& incident,
                                const QString& detail)
{
    if (incident.state == IncidentState::GivenUp)
        return; // a person is needed; a passing probe still resolves it
    // A repair run kept in the store counts even if its step was not written before a restart.
    auto repairRun = m_repairs.runFor(incident.id);
    const QString step =
        repairRun && repairRun->has_value() ? QStringLiteral("repair") : lastStep(incident);
    if (step.isEmpty())
        return act(deployment, incident.id, false);
    if (step == QLatin1String("restart") && incident.newRelease && !deployment.previous.isEmpty())
        return act(deployment, incident.id, true);
    if (step == QLatin1String("repair_asked"))
        return; // the person's button decides
    if (step == QLatin1String("repair")) {
        const QString outcome = repairOutcome(incident.id);
        if (outcome.isEmpty())
            return; // the repair run works; its deploy is judged by the probes after it
        // Probes that began before its deploy say nothing about its fix: count again.
        if (!m_repairEnded.contains(incident.id)) {
            m_repairEnded.insert(incident.id);
            m_failures.remove(deployment.projectId);
            return;
        }
        return giveUp(deployment, incident.id,
                      QStringLiteral("still failing after the repair run, which %1: %2")
                          .arg(outcome, detail.left(400)));
    }
    offerRepair(deployment, incident, detail);
}

void DeploymentHealer::act(const DeploymentRecord& deployment, qint64 incident, bool back)
{
    const QString step = back ? QStringLiteral("rollback") : QStringLiteral("restart");
    const QString what =
        back ? QStringLiteral("rolling back to release %1").arg(deployment.previous.left(12))
             : QStringLiteral("restarting release %1").arg(deployment.version.left(12));
    note(deployment, incident, step, what);
    m_acting.insert(deployment.projectId);
    m_services.tell(deployment,
                    back ? QStringLiteral("rolling_back") : QStringLiteral("restarting"), what,
                    incident, {});
    log::get("heal")->info("{}: {}", deployment.service, what);
    m_services.deployAgain(
        deployment.projectId, back,
        [this, deployment, incident, step](Result<DeploymentRecord> done) {
            m_acting.remove(deployment.projectId);
            m_failures.remove(deployment.projectId); // the next probes judge the outcome
            note(deployment, incident, step + (done ? "_done" : "_failed"),
                 done ? QStringLiteral("release %1 runs and passed its health check")
                            .arg(done->version.left(12))
                      : done.error().left(600));
        });
}

void DeploymentHealer::offerRepair(const DeploymentRecord& deployment, const Incident& incident,
                                   const QString& detail)
{
    const QString after = QStringLiteral("still failing after the %1").arg(lastStep(incident));
    auto standing = m_repairs.standing(deployment.projectId, nowMs());
    if (!standing)
        return giveUp(deployment, incident.id,
                      QStringLiteral("%1, and its repair policy cannot be read (%2): %3")
                          .arg(after, standing.error(), detail.left(400)));
    if (standing->policy == RepairPolicy::Off)
        return giveUp(deployment, incident.id,
                      QStringLiteral("%1 (repairs are off): %2").arg(after, detail.left(400)));
    if (standing->left() <= 0)
        return giveUp(deployment, incident.id,
                      QStringLiteral("%1, and this month's repair budget is used up (%2 of %3 "
                                     "spent): %4")
                          .arg(after, usd(standing->spentThisMonth), usd(standing->monthlyBudget),
                               detail.left(400)));
    if (standing->policy == RepairPolicy::Auto)
        return startRepair(deployment, incident, [](Result<QString>) {});
    const QString asked = QStringLiteral("after the %1: %2; this month's repair budget has %3 of "
                                         "%4 left")
                              .arg(lastStep(incident), detail.left(400), usd(standing->left()),
                                   usd(standing->monthlyBudget));
    note(deployment, incident.id, QStringLiteral("repair_asked"), asked);
    m_services.tell(deployment, QStringLiteral("repair_asked"), asked, incident.id, {});
}

void DeploymentHealer::repair(const QString& projectId, Reply<QString> done)
{
    (void)guarded("heal", "a repair request", [&] {
        auto incident = Incidents(m_store.database()).current(projectId);
        auto deployment = Deployments(m_store.database()).get(projectId, nowMs());
        if (!incident || !deployment)
            return done(Error{incident.error() + deployment.error()});
        if (!incident->has_value() || !deployment->has_value())
            return done(Error{QStringLiteral("the project's deployment has no incident to repair"),
                              ErrorCode::NotFound});
        const Incident& open = incident->value();
        if (m_acting.contains(projectId))
            return done(Error{QStringLiteral("a restart, rollback or repair of it is starting"),
                              ErrorCode::Conflict});
        if (auto run = m_repairs.runFor(open.id);
            run && run->has_value() && repairOutcome(open.id).isEmpty())
            return done(Error{QStringLiteral("repair run %1 works on it").arg(run->value()),
                              ErrorCode::Conflict});
        auto standing = m_repairs.standing(projectId, nowMs());
        if (!standing)
            return done(standing.failure());
        if (standing->left() <= 0)
            return done(Error{QStringLiteral("this month's repair budget is used up (%1 of %2 "
                                             "spent): raise it first")
                                  .arg(usd(standing->spentThisMonth), usd(standing->monthlyBudget)),
                              ErrorCode::Invalid});
        if (open.state == IncidentState::GivenUp)
            if (auto reopened = Incidents(m_store.database()).reopen(open.id, nowMs()); !reopened)
                return done(reopened.failure());
        startRepair(deployment->value(), open, std::move(done));
    });
}

void DeploymentHealer::startRepair(const DeploymentRecord& deployment, const Incident& incident,
                                   Reply<QString> done)
{
    m_acting.insert(deployment.projectId);
    m_services.startRepair(
        deployment.projectId, incident,
        [this, deployment, id = incident.id, done = std::move(done)](Result<QString> run) {
            m_acting.remove(deployment.projectId);
            m_failures.remove(deployment.projectId);
            if (!run) {
                giveUp(deployment, id,
                       QStringLiteral("a repair run could not start: %1").arg(run.error()));
                return done(run);
            }
            const QString what = QStringLiteral("run %1").arg(run->left(8));
            note(deployment, id, QStringLiteral("repair"), what);
            log::get("heal")->info("{}: repair {}", deployment.service, what);
            m_services.tell(deployment, QStringLiteral("repairing"), what, id, run.value());
            done(run);
        });
}

QString DeploymentHealer::repairOutcome(qint64 incident)
{
    auto runId = m_repairs.runFor(incident);
    if (!runId || !runId->has_value())
        return QStringLiteral("is not known");
    auto run = m_store.run(runId->value());
    if (!run)
        return QStringLiteral("is gone (%1)").arg(run.error());
    if (!RunStatus::isFinished(run->status))
        return {};
    return run->reason.isEmpty() ? QStringLiteral("ended %1").arg(RunStatus::name(run->status))
                                 : QStringLiteral("ended %1 (%2)")
                                       .arg(RunStatus::name(run->status), run->reason.left(300));
}

void DeploymentHealer::giveUp(const DeploymentRecord& deployment, qint64 incident,
                              const QString& detail)
{
    if (auto closed =
            Incidents(m_store.database()).close(incident, IncidentState::GivenUp, detail, nowMs());
        !closed)
        return log::get("heal")->warn("{}: {}", deployment.service, closed.error());
    log::get("heal")->warn("{}: given up, a person is needed: {}", deployment.service, detail);
    m_services.tell(deployment, QStringLiteral("gave_up"), detail, incident, {});
}

void DeploymentHealer::note(const DeploymentRecord& deployment, qint64 incident,
                            const QString& action, const QString& detail)
{
    if (auto kept = Incidents(m_store.database()).add(incident, action, detail, nowMs()); !kept)
        log::get("heal")->warn("{}: {}", deployment.service, kept.error());
}

} // namespace orch
