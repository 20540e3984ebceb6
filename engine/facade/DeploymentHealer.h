#pragma once
// Keeps what was built alive without a person: a deployment whose probes fail N times in a row
// gets an incident, and in order a restart of its service (its release installed and started
// again); then, when the failure came with a new release that never passed a probe, a rollback
// to the release before; then, as the project's repair policy says, a repair run (a change run
// from the Developer given the evidence) started by itself (`auto`) or once the person approves
// it (`ask`), paid from the month's repair budget. When nothing more may be done the incident
// is given up and the chat is told a person is needed. A passing probe resolves it. Each step
// is kept in the incident's timeline (store), so a restarted `serve` goes on where it was and
// never starts a second repair for the same incident.

#include "api/DeploymentRecords.h"
#include "api/EngineTypes.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <functional>

namespace orch {

class Repairs;
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
        // Starts a repair run for the incident, given its evidence; answers the run's id.
        std::function<void(const QString& projectId, const Incident& incident, Reply<QString> done)>
            startRepair;
        // Tells the project's chat and the desktop (a deployment_health event).
        // `run`: the repair run a "repairing" step started.
        std::function<void(const DeploymentRecord& deployment, const QString& change,
                           const QString& detail, qint64 incident, const QString& run)>
            tell;
    };

    // `failuresBeforeAction`: failed probes in a row before anything is done (0: never).
    DeploymentHealer(RunStore& store, Repairs& repairs, int failuresBeforeAction, Services services,
                     QObject* parent);

    void onProbe(const QString& projectId, bool healthy, const QString& detail);
    // The person asks for a repair run of the project's incident (the approval `ask` waits
    // for, or a request after it was given up).
    void repair(const QString& projectId, Reply<QString> done);
    // Whether the project has an incident not resolved yet.
    bool inIncident(const QString& projectId);

private:
    void escalate(const DeploymentRecord& deployment, const Incident& incident,
                  const QString& detail);
    void act(const DeploymentRecord& deployment, qint64 incident, bool back);
    // The repair stage: asks, repairs or gives up as the policy and the budget say.
    void offerRepair(const DeploymentRecord& deployment, const Incident& incident,
                     const QString& detail);
    void startRepair(const DeploymentRecord& deployment, const Incident& incident,
                     Reply<QString> done);
    // What became of the incident's repair run: "" while it works.
    QString repairOutcome(qint64 incident);
    void giveUp(const DeploymentRecord& deployment, qint64 incident, const QString& detail);
    void note(const DeploymentRecord& deployment, qint64 incident, const QString& action,
              const QString& detail);

    RunStore& m_store;
    Repairs& m_repairs;
    int m_failuresBeforeAction;
    Services m_services;
    QHash<QString, int> m_failures; // failed probes in a row, per project
    QSet<QString> m_acting;         // a restart, rollback or repair start in flight
    QSet<qint64> m_repairEnded;     // incidents whose repair run was seen ended
};

} // namespace orch
