// The deployments.* calls and the watcher: what runs where and how it was last found,
// redeploy and rollback (deterministic, no model involved), and the probes serve makes.
#include "core/Log.h"
#include "deploy/Deployer.h"
#include "facade/DeploymentHealer.h"
#include "facade/DeploymentWatch.h"
#include "facade/DomainKeeper.h"
#include "facade/Engine.h"
#include "graph/ProjectState.h"
#include "store/Deployments.h"
#include "store/RunStore.h"
#include "store/ServerRegistry.h"
#include "vault/Vault.h"

#include <QDateTime>

namespace orch {

Result<DeploySettings> Engine::settingsOf(const QString& projectId)
{
    const DeployServices& services = m_options.tools.deploy;
    if (!services.placedSettings)
        return services.settings;
    auto placed = services.placedSettings(projectId);
    if (!placed)
        return placed.failure();
    return placed->has_value() ? placed->value() : services.settings;
}

void Engine::watchDeployments(int intervalMs)
{
    if (intervalMs <= 0) {
        if (m_deploymentWatch)
            m_deploymentWatch->stop();
        return;
    }
    ensureWatch();
    m_deploymentWatch->start(intervalMs);
}

void Engine::deployments(const api::NoParams&, Reply<std::vector<DeploymentRecord>> done)
{
    auto list = Deployments(m_store->database()).list(QDateTime::currentMSecsSinceEpoch());
    if (list)
        for (DeploymentRecord& deployment : list.value())
            if (auto project = m_store->project(deployment.projectId))
                deployment.projectName = project->name;
    deliver(std::move(done), std::move(list));
}

void Engine::redeploy(const api::ProjectRef& params, Reply<DeploymentRecord> done)
{
    deployAgain(params.project, false, std::move(done));
}

void Engine::rollback(const api::ProjectRef& params, Reply<DeploymentRecord> done)
{
    deployAgain(params.project, true, std::move(done));
}

Result<std::pair<ProjectRecord, DeploymentRecord>> Engine::idleDeployment(const QString& wanted,
                                                                          qint64 nowMs)
{
    auto project = findProject(wanted);
    if (!project)
        return project.failure();
    auto deployment = Deployments(m_store->database()).get(project->id, nowMs);
    if (!deployment)
        return deployment.failure();
    if (!deployment->has_value())
        return Error{QStringLiteral("%1 has nothing deployed").arg(project->name),
                     ErrorCode::NotFound};
    if (m_redeploying.contains(project->id))
        return Error{QStringLiteral("%1 is being deployed already").arg(project->name),
                     ErrorCode::Conflict};
    auto working = m_store->runs({RunStatus::Running});
    if (!working)
        return working.failure();
    for (const RunRecord& run : working.value())
        if (run.projectId == project->id)
            return Error{QStringLiteral("run %1 of %2 is working; wait for it or cancel it")
                             .arg(run.id.left(8), project->name),
                         ErrorCode::Conflict};
    return std::pair{project.value(), deployment->value()};
}

void Engine::holdDeployment(const QString& projectId)
{
    m_redeploying.insert(projectId);
    if (m_deploymentWatch)
        m_deploymentWatch->hold(projectId);
}

void Engine::releaseDeployment(const QString& projectId)
{
    m_redeploying.remove(projectId);
    if (m_deploymentWatch)
        m_deploymentWatch->release(projectId);
}

void Engine::teardown(const api::ProjectRef& params, Reply<void> done)
{
    auto idle = idleDeployment(params.project, QDateTime::currentMSecsSinceEpoch());
    if (!idle)
        return deliver(std::move(done), Result<void>(idle.failure()));
    auto [project, live] = idle.value();
    auto settings = settingsOf(project.id);
    if (!settings)
        return deliver(std::move(done), Result<void>(settings.failure()));
    holdDeployment(project.id);
    log::get("deploy")->info("teardown of {}", live.service);
    auto* deployer = new Deployer(settings.value(), this);
    connect(deployer, &Deployer::tornDown, this,
            [this, deployer, done, project](bool ok, const QString& output) {
                deployer->deleteLater();
                releaseDeployment(project.id);
                if (!ok)
                    return done(Error{QStringLiteral("the teardown of %1 failed: %2")
                                          .arg(project.name, output.right(2000))});
                // Forgotten only once it is gone, so a failed teardown can be tried again.
                if (auto forgotten = Deployments(m_store->database()).forget(project.id);
                    !forgotten)
                    return done(forgotten.failure());
                if (auto unplaced = ServerRegistry(m_store->database()).forgetPlacement(project.id);
                    !unplaced)
                    return done(unplaced.failure());
                if (!m_domains)
                    return done({});
                m_domains->unpoint(project.id, [done, project](Result<void> removed) {
                    if (!removed) // journaled: removed at the next start
                        return done(Error{QStringLiteral("%1 is down, but its DNS record was not "
                                                         "removed yet (tried again at the next "
                                                         "start): %2")
                                              .arg(project.name, removed.error())});
                    done({});
                });
            });
    deployer->teardown(live.service);
}

void Engine::deployAgain(const QString& wanted, bool back, Reply<DeploymentRecord> done)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    struct Prepared
    {
        ProjectRecord project;
        DeploymentRecord deployment;
        DeployRequest request;
        DeploySettings settings;
        Json resources;
    };
    auto prepared = [&]() -> Result<Prepared> {
        auto idle = idleDeployment(wanted, now);
        if (!idle)
            return idle.failure();
        const auto& [project, live] = idle.value();
        if (back && live.previous.isEmpty())
            return Error{
                QStringLiteral("%1 has no earlier release to go back to").arg(project.name),
                ErrorCode::Invalid};
        auto state = m_store->lastState(live.runId);
        const Json resources = state ? StateView(state.value()).resources() : Json::object();
        auto settings = settingsOf(project.id);
        if (!settings)
            return settings.failure();
        const bool listens =
            live.kind == ServiceContract::kindName(ServiceContract::Kind::HttpService);
        auto request = deployRequestFor(m_options.tools.deploy, project.id, live.service,
                                        project.workspace, resources, listens);
        if (!request)
            return request.failure();
        request->release = back ? live.previous : live.version;
        return Prepared{project, live, request.value(), settings.value(), resources};
    }();
    if (!prepared)
        return deliver(std::move(done), Result<DeploymentRecord>(prepared.failure()));
    holdDeployment(prepared->project.id);
    log::get("deploy")->info("{} of {}: release {}", back ? "rollback" : "redeploy",
                             prepared->deployment.service, prepared->request.release.left(12));
    auto* deployer = new Deployer(prepared->settings, this);
    connect(
        deployer, &Deployer::deployed, this,
        [this, deployer, done, back, p = prepared.value()](const DeployOutcome& o) {
            deployer->deleteLater();
            releaseDeployment(p.project.id);
            if (!o.ok)
                return done(
                    Error{QStringLiteral("the %1 of %2 failed: %3")
                              .arg(back ? QStringLiteral("rollback") : QStringLiteral("redeploy"),
                                   p.project.name, o.reason)});
            DeploymentRecord record =
                deploymentRecord(p.project.id, QString(), p.deployment.service, o, p.resources);
            // What the service goes back from is what a second rollback returns to.
            record.previous = back ? p.deployment.version : p.deployment.previous;
            Deployments deployments(m_store->database());
            if (auto kept = deployments.record(record); !kept)
                return done(kept.failure());
            auto now = deployments.get(p.project.id, QDateTime::currentMSecsSinceEpoch());
            if (!now || !now->has_value())
                return done(now ? Error{QStringLiteral("the deployment vanished")} : now.failure());
            DeploymentRecord answer = now->value();
            answer.projectName = p.project.name;
            done(answer);
        });
    deployer->deploy(prepared->request);
}

} // namespace orch
