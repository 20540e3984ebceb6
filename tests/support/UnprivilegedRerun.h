#pragma once
// Runs the current test binary again as the unprivileged user nobody (setpriv), with a home
// and temporary folder of its own, so the same attacks are tried against an orchestrator that
// is not root. The slot that calls it is skipped inside the rerun.

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <unistd.h>

namespace orch::test {

struct Rerun
{
    bool finished = false;
    int exitCode = -1;
    QByteArray output;
};

inline bool insideUnprivilegedRerun()
{
    return qEnvironmentVariableIsSet("ORCH_UNPRIVILEGED_RERUN");
}

// Only for root: nobody cannot switch users. `functions`: the test functions to run (all when
// empty).
inline Rerun rerunAsNobody(int timeoutMs, const QStringList& functions = {})
{
    Rerun rerun;
    QTemporaryDir home;
    home.setAutoRemove(true);
    if (QProcess::execute("chown", {"-R", "nobody:nogroup", home.path()}) != 0 ||
        QProcess::execute("chmod", {"755", home.path()}) != 0)
        return rerun;
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("ORCH_UNPRIVILEGED_RERUN", "1");
    env.insert("ORCH_SANDBOX_CHILD", "1");
    env.insert("TMPDIR", home.path());
    env.insert("HOME", home.path());
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start("setpriv", QStringList{"--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
                                       QCoreApplication::applicationFilePath()} +
                               functions);
    rerun.finished = child.waitForFinished(timeoutMs);
    if (!rerun.finished) {
        child.kill();
        child.waitForFinished(5000);
    }
    rerun.exitCode = child.exitCode();
    rerun.output = child.readAll();
    return rerun;
}

} // namespace orch::test
