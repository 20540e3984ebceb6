#pragma once
// Live deployments as the watcher keeps them: what runs where (recorded by each successful
// deploy, redeploy or rollback), how its last probes went, and its uptime.

#include <QString>
#include <QStringList>

namespace orch {

// What a deployed bot did, as its host's Bot API relay counted it (since the relay started).
struct BotActivity
{
    bool known = false;   // false: not a bot, or no probe has read it yet
    qint64 updates = 0;   // updates from Telegram the bot received
    qint64 messages = 0;  // messages it sent
    qint64 throttled = 0; // calls Telegram answered 429 (too many requests)
    qint64 blocked = 0;   // calls answered 403 (a user blocked the bot)
    qint64 conflicts = 0; // polls answered 409 (another process polls its token)
};

namespace DeploymentHealthState {
inline const QString Unknown = QStringLiteral("unknown"); // not probed since it was deployed
inline const QString Healthy = QStringLiteral("healthy");
inline const QString Unhealthy = QStringLiteral("unhealthy");
} // namespace DeploymentHealthState

struct DeploymentRecord
{
    QString projectId;
    QString projectName; // filled in for the front ends
    QString runId;       // the run that first deployed it: the watcher's events go there
    QString service;
    QString server; // "": this machine
    QString kind;   // http, telegram_bot, worker
    QString url;
    QString version;  // the release running
    QString previous; // the release that ran before it ("": none)
    QString botHandle;
    qint64 deployedAt = 0;
    QString health = DeploymentHealthState::Unknown;
    qint64 healthSince = 0; // when `health` last changed
    qint64 checkedAt = 0;
    QString detail;                  // what the last probe found wrong ("": nothing)
    qint64 certificateExpiresAt = 0; // real domains: the served certificate's end (0: unknown)
    qint64 certificateAlertedAt = 0; // when the chat was told it ends soon (0: not told)
    int memoryMb = 0;                // what the service used at the last probe (0: unknown)
    BotActivity activity;            // a bot's, at the last probe
    double uptime = -1;              // healthy probes / probes over the last week (-1: none)
};

// A domain a person gives a project (deployments.domain): taken once its records point at the
// project's server only; until then, the record to create is shown.
struct DomainClaim
{
    QString project; // the project's name
    QString domain;  // "": the project is reached at <service>.<zone> again
    bool accepted = false;
    QStringList wanted; // the server's addresses
    QStringList found;  // the domain's A and AAAA records as the resolver answered
    QString record;     // the record to create ("" once accepted)
    QString url;        // where the service answers now ("": nothing deployed yet)
};

// What one probe of a deployment found.
struct DeploymentProbeResult
{
    bool healthy = false;
    QString detail; // why not, or "" when healthy
    qint64 certificateExpiresAt = 0;
    int memoryMb = 0;
    qint64 elapsedMs = 0;
    BotActivity activity;
};

} // namespace orch
