#pragma once
// The live deployments and their probe history: each successful deploy (or redeploy, or
// rollback) records what runs; the watcher records each probe, and reads back the changes
// worth telling (healthy ↔ unhealthy) and the uptime.

#include "api/DeploymentRecords.h"
#include "core/Json.h"
#include "core/Result.h"

#include <optional>
#include <vector>

namespace orch {

class Database;

class Deployments
{
public:
    explicit Deployments(Database& database) : m_db(database) {}

    // What runs now. Keeps the health the probes found; an empty runId keeps the recorded one.
    Result<void> record(const DeploymentRecord& deployment);
    Result<void> forget(const QString& projectId);
    // Every live deployment, with its uptime over the last week as of `nowMs`.
    Result<std::vector<DeploymentRecord>> list(qint64 nowMs);
    Result<std::optional<DeploymentRecord>> get(const QString& projectId, qint64 nowMs);
    // Stores a probe; returns the health the deployment had before it.
    Result<QString> recordProbe(const QString& projectId, const DeploymentProbeResult& probe,
                                qint64 nowMs);
    Result<void> markCertificateAlert(const QString& projectId, qint64 atMs);
    // The last `limit` probes, newest first: [{at, healthy, detail, elapsed_ms}].
    Result<Json> recentProbes(const QString& projectId, int limit);
    // Healthy probes / probes since `sinceMs`; -1 when there were none.
    Result<double> uptime(const QString& projectId, qint64 sinceMs);

    static constexpr qint64 kUptimeWindowMs = 7LL * 24 * 60 * 60 * 1000;
    static constexpr qint64 kHistoryMs = 30LL * 24 * 60 * 60 * 1000;

private:
    Result<std::vector<DeploymentRecord>> select(const QString& where, const QString& projectId,
                                                 qint64 nowMs);

    Database& m_db;
};

} // namespace orch
