#pragma once
// The deploy pipeline, deterministic from start to end: export the committed release, run
// the playbook (release folder, env file, current link, service, Caddy site), prove the
// service works over HTTPS (status and version in the body), and roll back to the previous
// release when it does not.

#include "core/FailureClass.h"
#include "core/Json.h"
#include "core/Result.h"
#include "deploy/BotConversation.h"
#include "deploy/DeploySettings.h"
#include "deploy/ServiceContract.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <functional>
#include <map>
#include <vector>

namespace orch {

class AnsibleRunner;

struct DeployRequest
{
    QString name;                      // service name: [a-z0-9-]+
    QString workspace;                 // a git repository; its HEAD is deployed
    int port = 0;                      // the service's own port on 127.0.0.1
    std::map<QString, QByteArray> env; // extra environment (secret values from the vault)
    QString release;                   // a commit of it to deploy instead of HEAD (a rollback)
    QString domain; // where it is reached: a person's own domain; empty: <name>.<suffix>
};

// Where a deploy's time went: one entry per phase, in the order they ran.
struct DeployPhase
{
    QString name; // prepare, dependencies, pack, playbook, certificate, health, rollback
    qint64 ms = 0;
};

struct DeployOutcome
{
    bool ok = false;
    QString url;
    QString release;  // the sha deployed
    QString previous; // the release that ran before, if any
    QString running;  // the release running now
    bool rolledBack = false;
    bool stopped = false; // a first release that failed: stopped, its files and log kept
    BotFault botFault = BotFault::None; // a bot's failure for a person (see BotConversation)
    bool alreadyLive = false; // the release was running and healthy: nothing was installed
    int attempts = 0;         // health probes made
    QString reason;           // why it failed
    // Whose move the failure calls for: the machinery's failures are the environment's unless
    // the release itself is at fault (its deploy.json, dependencies, start-up or answers).
    FailureClass failure = FailureClass::Environment;
    QByteArray healthBody;
    ServiceContract contract;        // what the release declared (deploy.json)
    qint64 dependenciesMs = 0;       // installing the release's Python environment (0: none)
    bool dependenciesReused = false; // the environment was lent by the release before
    QString server;                  // the production server it went to ("": this machine)
    bool serverUnreachable = false;  // the server did not answer over SSH
    bool hostKeyChanged = false;     // the server showed another host key than the pinned one
    std::vector<DeployPhase> phases;
};

class Deployer : public QObject
{
    Q_OBJECT
public:
    Deployer(DeploySettings settings, QObject* parent);
    // Dropped mid-deploy (its run was cancelled): the playbook's processes are stopped first,
    // then the staged release and the packed archive it made are removed.
    ~Deployer() override;

    void deploy(const DeployRequest& request);
    // After a deploy interrupted by a crash: when the release of HEAD is in place and answers
    // its health check, that is the outcome; otherwise it is deployed.
    void deployUnlessLive(const DeployRequest& request);
    void teardown(const QString& name);
    // Lower-case letters, digits and dashes: what deploys name their services.
    static bool isServiceName(const QString& name);
    QString urlFor(const DeployRequest& request) const;
    // The request's own domain, or `<name>.<suffix>`.
    QString domainFor(const DeployRequest& request) const;

signals:
    void progress(const QString& message);
    void deployed(const orch::DeployOutcome& outcome);
    void tornDown(bool ok, const QString& message);

private:
    // `staging`: the release's files to install (empty: the release is in place already).
    Json playbookVars(const DeployRequest& request, const QString& release, const QString& staging,
                      const ServiceContract& contract) const;
    QString releaseFolder(const QString& name, const QString& release) const;
    // The release the service's `current` link points at ("" when none), on this machine.
    QString currentRelease(const QString& name) const;
    // What runs now: `done(release, its contract)`, or an error (a server that cannot be
    // reached, a changed host key). On this machine it answers at once.
    using CurrentDone = std::function<void(Result<std::pair<QString, ServiceContract>>)>;
    void readCurrent(const QString& name, CurrentDone done);
    // The remote parts of a deploy (DeployerRemote.cpp): the release as one archive, and
    // Caddy's local CA certificate fetched for the health checks.
    void readRemoteCurrent(const QString& name, CurrentDone done);
    void prepareRemote(const QString& sha);
    void prepareLocal(const QString& sha); // the release's Python environment, in staging
    void fetchCaRoot(std::function<void(QString error)> done);
    void install(const QString& sha);
    void checkDeployed(); // after the playbook: healthy, or rolled back
    void checkHealth(const QString& release, const ServiceContract& contract,
                     std::function<void(bool, QString)> done);
    void rollback();
    void stopFailedRelease(); // nothing to go back to: the failed release does not stay up
    void finish();
    // Closes the phase that ran since the last one closed.
    void phaseDone(const QString& name);

    DeploySettings m_settings;
    AnsibleRunner* m_ansible;
    DeployRequest m_request;
    DeployOutcome m_outcome;
    QString m_staging;
    QString m_archive;             // servers: the release packed for the copy
    QStringList m_pipArguments;    // servers: what pip installs there (empty: nothing)
    QString m_pipKey;              // servers: what that environment is made of
    bool m_releaseInPlace = false; // this machine: the release's folder is complete already
    ServiceContract m_previousContract;
    BotFault m_lastBotFault = BotFault::None;
    QElapsedTimer m_phaseClock;
};

} // namespace orch

Q_DECLARE_METATYPE(orch::DeployOutcome)
