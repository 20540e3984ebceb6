// The wire shape of a live deployment (deployments.* calls): what runs where and how the
// watcher found it. A bot's token never travels, only its vault handle.
#include "api/WireFields.h"
#include "api/WireFormat.h"

namespace orch::wire {

using fields::Fields;

Json toJson(const DeploymentRecord& d)
{
    return {{"project_id", toStd(d.projectId)},
            {"project", toStd(d.projectName)},
            {"run_id", toStd(d.runId)},
            {"service", toStd(d.service)},
            {"server", toStd(d.server)},
            {"kind", toStd(d.kind)},
            {"url", toStd(d.url)},
            {"version", toStd(d.version)},
            {"previous", toStd(d.previous)},
            {"bot_secret", toStd(d.botHandle)},
            {"deployed_at", d.deployedAt},
            {"health", toStd(d.health)},
            {"health_since", d.healthSince},
            {"checked_at", d.checkedAt},
            {"detail", toStd(d.detail)},
            {"certificate_expires_at", d.certificateExpiresAt},
            {"memory_mb", d.memoryMb},
            {"uptime", d.uptime}};
}

Result<DeploymentRecord> deploymentFrom(const Json& json)
{
    Fields f(json);
    DeploymentRecord d;
    d.projectId = f.text("project_id");
    d.projectName = f.text("project");
    d.runId = f.text("run_id");
    d.service = f.text("service");
    d.server = f.text("server");
    d.kind = f.text("kind");
    d.url = f.text("url");
    d.version = f.text("version");
    d.previous = f.text("previous");
    d.botHandle = f.text("bot_secret");
    d.deployedAt = f.integer("deployed_at");
    d.health = f.text("health");
    d.healthSince = f.integer("health_since");
    d.checkedAt = f.integer("checked_at");
    d.detail = f.text("detail");
    d.certificateExpiresAt = f.integer("certificate_expires_at");
    d.memoryMb = int(f.integer("memory_mb"));
    d.uptime = f.number("uptime");
    return fields::finish(f, d);
}

} // namespace orch::wire
