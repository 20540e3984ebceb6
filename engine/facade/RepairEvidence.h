#pragma once
// What a repair run is given as its state's `repair`: the incident (when it began, what was
// tried), the failing probes, the tail of the service's log, the release that fails and what
// changed since the last one that passed. Bounded, so the Developer's context stays small;
// scrubbed of the project's secrets by whoever reads the log.

#include "api/DeploymentRecords.h"
#include "api/GitCommit.h"
#include "core/Json.h"

#include <vector>

namespace orch {

struct Incident;

struct RepairEvidence
{
    static Json build(const Incident& incident, const DeploymentRecord& deployment,
                      const Json& recentProbes, const QStringList& logTail,
                      const std::vector<GitCommitInfo>& commits);
    // What the run is asked to do, in one line for the change request.
    static QString request(const Incident& incident, const DeploymentRecord& deployment);
};

} // namespace orch
