// The servers.* calls: the registry of production servers, their first contact (the host key
// pinned), their check and base role, and trusting a new host key after a reinstall.
#include "core/Log.h"
#include "deploy/ServerAccess.h"
#include "deploy/ServerCheck.h"
#include "facade/Engine.h"
#include "facade/ServerPlacement.h"
#include "runtime/Runner.h"
#include "store/RunStore.h"
#include "store/ServerRegistry.h"
#include "vault/Vault.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace orch {
namespace {

Result<ServerInfo> infoOf(ServerRegistry& registry, const QString& name, QStringList changes = {})
{
    auto server = registry.get(name);
    if (!server)
        return server.failure();
    ServerInfo info{server.value(), 0, {}, std::move(changes)};
    auto free = registry.freeMb(name);
    auto placed = registry.placements(name);
    if (!free || !placed)
        return Error{free ? placed.error() : free.error()};
    info.freeMb = free.value();
    for (const Placement& placement : placed.value())
        info.projects << placement.projectId;
    return info;
}

} // namespace

DeploySettings Engine::serverSettings(std::shared_ptr<const ServerAccess> access) const
{
    DeploySettings local = m_options.tools.deploy.settings;
    // Without a local deploy root, what is prepared for servers lives beside the database.
    if (local.deployRoot.isEmpty())
        local.workRoot = QDir(QFileInfo(m_options.databasePath).absolutePath())
                             .filePath(QStringLiteral("deploy"));
    const QString name = access ? access->server().name : QString();
    DeploySettings aimed = local.forServer(std::move(access));
    // Its projects get their names in the zone that serves it (none: as this machine's).
    if (const dns::ZoneSettings* zone = m_options.domains.zoneFor(name))
        aimed.domainSuffix = zone->zone;
    return aimed;
}

void Engine::servers(const api::NoParams&, Reply<std::vector<ServerInfo>> done)
{
    ServerRegistry registry(m_store->database());
    auto all = registry.list();
    if (!all)
        return deliver(std::move(done), Result<std::vector<ServerInfo>>(all.failure()));
    std::vector<ServerInfo> infos;
    for (const ServerRecord& server : all.value()) {
        auto info = infoOf(registry, server.name);
        if (!info)
            return deliver(std::move(done), Result<std::vector<ServerInfo>>(info.failure()));
        infos.push_back(info.value());
    }
    deliver(std::move(done), Result<std::vector<ServerInfo>>(std::move(infos)));
}

void Engine::addServer(const api::ServerParams& params, Reply<ServerInfo> done)
{
    ServerRecord server;
    server.name = params.name;
    server.host = params.host;
    server.port = params.port;
    server.user = params.user;
    server.keyHandle = params.sshKeySecret;
    server.capacityMb = params.capacityMb;
    server.deployRoot = params.deployRoot;
    server.httpPort = params.httpPort;
    server.httpsPort = params.httpsPort;
    server.adminPort = params.caddyAdminPort;
    ServerRegistry registry(m_store->database());
    auto added = [&]() -> Result<ServerInfo> {
        if (auto valid = ServerRegistry::validate(server); !valid)
            return valid.failure();
        auto vault = this->vault();
        if (!vault)
            return vault.failure();
        auto scope = vault.value()->scopeOf(server.keyHandle);
        if (!scope || scope.value() != kServerScope)
            return Error{QStringLiteral("%1 is not in the vault as the orchestrator's own "
                                        "secret: store the server's private key first with "
                                        "`orchestratord secrets set %1 < KEYFILE`")
                             .arg(server.keyHandle),
                         ErrorCode::Invalid};
        if (auto stored = registry.add(server); !stored)
            return stored.failure();
        return infoOf(registry, server.name);
    }();
    deliver(std::move(done), std::move(added));
}

void Engine::removeServer(const api::ServerRef& params, Reply<void> done)
{
    deliver(std::move(done), ServerRegistry(m_store->database()).remove(params.name));
}

