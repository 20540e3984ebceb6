#pragma once
// DevOps and Tester tools: deploy the committed project (deterministic pipeline), probe the
// deployed service over HTTPS, read its log. The model decides when; code decides how.

#include "api/DeploymentRecords.h"
#include "core/Result.h"
#include "deploy/DeploySettings.h"
#include "deploy/HttpProbe.h"
#include "tools/Tool.h"

#include <functional>
#include <memory>
#include <vector>

namespace orch {

struct Allocation;
struct DeployOutcome;
struct DeployRequest;

// What the deploy tools need from the engine.
struct DeployServices
{
    DeploySettings settings;
    int servicePortFirst = 0;
    int servicePortLast = 0;
    // A deploy to a real domain touches a real server: the person approves it first.
    bool approvalForRealDomains = true;
    std::function<Result<Allocation>(const QString& projectId, int first, int last)> allocatePort;
    // The project's own service name (recorded at its first deploy); unset: the wanted one.
    std::function<Result<QString>(const QString& projectId, const QString& wanted)>
        claimServiceName;
    // A secret for the project's service: only the project's own and shared ones granted to it.
    std::function<Result<QByteArray>(const QString& handle, const QString& projectId)> revealSecret;
    // Where the project's service goes: its production server (placed at the first deploy by
    // free memory), or this machine; unset: this machine.
    std::function<Result<DeployTarget>(const QString& projectId, int reservedMb)> targetFor;
    // What a deploy found out about a server (unreachable, host_key_changed), for placement.
    std::function<void(const QString& server, const QString& status, const QString& reason)>
        markServer;
    // The settings aimed at the server the project lives on (none: it lives here); unset: here.
    std::function<Result<std::optional<DeploySettings>>(const QString& projectId)> placedSettings;
    // A real domain's record before its deploy: `name` points where `settings` deploy (the
    // certificate's validation needs it); unset: the zone's records are the person's business.
    std::function<void(const QString& projectId, const QString& name,
                       const DeploySettings& settings, std::function<void(Result<void>)> done)>
        pointDomain;
    // The domain a person gave the project (deployments.domain); "" or unset: <service>.<zone>.
    std::function<QString(const QString& projectId)> ownDomain;
    // A successful deploy: what runs now, for the watcher; unset: not kept.
    std::function<void(const DeploymentRecord& deployment)> recordDeployment;
};

// The project's deploy of `workspace` (DeployRequest.cpp): its port when it listens, and the
// secrets its state attaches as environment.
Result<DeployRequest> deployRequestFor(const DeployServices& services, const QString& projectId,
                                       const QString& name, const QString& workspace,
                                       const Json& resources, bool listens);
// The handle of the project's port in its state's resources.
QString portHandleOf(const QString& projectId);
// Where people reach what a deploy put live: the HTTPS URL, t.me/<bot>, or "" for a worker.
QString deployedUrl(const DeployOutcome& outcome);
// What the watcher keeps of a successful deploy.
DeploymentRecord deploymentRecord(const QString& projectId, const QString& runId,
                                  const QString& service, const DeployOutcome& outcome,
                                  const Json& resources);

// The question for the person when a deploy failed for a reason no agent can fix (a bot's
// token refused, another process polling it, the Bot API out of reach); none otherwise.
std::optional<Json> personQuestionFor(const DeployOutcome& outcome, const Json& resources,
                                      const QString& agent);

// The last `lines` lines of the deployed service's log, on this machine or over SSH on its
// server (an empty list when it wrote none).
void readServiceLog(const DeployServices& services, const ToolContext& context, int lines,
                    std::function<void(Result<QStringList>)> done);

// Where the project's deployment is reached: its server's settings, or this machine's.
DeploySettings settingsForProject(const DeployServices& services, const QString& projectId);

// deploy, attach_secret, and the probe and check tools below.
std::vector<std::unique_ptr<Tool>> makeDeployTools(std::shared_ptr<const DeployServices> services);

// telegram_probe, read_service_log (ProbeTools.cpp).
std::vector<std::unique_ptr<Tool>> makeProbeTools(std::shared_ptr<const DeployServices> services);

// check_http, check_bot, check_log (CheckTools.cpp).
std::vector<std::unique_ptr<Tool>> makeCheckTools(std::shared_ptr<const DeployServices> services);

// A bot's token by its vault handle ("bot:name"), for the project: what the bot tools send in
// request paths and never show.
Result<QByteArray> botToken(const DeployServices& services, const QString& handle,
                            const QString& projectId);

// A request to the deployed service at `url`, made where it runs: on a production server
// through that server's address, here through loopback (a machine may not reach its own public
// address), with the name sent for TLS; verified against Caddy's local CA for *.localhost, the
// ACME issuer's root for a real domain (the system's CAs unless a private one is set).
// `body`: JSON or null.
ProbeRequest deployedRequest(const DeploySettings& settings, const QUrl& url,
                             const QByteArray& method, const Json& body);

// "City Time Service!" → "city-time-service"
QString serviceSlug(const QString& title);

} // namespace orch
