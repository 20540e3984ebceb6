#pragma once
// How processes that run model-chosen or model-written code are confined.

#include <QString>
#include <QStringList>

namespace orch {

struct SandboxSettings
{
    // Confined: bubblewrap, and commands are refused when it cannot run. Unconfined: for
    // development only; the engine warns at every start.
    enum class Mode
    {
        Confined,
        Unconfined
    };
    Mode mode = Mode::Confined;
    QString bwrap = QStringLiteral("bwrap"); // found on PATH unless absolute
    bool network = false;                    // every project's commands may reach the network
    QStringList networkProjects; // these projects' commands may (a package index, a proxy)
    int cpuSeconds = 600;        // per process, besides the command's own timeout
    int memoryMb = 2048;         // address space per process
    int processes = 256;         // per command (a cgroup; per user where cgroups are closed)
    int cpuPercent = 100;        // CPU for a command's whole tree; 100 is one core
    int fileSizeMb = 1024;       // the largest file a process may write
    QStringList readOnlyPaths;   // more host paths the commands may read
    QStringList writablePaths;   // and write (a coding agent's own home for the run)

    // The settings for one project's commands.
    SandboxSettings forProject(const QString& projectId) const
    {
        SandboxSettings settings = *this;
        settings.network = network || networkProjects.contains(projectId);
        return settings;
    }
};

} // namespace orch
