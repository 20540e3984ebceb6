#include "facade/DeploymentWatch.h"

#include "api/RunEvents.h"
#include "core/Guard.h"
#include "core/Log.h"
#include "deploy/HttpProbe.h"
#include "deploy/ServiceHealth.h"
#include "deploy/ServiceMemory.h"
#include "store/Deployments.h"
#include "store/RunStore.h"
#include "tools/DeployTools.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

namespace orch {
namespace {

constexpr int kParallelProbes = 4;
// A probe retries within this; a deploy's own check may wait longer for a cold start.
constexpr int kProbeTimeoutMs = 20000;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

DeploymentWatch::DeploymentWatch(RunStore& store, Services services, QObject* parent)
    : QObject(parent), m_store(store), m_services(std::move(services)), m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &DeploymentWatch::probeAll);
}

void DeploymentWatch::start(int intervalMs)
{
    m_timer->start(intervalMs);
    QMetaObject::invokeMethod(this, &DeploymentWatch::probeAll, Qt::QueuedConnection);
}

void DeploymentWatch::stop()
{
    m_timer->stop();
    m_queue.clear();
}

void DeploymentWatch::probeAll()
{
    auto deployments = Deployments(m_store.database()).list(now());
    auto running = m_store.runs({RunStatus::Running});
    if (!deployments || !running) {
        log::get("watch")->error("cannot read the deployments: {}",
                                 deployments.error() + running.error());
        return;
    }
    QSet<QString> busy = m_held;
    for (const RunRecord& run : running.value())
        busy.insert(run.projectId); // a run may be deploying it right now
    for (const DeploymentRecord& deployment : deployments.value()) {
        const bool queued = std::any_of(m_queue.begin(), m_queue.end(), [&](const auto& d) {
            return d.projectId == deployment.projectId;
        });
        if (!queued && !busy.contains(deployment.projectId) &&
            !m_inFlight.contains(deployment.projectId))
            m_queue.push_back(deployment);
    }
    probeNext();
}

void DeploymentWatch::probeNext()
{
    while (m_inFlight.size() < kParallelProbes && !m_queue.empty()) {
        DeploymentRecord next = std::move(m_queue.front());
        m_queue.pop_front();
        if (m_held.contains(next.projectId))
            continue;
        m_inFlight.insert(next.projectId);
        probe(next);
    }
}

void DeploymentWatch::probe(const DeploymentRecord& deployment)
{
    const qint64 started = now();
    auto fail = [this, deployment, started](const QString& why) {
        DeploymentProbeResult result;
        result.detail = why;
        result.elapsedMs = now() - started;
        finish(deployment, result);
    };
    auto settings = m_services.settingsFor(deployment.projectId);
    if (!settings)
        return fail(settings.error());
    settings->healthTimeoutMs = std::min(settings->healthTimeoutMs, kProbeTimeoutMs);
    auto project = m_store.project(deployment.projectId);
    if (!project)
        return fail(project.error());
    // The contract of the release: the workspace holds it as committed.
    auto contract = ServiceContract::read(project->workspace);
    if (!contract)
        return fail(contract.error());
    HealthTarget target{deployment.service, {}, deployment.version, contract.value(), {}};
    target.justStarted = false;
    if (contract->listens())
        target.url = deployment.url;
    if (!deployment.botHandle.isEmpty() && m_services.revealSecret) {
        auto token = m_services.revealSecret(deployment.botHandle, deployment.projectId);
        if (!token)
            return fail(token.error());
        target.botToken = token.value();
    }
    auto* health = new ServiceHealth(settings.value(), this);
    health->check(target, [this, health, deployment, settings = settings.value(),
                           started](bool healthy, const QString& why, const QByteArray&) {
        health->deleteLater();
        DeploymentProbeResult result;
        result.healthy = healthy;
        result.detail = why;
        result.activity = health->botActivity();
        result.elapsedMs = now() - started;
        if (healthy && !settings.internalTls() &&
            deployment.url.startsWith(QLatin1String("https://")) &&
            deployment.kind == ServiceContract::kindName(ServiceContract::Kind::HttpService))
            return checkCertificate(deployment, settings, result);
        measure(deployment, settings, result);
    });
}

void DeploymentWatch::checkCertificate(const DeploymentRecord& deployment,
                                       const DeploySettings& settings, DeploymentProbeResult result)
{
    auto* probe =
        new HttpProbe(deployedRequest(settings, QUrl(deployment.url), "GET", Json()), this);
    connect(probe, &HttpProbe::finished, this,
            [this, probe, deployment, settings, result](const ProbeResult& r) mutable {
                probe->deleteLater();
                result.certificateExpiresAt = r.certificateExpiresAt;
                measure(deployment, settings, result);
            });
    probe->start();
}

