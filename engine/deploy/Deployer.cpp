#include "deploy/Deployer.h"

#include "core/Log.h"
#include "deploy/AnsibleRunner.h"
#include "deploy/HttpProbe.h"
#include "sandbox/Sandbox.h"
#include "workspace/GitRepository.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>
#include <memory>
#include <unistd.h>

namespace orch {
namespace {

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

QString serviceManager()
{
    return QFileInfo::exists(QStringLiteral("/run/systemd/system")) ? QStringLiteral("systemd")
                                                                    : QStringLiteral("daemon");
}

// The system user a service runs as when the orchestrator is root: its own, named with the
// prefix no system account uses, within useradd's 32 characters. Empty otherwise (the
// orchestrator's user, which cannot create others).
QString serviceUser(const QString& name)
{
    if (geteuid() != 0)
        return {};
    const QString user = QStringLiteral("orch-") + name;
    if (user.size() <= 32)
        return user;
    const QByteArray digest = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1);
    return QStringLiteral("orch-%1-%2")
        .arg(name.left(18), QString::fromLatin1(digest.toHex().left(8)));
}

// A service's own user must be able to reach its release: every folder above the deploy root
// needs to let others through (a private home or temporary folder does not).
Result<void> reachableByServiceUsers(const QString& deployRoot, const QString& name)
{
    if (serviceUser(name).isEmpty())
        return {};
    for (QDir dir(QFileInfo(deployRoot).absoluteFilePath());; dir.cdUp()) {
        const QFileInfo info(dir.absolutePath());
        if (info.exists() && !(info.permissions() & QFileDevice::ExeOther))
            return Error{QStringLiteral("services run as their own users, who cannot reach the "
                                        "deploy root through %1: let others pass it "
                                        "(chmod o+x %1) or choose another deploy root")
                             .arg(info.absoluteFilePath())};
        if (dir.isRoot())
            return {};
    }
}

} // namespace

Deployer::Deployer(DeploySettings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)),
      m_ansible(
          new AnsibleRunner(QDir(m_settings.deployRoot).filePath(QStringLiteral(".ansible")), this))
{
}

QString Deployer::urlFor(const QString& name) const
{
    return QStringLiteral("https://%1.%2:%3/")
        .arg(name, m_settings.domainSuffix)
        .arg(m_settings.httpsPort);
}

Json Deployer::playbookVars(const DeployRequest& request, const QString& release,
                            const QString& staging) const
{
    Json env = {{"PORT", std::to_string(request.port)}, {"APP_VERSION", toStd(release)}};
    const QString appDir = QDir(m_settings.deployRoot).filePath(request.name);
    Json confinement = Json::array();
    if (serviceManager() == QLatin1String("daemon") && !release.isEmpty()) {
        // Checked when the deploy began; a failure here leaves the list empty.
        auto confine = Sandbox(m_settings.sandbox)
                           .serviceCommand(appDir + QStringLiteral("/releases/") + release,
                                           appDir + QStringLiteral("/data"));
        for (const QString& part : confine.ok() ? confine.value() : QStringList())
            confinement.push_back(toStd(part));
    }
    for (const auto& [key, value] : request.env)
        env[toStd(key)] = value.toStdString();
    return {{"deploy_root", toStd(m_settings.deployRoot)},
            {"release", toStd(release)},
            {"staging_dir", toStd(staging)},
            {"service",
             {{"name", toStd(request.name)},
              {"domain", toStd(request.name + QLatin1Char('.') + m_settings.domainSuffix)},
              {"port", request.port},
              {"routes", Json::array({"/"})},
              {"user", toStd(serviceUser(request.name))},
              {"confine", confinement}}},
            {"env", std::move(env)},
            {"caddy",
             {{"dir", toStd(m_settings.caddyFolder())},
              {"http_port", m_settings.httpPort},
              {"https_port", m_settings.httpsPort},
              {"admin_port", m_settings.caddyAdminPort},
              {"tls", m_settings.internalTls() ? "tls internal" : ""}}},
            {"service_manager", toStd(serviceManager())}};
}

