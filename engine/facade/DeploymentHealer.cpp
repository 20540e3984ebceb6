#include "facade/DeploymentHealer.h"

#include "core/Guard.h"
#include "core/Log.h"
#include "store/Deployments.h"
#include "store/Incidents.h"
#include "store/RunStore.h"

#include <QDateTime>

namespace orch {
namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The last step taken about the incident: "restart", "rollback", or "" (only detected).
QString lastStep(const Incident& incident)
{
    for (auto it = incident.timeline.rbegin(); it != incident.timeline.rend(); ++it) {
        const QString action = toQ(stringOr(*it, "action"));
        if (action == QLatin1String("restart") || action == QLatin1String("rollback"))
            return action;
    }
    return {};
}

} // namespace

DeploymentHealer::DeploymentHealer(RunStore& store, int failuresBeforeAction, Services services,
                                   QObject* parent)
    : QObject(parent), m_store(store), m_failuresBeforeAction(failuresBeforeAction),
      m_services(std::move(services))
{
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
            const QString how = step.isEmpty() ? QStringLiteral("it recovered by itself")
                                               : QStringLiteral("after the %1").arg(step);
            if (auto closed = incidents.close(open.id, IncidentState::Resolved, how, nowMs());
                !closed)
                return log::get("heal")->warn("{}: {}", live.service, closed.error());
            log::get("heal")->info("{} answers again ({})", live.service, how);
            return m_services.tell(live, QStringLiteral("resolved"), how);
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
    const QString step = lastStep(incident);
    if (step.isEmpty())
        return act(deployment, incident.id, false);
    if (step == QLatin1String("restart") && incident.newRelease && !deployment.previous.isEmpty())
        return act(deployment, incident.id, true);
    giveUp(deployment, incident.id,
           QStringLiteral("still failing after the %1: %2").arg(step, detail.left(400)));
}

void DeploymentHealer::act(const DeploymentRecord& deployment, qint64 incident, bool back)
{
    const QString step = back ? QStringLiteral("rollback") : QStringLiteral("restart");
    const QString what =
        back ? QStringLiteral("rolling back to release %1").arg(deployment.previous.left(12))
             : QStringLiteral("restarting release %1").arg(deployment.version.left(12));
    if (auto kept = Incidents(m_store.database()).add(incident, step, what, nowMs()); !kept)
        return log::get("heal")->warn("{}: {}", deployment.service, kept.error());
    m_acting.insert(deployment.projectId);
    m_services.tell(deployment,
                    back ? QStringLiteral("rolling_back") : QStringLiteral("restarting"), what);
    log::get("heal")->info("{}: {}", deployment.service, what);
    m_services.deployAgain(
        deployment.projectId, back,
        [this, deployment, incident, step](Result<DeploymentRecord> done) {
            m_acting.remove(deployment.projectId);
            m_failures.remove(deployment.projectId); // the next probes judge the outcome
            const QString outcome =
                done ? QStringLiteral("release %1 runs and passed its health check")
                           .arg(done->version.left(12))
                     : done.error().left(600);
            if (auto kept =
                    Incidents(m_store.database())
                        .add(incident, step + (done ? "_done" : "_failed"), outcome, nowMs());
                !kept)
                log::get("heal")->warn("{}: {}", deployment.service, kept.error());
        });
}

void DeploymentHealer::giveUp(const DeploymentRecord& deployment, qint64 incident,
                              const QString& detail)
{
    if (auto closed =
            Incidents(m_store.database()).close(incident, IncidentState::GivenUp, detail, nowMs());
        !closed)
        return log::get("heal")->warn("{}: {}", deployment.service, closed.error());
    log::get("heal")->warn("{}: given up, a person is needed: {}", deployment.service, detail);
    m_services.tell(deployment, QStringLiteral("gave_up"), detail);
}

} // namespace orch
