// The wire shape of a production server (servers.* calls). The SSH key never travels: only
// its vault handle does; the pinned host keys are public.
#include "api/WireFields.h"
#include "api/WireFormat.h"

namespace orch::wire {

using fields::Fields;
using fields::textsFrom;
using fields::textsToJson;

Json toJson(const ServerInfo& info)
{
    const ServerRecord& s = info.server;
    return {{"name", toStd(s.name)},
            {"host", toStd(s.host)},
            {"port", s.port},
            {"user", toStd(s.user)},
            {"ssh_key_secret", toStd(s.keyHandle)},
            {"capacity_mb", s.capacityMb},
            {"deploy_root", toStd(s.deployRoot)},
            {"http_port", s.httpPort},
            {"https_port", s.httpsPort},
            {"caddy_admin_port", s.adminPort},
            {"host_keys", toStd(s.hostKeys)},
            {"status", toStd(s.status)},
            {"status_reason", toStd(s.statusReason)},
            {"facts", s.facts},
            {"checked_at", s.checkedAt},
            {"created_at", s.createdAt},
            {"free_mb", info.freeMb},
            {"projects", textsToJson(info.projects)},
            {"changes", textsToJson(info.changes)}};
}

Result<ServerInfo> serverInfoFrom(const Json& json)
{
    Fields f(json);
    ServerInfo info;
    ServerRecord& s = info.server;
    s.name = f.text("name");
    s.host = f.text("host");
    s.port = int(f.integer("port"));
    s.user = f.text("user");
    s.keyHandle = f.text("ssh_key_secret");
    s.capacityMb = int(f.integer("capacity_mb"));
    s.deployRoot = f.text("deploy_root");
    s.httpPort = int(f.integer("http_port"));
    s.httpsPort = int(f.integer("https_port"));
    s.adminPort = int(f.integer("caddy_admin_port"));
    s.hostKeys = f.text("host_keys");
    s.status = f.text("status");
    s.statusReason = f.text("status_reason");
    const Json facts = f.any("facts");
    s.facts = facts.is_object() ? facts : Json::object();
    s.checkedAt = f.integer("checked_at");
    s.createdAt = f.integer("created_at");
    info.freeMb = int(f.integer("free_mb"));
    QString problem;
    info.projects = textsFrom(f.any("projects"), &problem, "projects");
    info.changes = textsFrom(f.any("changes"), &problem, "changes");
    if (!problem.isEmpty() && f.problem().isEmpty())
        return Error{problem, ErrorCode::BadRequest};
    return fields::finish(f, info);
}

} // namespace orch::wire