void Deployer::deploy(const DeployRequest& request)
{
    m_request = request;
    m_outcome = DeployOutcome();
    m_outcome.url = urlFor(request.name);
    auto fail = [this](const QString& reason) {
        m_outcome.reason = reason;
        QMetaObject::invokeMethod(this, &Deployer::finish, Qt::QueuedConnection);
    };
    if (auto valid = m_settings.validate(); !valid)
        return fail(valid.error());
    static const QRegularExpression name(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    if (!name.match(request.name).hasMatch())
        return fail(QStringLiteral("service name '%1' must be lowercase letters, digits and '-'")
                        .arg(request.name));
    if (request.port <= 0)
        return fail(QStringLiteral("the service has no port"));
    if (auto reachable = reachableByServiceUsers(m_settings.deployRoot, request.name); !reachable)
        return fail(reachable.error());
    if (serviceManager() == QLatin1String("daemon"))
        if (auto confinable = Sandbox(m_settings.sandbox).check(); !confinable)
            return fail(QStringLiteral("without systemd, services run in the sandbox: %1")
                            .arg(confinable.error()));
    auto repository = GitRepository::open(request.workspace, false);
    if (!repository)
        return fail(repository.error());
    auto sha = repository.value()->headSha();
    if (!sha)
        return fail(QStringLiteral("nothing committed to deploy"));
    m_outcome.release = sha.value();
    m_staging = QDir(m_settings.deployRoot)
                    .filePath(QStringLiteral(".staging/%1-%2").arg(request.name, sha.value()));
    QDir(m_staging).removeRecursively();
    QDir().mkpath(m_staging);
    if (auto exported = repository.value()->exportHead(m_staging); !exported)
        return fail(exported.error());
    m_outcome.previous = currentRelease(request.name);

    emit progress(
        QStringLiteral("deploying %1 release %2 with ansible").arg(request.name, sha->left(12)));
    onceFinished(m_ansible, this, [this](bool ok, const QString& output) {
        if (!ok) {
            m_outcome.reason = QStringLiteral("ansible-playbook failed:\n%1").arg(output);
            return finish();
        }
        emit progress(QStringLiteral("checking %1health").arg(m_outcome.url));
        checkHealth(m_outcome.release, [this](bool healthy, const QString& why) {
            if (healthy) {
                m_outcome.ok = true;
                m_outcome.running = m_outcome.release;
                return finish();
            }
            m_outcome.reason = why;
            rollback();
        });
    });
    m_ansible->run(QStringLiteral("deploy.yml"), playbookVars(request, sha.value(), m_staging));
}

void Deployer::deployUnlessLive(const DeployRequest& request)
{
    auto repository = GitRepository::open(request.workspace, false);
    auto sha = repository ? repository.value()->headSha() : Result<QString>(repository.failure());
    if (!sha || !isServiceName(request.name) || currentRelease(request.name) != sha.value())
        return deploy(request);
    m_request = request;
    m_outcome = DeployOutcome();
    m_outcome.url = urlFor(request.name);
    m_outcome.release = sha.value();
    emit progress(QStringLiteral("release %1 of %2 is in place; checking whether it is live")
                      .arg(sha->left(12), request.name));
    checkHealth(sha.value(), [this, request](bool healthy, const QString& why) {
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
}

QString Deployer::currentRelease(const QString& name) const
{
    const QFileInfo current(
        QDir(m_settings.deployRoot).filePath(name + QStringLiteral("/current")));
    return current.isSymLink() ? QFileInfo(current.symLinkTarget()).fileName() : QString();
}

void Deployer::checkHealth(const QString& release, std::function<void(bool, QString)> done)
{
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto attempt = std::make_shared<std::function<void()>>();
    *attempt = [this, release, done, clock, attempt] {
        ProbeRequest request;
        request.url = QUrl(m_outcome.url + m_request.healthPath.mid(1));
        request.connectAddress = QStringLiteral("127.0.0.1");
        request.caCertificates = QSslCertificate::fromPath(m_settings.caRootFile());
        request.timeoutMs = 3000;
        auto* probe = new HttpProbe(request, this);
        ++m_outcome.attempts;
        connect(probe, &HttpProbe::finished, this,
                [this, probe, release, done, clock, attempt](const ProbeResult& r) {
                    probe->deleteLater();
                    const Json body = parseJson(r.body);
                    QString why;
                    if (!r.ok)
                        why = r.error;
                    else if (r.status != 200)
                        why = QStringLiteral("HTTP %1").arg(r.status);
                    else if (!body.is_object() || stringOr(body, "status") != "ok")
                        why = QStringLiteral("unexpected body %1")
                                  .arg(QString::fromUtf8(r.body.left(200)));
                    else if (stringOr(body, "version") != release.toStdString())
                        why = QStringLiteral("version %1 answers, %2 expected")
                                  .arg(toQ(stringOr(body, "version")), release.left(12));
                    if (why.isEmpty()) {
                        m_outcome.healthBody = r.body;
                        return done(true, {});
                    }
                    if (clock->elapsed() + 500 > m_settings.healthTimeoutMs) {
                        return done(false,
                                    QStringLiteral("health check failed after %1 attempts: %2")
                                        .arg(m_outcome.attempts)
                                        .arg(why));
                    }
                    QTimer::singleShot(500, this, *attempt);
                });
        probe->start();
    };
    (*attempt)();
}

void Deployer::rollback()
{
    if (m_outcome.previous.isEmpty() || m_outcome.previous == m_outcome.release)
        return finish(); // nothing to go back to
    emit progress(QStringLiteral("rolling back to %1").arg(m_outcome.previous.left(12)));
    m_outcome.rolledBack = true;
    onceFinished(m_ansible, this, [this](bool ok, const QString& output) {
        if (!ok) {
            m_outcome.reason += QStringLiteral("; the rollback failed too:\n%1").arg(output);
            return finish();
        }
        checkHealth(m_outcome.previous, [this](bool healthy, const QString& why) {
            if (healthy)
                m_outcome.running = m_outcome.previous;
            else
                m_outcome.reason +=
                    QStringLiteral("; the previous release is not healthy either: %1").arg(why);
            finish();
        });
    });
    m_ansible->run(QStringLiteral("deploy.yml"),
                   playbookVars(m_request, m_outcome.previous, QString()));
}

void Deployer::finish()
{
    if (!m_staging.isEmpty())
        QDir(m_staging).removeRecursively();
    m_staging.clear();
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
    m_ansible->run(QStringLiteral("teardown.yml"), playbookVars(request, QString(), QString()));
}

} // namespace orch
