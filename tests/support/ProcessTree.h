#pragma once
// A process's descendants, read from /proc: what a test started ends with it, even the
// processes that daemonized away from their parent's process group.

#include <QDir>
#include <QFile>
#include <QList>
#include <csignal>
#include <map>
#include <sys/types.h>

namespace orch::test {

// Every process below `root` (children, their children…), parents first.
inline QList<pid_t> descendantsOf(pid_t root)
{
    std::multimap<pid_t, pid_t> children;
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool isPid = false;
        const pid_t pid = pid_t(entry.toLongLong(&isPid));
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        // "pid (name) state ppid …": the name may hold spaces and parentheses.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1)
            children.emplace(pid_t(fields[1].toLongLong()), pid);
    }
    QList<pid_t> found;
    QList<pid_t> queue{root};
    while (!queue.isEmpty()) {
        const pid_t parent = queue.takeFirst();
        auto [begin, end] = children.equal_range(parent);
        for (auto it = begin; it != end; ++it) {
            found << it->second;
            queue << it->second;
        }
    }
    return found;
}

// Running: there, and not a zombie waiting for its parent to collect it.
inline bool isRunning(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.mid(close + 2, 1) != "Z";
}

// Kills every descendant of `root` (not `root` itself).
inline void killDescendants(pid_t root)
{
    for (pid_t pid : descendantsOf(root))
        ::kill(pid, SIGKILL);
}

} // namespace orch::test
