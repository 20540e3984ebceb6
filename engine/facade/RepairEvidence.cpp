#include "facade/RepairEvidence.h"

#include "store/Incidents.h"

namespace orch {
namespace {

constexpr int kLogLines = 60;
constexpr int kLineChars = 300;
constexpr int kCommits = 15;

} // namespace

Json RepairEvidence::build(const Incident& incident, const DeploymentRecord& deployment,
                           const Json& recentProbes, const QStringList& logTail,
                           const std::vector<GitCommitInfo>& commits)
{
    Json log = Json::array();
    for (qsizetype i = std::max<qsizetype>(0, logTail.size() - kLogLines); i < logTail.size(); ++i)
        log.push_back(toStd(logTail[i].left(kLineChars)));
    // The commits of the failing release that the one before did not have; none when the
    // failure came without a new release (then the code did not change).
    Json changed = Json::array();
    if (incident.newRelease && !deployment.previous.isEmpty())
        for (const GitCommitInfo& commit : commits) {
            if (commit.sha.startsWith(deployment.previous) ||
                deployment.previous.startsWith(commit.sha) || int(changed.size()) >= kCommits)
                break;
            changed.push_back({{"sha", toStd(commit.sha.left(12))},
                               {"summary", toStd(commit.summary.left(200))},
                               {"time", commit.time}});
        }
    Json steps = Json::array();
    for (const Json& step : incident.timeline)
        steps.push_back({{"at", intOr(step, "at", 0)},
                         {"action", stringOr(step, "action")},
                         {"detail", toStd(toQ(stringOr(step, "detail")).left(kLineChars))}});
    return {{"incident", incident.id},
            {"failing_since", incident.openedAt},
            {"steps_taken", std::move(steps)},
            {"probes", recentProbes.is_array() ? recentProbes : Json::array()},
            {"service_log", std::move(log)},
            {"release",
             {{"version", toStd(deployment.version.left(12))},
              {"deployed_at", deployment.deployedAt},
              {"previous", toStd(deployment.previous.left(12))},
              {"url", toStd(deployment.url)},
              {"new", incident.newRelease}}},
            {"changed_since_last_passing",
             incident.newRelease
                 ? Json{{"commits", std::move(changed)}}
                 : Json{{"commits", Json::array()},
                        {"note", "no release since it last passed its checks: the code did not "
                                 "change; look at its data, its dependencies and its log"}}}};
}

QString RepairEvidence::request(const Incident& incident, const DeploymentRecord& deployment)
{
    QString what;
    for (const Json& step : incident.timeline)
        if (stringOr(step, "action") == "detected")
            what = toQ(stringOr(step, "detail")).left(400);
    return QStringLiteral("repair %1 (release %2): %3")
        .arg(deployment.service, deployment.version.left(12),
             what.isEmpty() ? QStringLiteral("its health checks fail") : what);
}

} // namespace orch