void DeploymentWatch::measure(const DeploymentRecord& deployment, const DeploySettings& settings,
                              DeploymentProbeResult result)
{
    if (!result.healthy)
        return finish(deployment, result);
    measureServiceMemory(this, settings, deployment.service,
                         [this, deployment, result](int memoryMb) mutable {
                             result.memoryMb = memoryMb;
                             finish(deployment, result);
                         });
}

void DeploymentWatch::finish(const DeploymentRecord& deployment, DeploymentProbeResult result)
{
    m_inFlight.remove(deployment.projectId);
    (void)guarded("watch", "a probe's result", [&] {
        if (m_held.contains(deployment.projectId))
            return; // a redeploy began meanwhile: this probe saw the old release
        Deployments deployments(m_store.database());
        if (!result.healthy && tornDown(deployment)) {
            log::get("watch")->info("{} was torn down: no longer watched", deployment.service);
            if (auto forgotten = deployments.forget(deployment.projectId); !forgotten)
                log::get("watch")->warn("{}: {}", deployment.service, forgotten.error());
            return;
        }
        auto before = deployments.recordProbe(deployment.projectId, result, now());
        if (!before) // forgotten meanwhile, or the store failed
            return log::get("watch")->warn("probe of {} not kept: {}", deployment.service,
                                           before.error());
        if (result.memoryMb > 0 && m_services.recordMemory)
            m_services.recordMemory(deployment.projectId, result.memoryMb);
        const bool wasUnhealthy = before.value() == DeploymentHealthState::Unhealthy;
        if (!result.healthy && !wasUnhealthy)
            tell(deployment, QStringLiteral("down"), result);
        else if (result.healthy && wasUnhealthy &&
                 !(m_services.inIncident && m_services.inIncident(deployment.projectId)))
            tell(deployment, QStringLiteral("up"), result);
        if (certificateAlertDue(result.certificateExpiresAt, deployment.certificateAlertedAt,
                                now())) {
            tell(deployment, QStringLiteral("certificate"), result);
            if (auto marked = deployments.markCertificateAlert(deployment.projectId, now());
                !marked)
                log::get("watch")->warn("{}: {}", deployment.service, marked.error());
        }
        emit probed(deployment.projectId, result.healthy, result.detail);
    });
    QMetaObject::invokeMethod(this, &DeploymentWatch::probeNext, Qt::QueuedConnection);
}

bool DeploymentWatch::tornDown(const DeploymentRecord& deployment) const
{
    // `orchestratord teardown` removes a service's folder on this machine; a server's are
    // removed with the server's projects.
    if (!deployment.server.isEmpty() || !m_services.settingsFor)
        return false;
    auto settings = m_services.settingsFor(deployment.projectId);
    return settings && !settings->deployRoot.isEmpty() &&
           !QFileInfo::exists(QDir(settings->deployRoot).filePath(deployment.service));
}

bool DeploymentWatch::certificateAlertDue(qint64 expiresAt, qint64 alertedAt, qint64 nowMs)
{
    return expiresAt > 0 && expiresAt - nowMs < kCertificateWarningMs &&
           alertedAt < expiresAt - kCertificateWarningMs;
}

void DeploymentWatch::announce(const DeploymentRecord& deployment, const QString& change,
                               const QString& detail, qint64 incident, const QString& run)
{
    DeploymentProbeResult result;
    result.detail = detail;
    tell(deployment, change, result, incident, run);
}

void DeploymentWatch::tell(const DeploymentRecord& deployment, const QString& change,
                           const DeploymentProbeResult& result, qint64 incident,
                           const QString& repairRun)
{
    log::get("watch")->info("{}: {} {}", deployment.service, change, result.detail);
    auto run = m_store.run(deployment.runId);
    if (!run)
        return log::get("watch")->warn("{}: its run is gone: {}", deployment.service, run.error());
    RunEvent event;
    event.runId = run->id;
    event.stepNo = run->steps;
    event.agent = QStringLiteral("watcher");
    event.kind = EventKind::DeploymentHealth;
    event.payload = DeploymentHealth{deployment.service,
                                     deployment.url,
                                     change,
                                     result.detail,
                                     result.certificateExpiresAt,
                                     incident,
                                     deployment.projectId,
                                     repairRun}
                        .toJson();
    event.at = now();
    m_services.publish(event);
}

} // namespace orch
