#pragma once
// The watcher of live deployments. Every interval it probes each one where it lives, the way
// its deploy did (an HTTP service's health and version through Caddy, a bot's getMe and a
// round trip, a worker's process), reads the certificate a real domain serves and the memory
// the service uses, and stores the probe. A change worth telling — down, back up, a
// certificate under 14 days — becomes a `deployment_health` event on the run that deployed
// it, which the project's chat and the desktop receive like any other.

#include "api/DeploymentRecords.h"
#include "api/Records.h"
#include "core/Result.h"
#include "deploy/DeploySettings.h"

#include <QObject>
#include <QSet>
#include <deque>
#include <functional>

class QTimer;

namespace orch {

class RunStore;

class DeploymentWatch : public QObject
{
    Q_OBJECT
public:
    struct Services
    {
        // Where the project's service is reached: its server's settings, or this machine's.
        std::function<Result<DeploySettings>(const QString& projectId)> settingsFor;
        std::function<Result<QByteArray>(const QString& handle, const QString& projectId)>
            revealSecret;
        // Stores the event and sends it to the subscribers.
        std::function<void(const RunEvent& event)> publish;
        // What the service was seen using, for placement.
        std::function<void(const QString& projectId, int memoryMb)> recordMemory;
        // Whether an incident about the project is going: its end is told by the healer, so
        // the chat hears "answers again" once, not also "back up".
        std::function<bool(const QString& projectId)> inIncident;
    };

    DeploymentWatch(RunStore& store, Services services, QObject* parent);

    // Probes now, then every interval.
    void start(int intervalMs);
    void stop();
    // One round now: every deployment not being probed, deployed or worked on by a run.
    void probeAll();
    // A redeploy or rollback in flight: the watcher leaves the project alone meanwhile.
    void hold(const QString& projectId) { m_held.insert(projectId); }
    void release(const QString& projectId) { m_held.remove(projectId); }

    static constexpr qint64 kCertificateWarningMs = 14LL * 24 * 60 * 60 * 1000;
    // Whether a certificate ending at `expiresAt` is worth telling now: it ends within 14 days
    // and this certificate was not told yet (a renewed one moves its end, and is told again
    // when it nears it). 0: not read.
    static bool certificateAlertDue(qint64 expiresAt, qint64 alertedAt, qint64 nowMs);

    // Tells the project's chat and the desktop of a change the watcher did not see itself (an
    // incident's steps), as a deployment_health event on the run that deployed it.
    void announce(const DeploymentRecord& deployment, const QString& change, const QString& detail,
                  qint64 incident, const QString& run = {});

signals:
    void probed(const QString& projectId, bool healthy, const QString& detail);

private:
    void probeNext();
    void probe(const DeploymentRecord& deployment);
    void checkCertificate(const DeploymentRecord& deployment, const DeploySettings& settings,
                          DeploymentProbeResult result);
    void measure(const DeploymentRecord& deployment, const DeploySettings& settings,
                 DeploymentProbeResult result);
    void finish(const DeploymentRecord& deployment, DeploymentProbeResult result);
    void tell(const DeploymentRecord& deployment, const QString& change,
              const DeploymentProbeResult& result, qint64 incident = 0,
              const QString& repairRun = {});
    // Whether the service was removed from this machine (teardown): it is forgotten, not
    // reported down.
    bool tornDown(const DeploymentRecord& deployment) const;

    RunStore& m_store;
    Services m_services;
    QTimer* m_timer;
    std::deque<DeploymentRecord> m_queue;
    QSet<QString> m_inFlight;
    QSet<QString> m_held;
};

} // namespace orch
