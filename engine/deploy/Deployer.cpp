#include "deploy/Deployer.h"

#include "core/Log.h"
#include "deploy/AnsibleRunner.h"
#include "deploy/CaddyLog.h"
#include "deploy/PythonEnvironment.h"
#include "deploy/ServerAccess.h"
#include "deploy/ServiceHealth.h"
#include "deploy/ServiceHost.h"
#include "sandbox/Sandbox.h"
#include "workspace/GitRepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <memory>
#include <unistd.h>

namespace orch {
namespace {

// What the playbook writes into a release folder once the release is whole in it.
const QString kCompleteMark = QStringLiteral(".orchestrator-release");

// Connects `runner`'s next finished() to `then`, once.
void onceFinished(AnsibleRunner* runner, QObject* context, std::function<void(bool, QString)> then)
{
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(runner, &AnsibleRunner::finished, context,
                                   [connection, then](bool ok, const QString& output) {
                                       QObject::disconnect(*connection);
                                       then(ok, output);
                                   });
}

// Releases are exported, copied and started from several working directories: the root must
// not depend on the one this process started in.
DeploySettings withAbsoluteRoot(DeploySettings settings)
{
    if (!settings.deployRoot.isEmpty() && !settings.remote())
        settings.deployRoot = QFileInfo(settings.deployRoot).absoluteFilePath();
    return settings;
}

} // namespace

Deployer::Deployer(DeploySettings settings, QObject* parent)
    : QObject(parent), m_settings(withAbsoluteRoot(std::move(settings))),
      m_ansible(new AnsibleRunner(
          QDir(m_settings.workFolder()).filePath(QStringLiteral(".ansible")), this))
{
    if (m_settings.remote())
        m_ansible->setInventory(m_settings.server->inventory());
}

void Deployer::deploy(const DeployRequest& request)
{
    m_request = request;
    m_outcome = DeployOutcome();
    m_outcome.url = urlFor(request);
    m_releaseInPlace = false;
    m_phaseClock.start();
    if (m_settings.remote())
        m_outcome.server = m_settings.server->server().name;
    auto fail = [this](const QString& reason, FailureClass failure = FailureClass::Environment) {
        m_outcome.reason = reason;
        m_outcome.failure = failure;
        QMetaObject::invokeMethod(this, &Deployer::finish, Qt::QueuedConnection);
    };
    if (auto valid = m_settings.validate(); !valid)
        return fail(valid.error());
    static const QRegularExpression name(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    if (!name.match(request.name).hasMatch())
        return fail(QStringLiteral("service name '%1' must be lowercase letters, digits and '-'")
                        .arg(request.name));
    if (auto reachable = m_settings.remote() ? Result<void>()
                                             : serviceHost::reachableByServiceUsers(
                                                   m_settings.deployRoot, request.name);
        !reachable)
        return fail(reachable.error());
    if (!m_settings.remote() && serviceHost::localManager() == QLatin1String("daemon"))
        if (auto confinable = Sandbox(m_settings.sandbox).check(); !confinable)
            return fail(QStringLiteral("without systemd, services run in the sandbox: %1")
                            .arg(confinable.error()));
    auto repository = GitRepository::open(request.workspace, false);
    if (!repository)
        return fail(repository.error());
    auto sha = request.release.isEmpty() ? repository.value()->headSha()
                                         : Result<QString>(request.release);
    if (!sha)
        return fail(QStringLiteral("nothing committed to deploy"), FailureClass::Code);
    static const QRegularExpression fullSha(QStringLiteral("^[0-9a-f]{40}$"));
    if (!fullSha.match(sha.value()).hasMatch())
        return fail(QStringLiteral("a release is a commit's full sha: '%1'").arg(sha->left(60)));
    m_outcome.release = sha.value();
    m_staging = QDir(m_settings.workFolder())
                    .filePath(QStringLiteral(".staging/%1-%2").arg(request.name, sha.value()));
    QDir(m_staging).removeRecursively();
    QDir().mkpath(m_staging);
    if (auto exported = repository.value()->exportCommit(request.release, m_staging); !exported)
        return fail(exported.error());
    auto contract = ServiceContract::read(m_staging);
    if (!contract)
        return fail(contract.error(), FailureClass::Code);
    m_outcome.contract = contract.value();
    for (const QString& variable : std::as_const(m_outcome.contract.secrets))
        if (!request.env.count(variable))
            return fail(QStringLiteral("the %1 needs %2 (deploy.json `secrets`): ask the person "
                                       "for it with request_secret, or attach a stored one "
                                       "with attach_secret")
                            .arg(ServiceContract::kindName(m_outcome.contract.kind), variable),
                        FailureClass::Person);
    if (m_outcome.contract.listens() && request.port <= 0)
        return fail(QStringLiteral("the service has no port"));
    m_pipArguments.clear();
    m_pipKey.clear();
    readCurrent(request.name, [this, sha = sha.value()](auto current) {
        if (!current) {
            m_outcome.reason = current.error();
            return finish();
        }
        m_outcome.previous = current->first;
        m_previousContract = current->second;
        phaseDone(QStringLiteral("prepare"));
        if (m_settings.remote())
            return prepareRemote(sha);
        prepareLocal(sha);
    });
}

void Deployer::prepareLocal(const QString& sha)
{
    // A release is put in place whole, its environment included, and marked last: a marked
    // folder needs nothing more (a redeploy of the running release, a release deployed before).
    m_releaseInPlace =
        QFileInfo::exists(QDir(releaseFolder(m_request.name, sha)).filePath(kCompleteMark));
    if (m_releaseInPlace)
        return install(sha);
    auto* environment = new PythonEnvironment(m_settings.python, m_settings.sandbox, this);
    if (!m_outcome.previous.isEmpty())
        environment->setReuseFrom(releaseFolder(m_request.name, m_outcome.previous));
    connect(
        environment, &PythonEnvironment::finished, this,
        [this, environment, sha](const PythonInstall& result) {
            environment->deleteLater();
            m_outcome.dependenciesMs = result.installed ? result.ms : 0;
            m_outcome.dependenciesReused = result.reused;
            phaseDone(QStringLiteral("dependencies"));
            if (!result.ok) {
                m_outcome.reason =
                    QStringLiteral("installing the dependencies failed: %1").arg(result.message);
                m_outcome.failure = result.failure;
                return finish();
            }
            install(sha);
        });
    if (!m_outcome.contract.dependencies.isEmpty())
        emit progress(
            QStringLiteral("installing the dependencies of %1 (%2) from %3")
                .arg(m_request.name, m_outcome.contract.dependencies, m_settings.python.indexUrl));
    environment->prepare(m_staging, m_outcome.contract.dependencies);
}

void Deployer::install(const QString& sha)
{
    emit progress(
        QStringLiteral("deploying %1 release %2 with ansible").arg(m_request.name, sha.left(12)));
    onceFinished(m_ansible, this, [this](bool ok, const QString& output) {
        phaseDone(QStringLiteral("playbook"));
        if (!ok) {
            m_outcome.reason = QStringLiteral("ansible-playbook failed:\n%1").arg(output);
            return finish();
        }
        if (m_settings.remote())
            return fetchCaRoot([this](const QString& error) {
                phaseDone(QStringLiteral("certificate"));
                if (!error.isEmpty()) {
                    m_outcome.reason = error;
                    return finish();
                }
                checkDeployed();
            });
        checkDeployed();
    });
    m_ansible->run(
        QStringLiteral("deploy.yml"),
        playbookVars(m_request, sha, m_releaseInPlace ? QString() : m_staging, m_outcome.contract));
}

void Deployer::checkDeployed()
{
    emit progress(m_outcome.contract.listens()
                      ? QStringLiteral("checking %1health").arg(m_outcome.url)
                      : QStringLiteral("checking that the %1 runs")
                            .arg(ServiceContract::kindName(m_outcome.contract.kind)));
    checkHealth(m_outcome.release, m_outcome.contract, [this](bool healthy, const QString& why) {
        phaseDone(QStringLiteral("health"));
        if (healthy) {
            m_outcome.ok = true;
            m_outcome.running = m_outcome.release;
            return finish();
        }
        m_outcome.reason = why;
        m_outcome.botFault = m_lastBotFault;
        m_outcome.failure = ServiceHealth::failureClass(why, m_lastBotFault);
        // No certificate for a real domain: the ACME server's reason, and not the code's fault.
        if (const QString tls = certificateFailure(m_settings, domainFor(m_request), why);
            !tls.isEmpty()) {
            m_outcome.reason = tls;
            m_outcome.failure = FailureClass::Environment;
        }
        rollback();
    });
}

void Deployer::deployUnlessLive(const DeployRequest& request)
{
    auto repository = GitRepository::open(request.workspace, false);
    auto sha = repository ? repository.value()->headSha() : Result<QString>(repository.failure());
    if (!sha || !isServiceName(request.name))
        return deploy(request);
    m_request = request;
    readCurrent(request.name, [this, request, sha = sha.value()](auto current) {
        if (!current || current->first != sha)
            return deploy(request);
        m_outcome = DeployOutcome();
        m_outcome.url = urlFor(request);
        m_phaseClock.start();
        m_outcome.release = sha;
        m_outcome.contract = current->second;
        emit progress(QStringLiteral("release %1 of %2 is in place; checking whether it is live")
                          .arg(sha.left(12), request.name));
        checkHealth(sha, m_outcome.contract, [this, request](bool healthy, const QString& why) {
            phaseDone(QStringLiteral("health"));
            if (!healthy) {
                log::get("deploy")->info("{} is in place but not live ({}); deploying it",
                                         m_request.name, why);
                return deploy(request);
            }
            m_outcome.ok = true;
            m_outcome.alreadyLive = true;
            m_outcome.running = m_outcome.release;
            finish();
        });
    });
}

QString Deployer::currentRelease(const QString& name) const
{
    const QFileInfo current(
        QDir(m_settings.deployRoot).filePath(name + QStringLiteral("/current")));
    return current.isSymLink() ? QFileInfo(current.symLinkTarget()).fileName() : QString();
}

void Deployer::readCurrent(const QString& name, CurrentDone done)
{
    if (m_settings.remote())
        return readRemoteCurrent(name, std::move(done));
    const QString release = currentRelease(name);
    auto declared = release.isEmpty() ? Result<ServiceContract>(ServiceContract())
                                      : ServiceContract::read(releaseFolder(name, release));
    done(std::make_pair(release, declared ? declared.value() : ServiceContract()));
}

void Deployer::checkHealth(const QString& release, const ServiceContract& contract,
                           std::function<void(bool, QString)> done)
{
    HealthTarget target{m_request.name, m_outcome.url, release, contract, {}};
    if (auto token = m_request.env.find(QStringLiteral("BOT_TOKEN")); token != m_request.env.end())
        target.botToken = token->second;
    auto* health = new ServiceHealth(m_settings, this);
    health->check(
        target, [this, health, done](bool healthy, const QString& why, const QByteArray& evidence) {
            m_outcome.attempts += health->attempts();
            m_lastBotFault = health->botFault();
            health->deleteLater();
            if (healthy)
                m_outcome.healthBody = evidence;
            done(healthy, why);
        });
}

void Deployer::rollback()
{
    if (m_outcome.previous.isEmpty())
        return stopFailedRelease(); // nothing to go back to
    if (m_outcome.previous == m_outcome.release)
        return finish();
    emit progress(QStringLiteral("rolling back to %1").arg(m_outcome.previous.left(12)));
    m_outcome.rolledBack = true;
    // The previous release runs as it declared itself, with the environment it was given.
    const ServiceContract previous = m_previousContract;
    onceFinished(m_ansible, this, [this, previous](bool ok, const QString& output) {
        if (!ok) {
            m_outcome.reason += QStringLiteral("; the rollback failed too:\n%1").arg(output);
            return finish();
        }
        checkHealth(m_outcome.previous, previous, [this](bool healthy, const QString& why) {
            phaseDone(QStringLiteral("rollback"));
            if (healthy)
                m_outcome.running = m_outcome.previous;
            else
                m_outcome.reason +=
                    QStringLiteral("; the previous release is not healthy either: %1").arg(why);
            finish();
        });
    });
    m_ansible->run(QStringLiteral("deploy.yml"),
                   playbookVars(m_request, m_outcome.previous, QString(), previous));
}

void Deployer::stopFailedRelease()
{
    emit progress(QStringLiteral("stopping the failed release (there is none before it)"));
    onceFinished(m_ansible, this, [this](bool ok, const QString& output) {
        m_outcome.stopped = ok;
        m_outcome.reason += ok ? QStringLiteral("; it was the first release, so it was stopped "
                                                "(its log is kept: read_service_log)")
                               : QStringLiteral("; stopping it failed too:\n%1").arg(output);
        phaseDone(QStringLiteral("rollback"));
        finish();
    });
    Json vars = playbookVars(m_request, QString(), QString(), ServiceContract());
    vars["host_step"] = "stop";
    m_ansible->run(QStringLiteral("teardown.yml"), vars);
}

Deployer::~Deployer()
{
    delete m_ansible; // its process group dies before the files it may be reading go
    m_ansible = nullptr;
    if (!m_staging.isEmpty())
        QDir(m_staging).removeRecursively();
    if (!m_archive.isEmpty())
        QFile::remove(m_archive);
}

void Deployer::phaseDone(const QString& name)
{
    m_outcome.phases.push_back({name, m_phaseClock.restart()});
}

void Deployer::finish()
{
    if (!m_staging.isEmpty())
        QDir(m_staging).removeRecursively();
    m_staging.clear();
    if (!m_archive.isEmpty())
        QFile::remove(m_archive);
    m_archive.clear();
    if (!m_outcome.ok)
        log::get("deploy")->warn("deploy of {} failed: {}", m_request.name, m_outcome.reason);
    emit deployed(m_outcome);
}

bool Deployer::isServiceName(const QString& name)
{
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9](?:[a-z0-9-]{0,62})$"));
    return valid.match(name).hasMatch();
}

void Deployer::teardown(const QString& name)
{
    if (!isServiceName(name)) {
        // Never hand a path or an option to the playbook as a service name.
        QMetaObject::invokeMethod(
            this,
            [this, name] {
                emit tornDown(
                    false,
                    QStringLiteral("'%1' is not a service name (lower-case letters, digits and "
                                   "dashes)")
                        .arg(name.left(80)));
            },
            Qt::QueuedConnection);
        return;
    }
    DeployRequest request;
    request.name = name;
    request.port = 1;
    onceFinished(m_ansible, this,
                 [this](bool ok, const QString& output) { emit tornDown(ok, output); });
    m_ansible->run(QStringLiteral("teardown.yml"),
                   playbookVars(request, QString(), QString(), ServiceContract()));
}

} // namespace orch