void Engine::checkServer(const api::ServerRef& params, Reply<ServerInfo> done)
{
    ServerRegistry registry(m_store->database());
    auto server = registry.get(params.name);
    if (!server)
        return deliver(std::move(done), Result<ServerInfo>(server.failure()));
    if (server->hostKeys.isEmpty()) {
        // First contact: the key it shows now is the one every later connection must see.
        scanHostKeys(this, server->host, server->port, [this, params, done](Result<QString> keys) {
            ServerRegistry registry(m_store->database());
            auto pinned = keys ? registry.pinHostKeys(params.name, keys.value())
                               : Result<void>(keys.failure());
            if (!pinned) {
                const QString reason = pinned.error();
                if (auto recorded = registry.recordCheck(params.name, ServerStatus::Unreachable,
                                                         reason, Json::object());
                    !recorded)
                    return done(recorded.failure());
                return done(Error{reason});
            }
            checkServer(params, done);
        });
        return;
    }
    auto access =
        ServerPlacement(m_store->database(), [this] { return vault(); }).access(server.value());
    if (!access)
        return deliver(std::move(done), Result<ServerInfo>(access.failure()));
    auto* check = new ServerCheck(serverSettings(access.value()), this);
    connect(check, &ServerCheck::finished, this,
            [this, check, name = params.name, done](const ServerReport& report) {
                check->deleteLater();
                ServerRegistry registry(m_store->database());
                if (auto recorded =
                        registry.recordCheck(name, report.status, report.reason, report.facts);
                    !recorded)
                    return done(recorded.failure());
                done(infoOf(registry, name, report.changes));
            });
    check->run(true);
}

void Engine::watchResources(int intervalMs, int recheckMs)
{
    if (!m_resourceWatch) {
        m_resourceWatch = new QTimer(this);
        connect(m_resourceWatch, &QTimer::timeout, this, [this, recheckMs] {
            ServerRegistry registry(m_store->database());
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (now - m_lastServerRecheck >= recheckMs) {
                m_lastServerRecheck = now;
                auto all = registry.list();
                for (const ServerRecord& server : all ? all.value() : std::vector<ServerRecord>())
                    if (server.status == ServerStatus::Unreachable)
                        recheckServer(server);
            }
            auto fingerprint = registry.fingerprint();
            if (!fingerprint || fingerprint.value() == m_serverFingerprint)
                return;
            m_serverFingerprint = fingerprint.value();
            auto waiting = m_store->runs({RunStatus::WaitingResources});
            if (waiting && !waiting->empty())
                (void)m_runner->resumeWaitingForResources();
        });
    }
    m_resourceWatch->start(intervalMs);
}

void Engine::recheckServer(const ServerRecord& server)
{
    auto access = ServerPlacement(m_store->database(), [this] { return vault(); }).access(server);
    if (!access)
        return;
    auto* check = new ServerCheck(serverSettings(access.value()), this);
    connect(check, &ServerCheck::finished, this,
            [this, check, name = server.name](const ServerReport& report) {
                check->deleteLater();
                if (auto recorded =
                        ServerRegistry(m_store->database())
                            .recordCheck(name, report.status, report.reason, report.facts);
                    !recorded)
                    log::get("deploy")->warn("server {}: check not recorded: {}", name,
                                             recorded.error());
            });
    check->run(false); // only read: the base role runs when a person asks for it
}

void Engine::trustServer(const api::ServerRef& params, Reply<ServerInfo> done)
{
    auto server = ServerRegistry(m_store->database()).get(params.name);
    if (!server)
        return deliver(std::move(done), Result<ServerInfo>(server.failure()));
    scanHostKeys(this, server->host, server->port, [this, params, done](Result<QString> keys) {
        if (!keys)
            return done(keys.failure());
        if (auto pinned =
                ServerRegistry(m_store->database()).pinHostKeys(params.name, keys.value());
            !pinned)
            return done(pinned.failure());
        checkServer(params, done);
    });
}

} // namespace orch
