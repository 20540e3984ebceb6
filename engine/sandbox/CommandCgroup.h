#pragma once
// Kernel limits for the whole process tree of one sandboxed command, whoever runs the
// orchestrator. Resource limits (prlimit) count processes per user and the kernel does not
// count root's, so under a root orchestrator a fork bomb in the sandbox was not stopped. A
// cgroup is: each command gets one of its own under the orchestrator's cgroup (cgroup v2, or
// the pids, memory and cpu hierarchies of v1), with a process count, a memory ceiling for the
// tree and a CPU quota. The command's first process joins it before bubblewrap starts, so
// nothing it starts is ever outside. Where cgroups cannot be written (an unprivileged
// orchestrator without delegation) the per-user resource limits hold instead, because the
// kernel counts that user's processes.

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace orch {

struct CgroupLimits
{
    int processes = 256;
    qint64 memoryBytes = 2048LL * 1024 * 1024;
    double cpus = 1.0; // CPU time per wall-clock second, across the tree
};

class CommandCgroup
{
public:
    // How commands are limited here: "cgroup v2", "cgroup v1", or empty when cgroups cannot
    // be used (then why() says why). Detected once per process.
    static QString mode();
    static QString why();

    // A new cgroup with `limits` written; returns the `cgroup.procs` files the command's first
    // process writes its pid to (empty when cgroups are unavailable). Empty cgroups of
    // finished commands, and of orchestrators that died, are removed on the way.
    static Result<QStringList> create(const CgroupLimits& limits);

    // The command line that joins `procsFiles` and then runs `program` with `arguments`.
    static QStringList joining(const QStringList& procsFiles, const QString& program,
                               const QStringList& arguments);
};

} // namespace orch
