#pragma once
// Runs a program that the model chose or wrote inside bubblewrap: the project's workspace
// read-write at its own path, system folders read-only, a private /tmp, /proc and /dev, no
// network (unless the settings allow it), no view of the data folder, the vault key, the
// database, the settings, other workspaces or home folders; the repository's .git read-only;
// uid 65534 inside; CPU, memory, process and file-size limits per process through prlimit and
// for the whole tree in a cgroup of its own (CommandCgroup.h). Killing the returned process (bwrap)
// kills the whole tree: the sandbox's init dies with its parent and takes the pid namespace along.

#include "core/Result.h"
#include "sandbox/SandboxSettings.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace orch {

struct SandboxedCommand
{
    QString program;
    QStringList arguments;
    QProcessEnvironment environment;
    QString workingDirectory;
};

class Sandbox
{
public:
    explicit Sandbox(SandboxSettings settings = {});

    const SandboxSettings& settings() const { return m_settings; }
    bool confined() const { return m_settings.mode == SandboxSettings::Mode::Confined; }

    // Where a program named on a command line is found: confined, in the sandbox's own PATH
    // (system folders only), so a program the host finds elsewhere is not run half-visible.
    QString findProgram(const QString& name) const;

    // Whether bubblewrap is installed and can create its namespaces here (checked once per
    // process and bwrap path); the error says what is missing and how to fix it.
    Result<void> check() const;

    // `executable` (an absolute path on the host) with `arguments`, run in `workspace` with
    // exactly `environment`. Unconfined: the command as given.
    Result<SandboxedCommand> wrap(const QString& executable, const QStringList& arguments,
                                  const QString& workspace,
                                  const QProcessEnvironment& environment) const;

    // The command line that confines a deployed service where systemd is absent: bwrap with
    // the release read-only, `dataDir` read-write, the host's network (it must listen for
    // Caddy), its own pid namespace, memory/process/file limits but no CPU limit (it runs
    // for good); the service's program and arguments follow it.
    Result<QStringList> serviceCommand(const QString& releaseDir, const QString& dataDir) const;

private:
    QString bwrapPath() const;
    QStringList limits(bool cpu) const;
    QStringList mounts(const QString& workspace) const;

    SandboxSettings m_settings;
};

} // namespace orch
