#include "deploy/ServiceMemory.h"

#include "deploy/ServerAccess.h"

namespace orch {
namespace {

// $1 the service, $2 the deploy root. A daemon runs inside its sandbox, so the pid file names
// the sandbox's process: its whole tree is counted.
const QString kScript = QStringLiteral(
    "name=$1; root=$2; "
    "if [ -d /run/systemd/system ]; then "
    "exec systemctl show -p MemoryCurrent --value \"orch-$name.service\"; fi; "
    "pid=$(cat \"$root/$name/service.pid\" 2>/dev/null) || exit 1; "
    "total=0; todo=$pid; "
    "while [ -n \"$todo\" ]; do set -- $todo; p=$1; shift; todo=\"$*\"; "
    "kb=$(awk '/^VmRSS:/ {print $2}' \"/proc/$p/status\" 2>/dev/null); "
    "total=$((total + ${kb:-0})); "
    "for c in $(cat /proc/$p/task/*/children 2>/dev/null); do todo=\"$todo $c\"; done; "
    "done; echo $((total * 1024))");

constexpr int kTimeoutMs = 15000;

} // namespace

int memoryMbFromReport(const QByteArray& report)
{
    bool ok = false;
    const qint64 bytes = report.trimmed().toLongLong(&ok);
    if (!ok || bytes <= 0 || bytes > (qint64(1) << 50))
        return 0;
    return int((bytes + (1 << 20) - 1) >> 20);
}

void measureServiceMemory(QObject* owner, const DeploySettings& settings, const QString& name,
                          std::function<void(int mb)> done)
{
    const QStringList argv{
        QStringLiteral("sh"), QStringLiteral("-c"), kScript, QStringLiteral("sh"), name,
        settings.deployRoot};
    auto read = [done = std::move(done)](const CommandOutput& output) {
        done(output.ok() ? memoryMbFromReport(output.out) : 0);
    };
    if (settings.remote())
        return runRemote(owner, *settings.server, argv, kTimeoutMs, std::move(read));
    runCommand(owner, argv.front(), argv.mid(1), {}, kTimeoutMs, std::move(read));
}

} // namespace orch
