#pragma once
// What the watcher tests do to a deployment on this machine: read the one that is live, and
// kill its service the way a crash would (nothing of the service's own restarts it).

#include "api/AwaitAnswer.h"
#include "api/EngineApi.h"
#include "deploy/DeploySettings.h"
#include "deploy/ServiceHost.h"

#include <QFile>
#include <QProcess>
#include <optional>

namespace orch::test {

inline std::optional<DeploymentRecord> onlyDeployment(EngineApi& engine)
{
    auto all = api::awaitAnswer(engine, &EngineApi::deployments, {}, 10000);
    if (!all || all->size() != 1)
        return std::nullopt;
    return all->front();
}

// Whether the kill was delivered.
inline bool killService(const DeploySettings& settings, const QString& name)
{
    if (serviceHost::localManager() == QLatin1String("systemd"))
        return QProcess::execute("systemctl",
                                 {"kill", "--signal=KILL", "orch-" + name + ".service"}) == 0;
    QFile pid(settings.deployRoot + "/" + name + "/service.pid");
    return pid.open(QIODevice::ReadOnly) &&
           QProcess::execute("kill", {"-KILL", QString::fromLatin1(pid.readAll().trimmed())}) == 0;
}

} // namespace orch::test
