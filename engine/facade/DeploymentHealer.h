#pragma once
// Keeps what was built alive without a person: a deployment whose probes fail N times in a row
// gets an incident, and in order a restart of its service (its release installed and started
// again), then, when the failure came with a new release that never passed a probe, a rollback
// to the release before; when that does not bring it back either, the incident is given up
// and the chat is told a person is needed. A passing probe resolves it. Each step is kept in
// the incident's timeline (store), so a restarted `serve` goes on where it was.

#include "api/DeploymentRecords.h"
#include "api/EngineTypes.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <functional>

namespace orch {

class RunStore;
struct Incident;

class DeploymentHealer : public QObject
{
    Q_OBJECT
public:
    struct Services
    {
        // Redeploys the running release, or rolls back to the one before (`back`).
        std::function<void(const QString& projectId, bool back, Reply<DeploymentRecord> done)>
            deployAgain;
        // Tells the project's chat and the desktop (a deployment_health event).
        std::function<void(const DeploymentRecord& deployment, const QString& change,
                           const QString& detail)>
            tell;
    };

    // `failuresBeforeAction`: failed probes in a row before anything is done (0: never).
    DeploymentHealer(RunStore& store, int failuresBeforeAction, Services services, QObject* parent);

    void onProbe(const QString& projectId, bool healthy, const QString& detail);

private:
    void escalate(const DeploymentRecord& deployment, const Incident& incident,
                  const QString& detail);
    void act(const DeploymentRecord& deployment, qint64 incident, bool back);
    void giveUp(const DeploymentRecord& deployment, qint64 incident, const QString& detail);

    RunStore& m_store;
    int m_failuresBeforeAction;
    Services m_services;
    QHash<QString, int> m_failures; // failed probes in a row, per project
    QSet<QString> m_acting;         // a restart or rollback in flight
};

} // namespace orch
