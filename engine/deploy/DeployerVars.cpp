// What the playbook is told about a release: where it goes (its folder, its domain and URL),
// how it starts, as whom, with which environment, behind which Caddy site.
#include "deploy/Deployer.h"
#include "deploy/ServerAccess.h"
#include "deploy/ServiceHost.h"
#include "sandbox/Sandbox.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

namespace orch {
namespace {

// Caddy's ACME settings for real domains: the directory, the contact, and the PEM of the root
// the ACME server's own API chains to (written beside Caddy's config, here or on the server).
Json acmeVars(const DeploySettings& settings)
{
    if (settings.internalTls() || settings.acmeDirectory.isEmpty())
        return Json::object();
    QFile root(settings.acmeServerRoot);
    const QByteArray pem = !settings.acmeServerRoot.isEmpty() && root.open(QIODevice::ReadOnly)
                               ? root.read(64 * 1024)
                               : QByteArray();
    return {{"directory", toStd(settings.acmeDirectory)},
            {"email", toStd(settings.acmeEmail)},
            {"server_root", pem.toStdString()}};
}

} // namespace

using serviceHost::localManager;
using serviceHost::userFor;

namespace {

// What Telegram allows in a webhook's secret_token: 1-256 of A-Z, a-z, 0-9, _ and -.
QString randomSecret()
{
    static const char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    QString secret;
    for (int i = 0; i < 48; ++i)
        secret += QLatin1Char(kAlphabet[QRandomGenerator::system()->bounded(64)]);
    return secret;
}

} // namespace

QString Deployer::domainFor(const DeployRequest& request) const
{
    return request.domain.isEmpty() ? request.name + QLatin1Char('.') + m_settings.domainSuffix
                                    : request.domain;
}

QString Deployer::urlFor(const DeployRequest& request) const
{
    return QStringLiteral("https://%1:%2/").arg(domainFor(request)).arg(m_settings.httpsPort);
}

QString Deployer::releaseFolder(const QString& name, const QString& release) const
{
    return QDir(m_settings.deployRoot).filePath(name + QStringLiteral("/releases/") + release);
}

Json Deployer::playbookVars(const DeployRequest& request, const QString& release,
                            const QString& staging, const ServiceContract& contract) const
{
    Json env = {{"APP_VERSION", toStd(release)}};
    if (contract.listens())
        env["PORT"] = std::to_string(request.port);
    // A bot reaches the Bot API through its host's relay (its TELEGRAM_API, set by the
    // playbook from the port the relay listens on).
    Json relay = Json::object();
    if (contract.kind == ServiceContract::Kind::TelegramBot)
        relay = {
            {"dir", toStd(m_settings.botRelayFolder())},
            {"upstream", toStd(m_settings.telegramApiBase)},
            // A webhook bot's check is posted to it through this host's Caddy.
            {"ca_file",
             toStd(m_settings.internalTls()
                       ? QDir(m_settings.caddyFolder())
                             .filePath(QStringLiteral("storage/pki/authorities/local/root.crt"))
                       : QString())}};
    if (contract.webhook) {
        // Telegram posts to it with this secret in X-Telegram-Bot-Api-Secret-Token; the bot
        // sets both with setWebhook when it starts. A new one each deploy.
        env["WEBHOOK_URL"] = toStd(urlFor(request) + QStringLiteral("telegram"));
        env["WEBHOOK_SECRET"] = toStd(randomSecret());
    }
    const QString appDir = QDir(m_settings.deployRoot).filePath(request.name);
    // Where the service keeps what outlives a release (the templates say DATA_DIR).
    env["DATA_DIR"] = toStd(appDir + QStringLiteral("/data"));
    const QString installed = releaseFolder(request.name, release);
    Json confinement = Json::array();
    // A server decides itself whether it has systemd; without it the confinement applies.
    if ((m_settings.remote() || localManager() == QLatin1String("daemon")) && !release.isEmpty()) {
        // Checked when the deploy began; a failure here leaves the list empty.
        auto confine =
            Sandbox(m_settings.sandbox).serviceCommand(installed, appDir + QStringLiteral("/data"));
        for (const QString& part : confine.ok() ? confine.value() : QStringList())
            confinement.push_back(toStd(part));
    }
    // The playbook starts the release's own environment when it has one, this Python else.
    Json arguments = Json::array();
    for (const QString& part : contract.arguments)
        arguments.push_back(toStd(part));
    Json pip = Json::array();
    for (const QString& part : m_pipArguments)
        pip.push_back(toStd(part));
    for (const auto& [key, value] : request.env)
        env[toStd(key)] = value.toStdString();
    return {
        {"deploy_root", toStd(m_settings.deployRoot)},
        {"release", toStd(release)},
        {"staging_dir", toStd(m_settings.remote() ? QString() : staging)},
        {"release_archive",
         toStd(m_settings.remote() && !staging.isEmpty() ? m_archive : QString())},
        {"pip_install", staging.isEmpty() ? Json::array() : pip},
        {"pip_key", toStd(m_pipKey)},
        // Lends its Python environment when made of the same (not to itself: a rollback).
        {"previous_release", toStd(m_outcome.previous == release ? QString() : m_outcome.previous)},
        {"service",
         {{"name", toStd(request.name)},
          {"domain", toStd(domainFor(request))},
          {"port", request.port},
          {"listens", contract.listens()},
          {"python", toStd(m_settings.python.python)},
          {"arguments", arguments},
          {"routes", Json::array({"/"})},
          {"user", toStd(userFor(request.name, m_settings.remote()))},
          {"confine", confinement},
          // For the service's whole tree: a cgroup of its own, or systemd's unit settings.
          {"limits",
           {{"processes", m_settings.sandbox.processes},
            {"memory_mb", 2 * contract.memoryMb},
            {"cpu_percent", m_settings.sandbox.cpuPercent}}}}},
        {"env", std::move(env)},
        {"caddy",
         {{"dir", toStd(m_settings.caddyFolder())},
          {"http_port", m_settings.httpPort},
          {"https_port", m_settings.httpsPort},
          {"admin_socket", toStd(m_settings.caddyAdminSocket())},
          {"tls", m_settings.internalTls() ? "tls internal" : ""},
          {"acme", acmeVars(m_settings)},
          // A server's Caddy answers the world; this machine's only itself.
          {"bind", m_settings.remote() ? "" : "127.0.0.1"}}},
        {"bot_relay", std::move(relay)},
        {"service_manager", m_settings.remote() ? "auto" : toStd(localManager())}};
}

} // namespace orch
