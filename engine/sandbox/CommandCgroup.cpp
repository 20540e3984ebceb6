#include "sandbox/CommandCgroup.h"

#include "core/Log.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace orch {
namespace {

// A cgroup folder created for a command is removed once it is empty and older than this: a
// command joins it within moments of its creation.
constexpr qint64 kJoinGraceMs = 30000;

// One hierarchy the limits are written in: v2's single one, or a v1 controller's.
struct Hierarchy
{
    QString controller; // "" for v2
    QString own;        // the orchestrator's folder in it: .../orch-PID
};

struct Layout
{
    QString mode;
    QString why;
    QList<Hierarchy> hierarchies;
};

// Writes `text` to a cgroup file; the error names the file and what the kernel said.
Result<void> put(const QString& path, const QByteArray& text)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC);
    if (fd < 0 || ::write(fd, text.constData(), size_t(text.size())) != text.size()) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        if (fd >= 0)
            ::close(fd);
        return Error{QStringLiteral("%1: %2").arg(path, why)};
    }
    ::close(fd);
    return {};
}

QByteArray readSmall(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(4096).trimmed() : QByteArray();
}

// This process's cgroup in the hierarchy that has `controller` ("" for v2).
QString ownCgroup(const QString& controller)
{
    QFile file(QStringLiteral("/proc/self/cgroup"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QList<QByteArray> parts = line.split(':');
        if (parts.size() < 3)
            continue;
        const QStringList names = QString::fromUtf8(parts[1]).split(QLatin1Char(','));
        if (controller.isEmpty() ? (parts[0] == "0" && parts[1].isEmpty())
                                 : names.contains(controller))
            return QString::fromUtf8(line.mid(parts[0].size() + parts[1].size() + 2));
    }
    return {};
}

// Where this process's cgroup of a mount is on the host: the mount's point plus our path
// below the mount's root (in a container the mount's root is often our own cgroup).
QString folderOf(const QString& mountRoot, const QString& mountPoint, const QString& own)
{
    if (mountRoot == QLatin1String("/"))
        return QDir::cleanPath(mountPoint + own);
    if (own.startsWith(mountRoot))
        return QDir::cleanPath(mountPoint + own.mid(mountRoot.size()));
    return mountPoint;
}

// The mounts of cgroup file systems: v2 ("") and each v1 controller, with their folders.
QHash<QString, QString> cgroupFolders()
{
    QHash<QString, QString> folders;
    QFile file(QStringLiteral("/proc/self/mountinfo"));
    if (!file.open(QIODevice::ReadOnly))
        return folders;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const int dash = line.indexOf(" - ");
        if (dash < 0)
            continue;
        const QList<QByteArray> left = line.left(dash).split(' ');
        const QList<QByteArray> right = line.mid(dash + 3).split(' ');
        if (left.size() < 5 || right.size() < 3)
            continue;
        const QString root = QString::fromUtf8(left[3]), point = QString::fromUtf8(left[4]);
        if (right[0] == "cgroup2") {
            folders.insert(QString(), folderOf(root, point, ownCgroup(QString())));
        } else if (right[0] == "cgroup") {
            for (const QByteArray& option : right[2].split(','))
                for (const char* controller : {"pids", "memory", "cpu"})
                    if (option == controller)
                        folders.insert(QLatin1String(controller),
                                       folderOf(root, point, ownCgroup(QLatin1String(controller))));
        }
    }
    return folders;
}

QString ownFolderName()
{
    return QStringLiteral("orch-%1").arg(QCoreApplication::applicationPid());
}

// Folders `orch-PID` left by orchestrators that are gone, with their commands' folders.
void removeAbandoned(const QString& parent)
{
    const QStringList names =
        QDir(parent).entryList({QStringLiteral("orch-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : names) {
        bool number = false;
        const qint64 pid = name.mid(5).toLongLong(&number);
        if (!number || (::kill(pid_t(pid), 0) == 0 || errno != ESRCH))
            continue;
        const QString folder = QDir(parent).filePath(name);
        for (const QString& child : QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            ::rmdir(QFile::encodeName(QDir(folder).filePath(child)).constData());
        ::rmdir(QFile::encodeName(folder).constData());
    }
}

struct LimitFile
{
    const char* name;
    QByteArray value;
    bool required; // swap accounting, for one, is often switched off
};

// The limits as each hierarchy spells them.
QList<LimitFile> limitFiles(const QString& controller, const CgroupLimits& limits)
{
    const QByteArray processes = QByteArray::number(limits.processes);
    const QByteArray memory = QByteArray::number(limits.memoryBytes);
    const QByteArray quota = QByteArray::number(qint64(limits.cpus * 100000));
    if (controller.isEmpty())
        return {{"pids.max", processes, true},
                {"memory.max", memory, true},
                {"memory.swap.max", "0", false},
                {"cpu.max", quota + " 100000", true}};
    if (controller == QLatin1String("pids"))
        return {{"pids.max", processes, true}};
    if (controller == QLatin1String("memory"))
        return {{"memory.limit_in_bytes", memory, true},
                {"memory.memsw.limit_in_bytes", memory, false}};
    return {{"cpu.cfs_period_us", "100000", true}, {"cpu.cfs_quota_us", quota, true}};
}

Result<void> writeLimits(const QString& folder, const QString& controller,
                         const CgroupLimits& limits)
{
    for (const LimitFile& file : limitFiles(controller, limits))
        if (auto written = put(QDir(folder).filePath(QLatin1String(file.name)), file.value);
            !written && file.required)
            return written;
    return {};
}

// Makes the orchestrator's folder in v2 and lets its children have the controllers. The
// "no internal processes" rule forbids that in a cgroup with processes in it, so this
// process first moves to a leaf of its own when its cgroup is not the root.
Result<QString> prepareV2(const QString& folder)
{
    const QByteArray wanted = "+pids +memory +cpu";
    if (!put(QDir(folder).filePath(QStringLiteral("cgroup.subtree_control")), wanted)) {
        const QString leaf = QDir(folder).filePath(ownFolderName() + QStringLiteral("-main"));
        ::mkdir(QFile::encodeName(leaf).constData(), 0755);
        if (auto moved = put(QDir(leaf).filePath(QStringLiteral("cgroup.procs")),
                             QByteArray::number(QCoreApplication::applicationPid()));
            !moved)
            return moved.failure();
        if (auto enabled =
                put(QDir(folder).filePath(QStringLiteral("cgroup.subtree_control")), wanted);
            !enabled)
            return enabled.failure();
    }
    const QString own = QDir(folder).filePath(ownFolderName());
    if (::mkdir(QFile::encodeName(own).constData(), 0755) != 0 && errno != EEXIST)
        return Error{QStringLiteral("%1: %2").arg(own, QString::fromLocal8Bit(strerror(errno)))};
    if (auto enabled = put(QDir(own).filePath(QStringLiteral("cgroup.subtree_control")), wanted);
        !enabled)
        return enabled.failure();
    return own;
}

// A trial cgroup with the limits written proves the hierarchy usable.
Result<void> tryOnce(const QString& own, const QString& controller)
{
    const QString probe = QDir(own).filePath(QStringLiteral("probe"));
    if (::mkdir(QFile::encodeName(probe).constData(), 0755) != 0 && errno != EEXIST)
        return Error{QStringLiteral("%1: %2").arg(probe, QString::fromLocal8Bit(strerror(errno)))};
    auto written = writeLimits(probe, controller, CgroupLimits{});
    ::rmdir(QFile::encodeName(probe).constData());
    return written;
}

Layout detect()
{
    const QHash<QString, QString> folders = cgroupFolders();
    Layout layout;
    const QString unified = folders.value(QString());
    if (!unified.isEmpty() &&
        readSmall(QDir(unified).filePath(QStringLiteral("cgroup.controllers"))).contains("pids")) {
        removeAbandoned(unified);
        auto own = prepareV2(unified);
        if (own && tryOnce(own.value(), QString())) {
            layout.mode = QStringLiteral("cgroup v2");
            layout.hierarchies = {{QString(), own.value()}};
            return layout;
        }
        layout.why =
            own ? QStringLiteral("limits cannot be written in %1").arg(own.value()) : own.error();
        return layout;
    }
    for (const char* controller : {"pids", "memory", "cpu"}) {
        const QString folder = folders.value(QLatin1String(controller));
        if (folder.isEmpty())
            continue;
        removeAbandoned(folder);
        const QString own = QDir(folder).filePath(ownFolderName());
        if (::mkdir(QFile::encodeName(own).constData(), 0755) != 0 && errno != EEXIST) {
            layout.why = QStringLiteral("%1: %2").arg(own, QString::fromLocal8Bit(strerror(errno)));
            continue;
        }
        if (auto usable = tryOnce(own, QLatin1String(controller)); !usable) {
            layout.why = usable.error();
            ::rmdir(QFile::encodeName(own).constData());
            continue;
        }
        layout.hierarchies.append({QLatin1String(controller), own});
    }
    const bool processes = std::any_of(layout.hierarchies.begin(), layout.hierarchies.end(),
                                       [](const Hierarchy& h) { return h.controller == "pids"; });
    if (processes)
        layout.mode = QStringLiteral("cgroup v1");
    else {
        if (layout.why.isEmpty())
            layout.why = QStringLiteral("no cgroup hierarchy with the pids controller is mounted");
        layout.hierarchies.clear();
    }
    return layout;
}

struct State
{
    QMutex mutex;
    Layout layout;
    bool detected = false;
    quint64 next = 0;
    QHash<QString, qint64> created; // command folder name -> when

    const Layout& ensure()
    {
        if (!detected) {
            layout = detect();
            detected = true;
            if (layout.mode.isEmpty())
                log::get("sandbox")->warn("commands are limited by per-user resource limits "
                                          "only, which do not count root's processes: {}",
                                          layout.why.toStdString());
        }
        return layout;
    }

    // Removes the folders of finished commands (all of them at exit).
    void sweep(bool everything)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (auto it = created.begin(); it != created.end();) {
            bool removed = everything || now - it.value() > kJoinGraceMs;
            for (const Hierarchy& h : layout.hierarchies)
                if (removed)
                    removed =
                        ::rmdir(QFile::encodeName(QDir(h.own).filePath(it.key())).constData()) ==
                            0 ||
                        errno == ENOENT;
            it = removed ? created.erase(it) : std::next(it);
        }
    }

    ~State()
    {
        sweep(true);
        for (const Hierarchy& h : layout.hierarchies)
            ::rmdir(QFile::encodeName(h.own).constData());
    }
};

State& state()
{
    static State instance;
    return instance;
}

} // namespace

QString CommandCgroup::mode()
{
    QMutexLocker lock(&state().mutex);
    return state().ensure().mode;
}

QString CommandCgroup::why()
{
    QMutexLocker lock(&state().mutex);
    return state().ensure().why;
}

Result<QStringList> CommandCgroup::create(const CgroupLimits& limits)
{
    State& s = state();
    QMutexLocker lock(&s.mutex);
    const Layout& layout = s.ensure();
    s.sweep(false);
    QStringList procs;
    if (layout.mode.isEmpty())
        return procs;
    const QString name = QStringLiteral("c%1").arg(++s.next);
    s.created.insert(name, QDateTime::currentMSecsSinceEpoch());
    for (const Hierarchy& h : layout.hierarchies) {
        const QString folder = QDir(h.own).filePath(name);
        if (::mkdir(QFile::encodeName(folder).constData(), 0755) != 0)
            return Error{QStringLiteral("sandbox: cannot create the cgroup %1: %2")
                             .arg(folder, QString::fromLocal8Bit(strerror(errno))),
                         ErrorCode::Unavailable};
        if (auto written = writeLimits(folder, h.controller, limits); !written)
            return Error{
                QStringLiteral("sandbox: cannot limit the cgroup: %1").arg(written.error()),
                ErrorCode::Unavailable};
        procs << QDir(folder).filePath(QStringLiteral("cgroup.procs"));
    }
    return procs;
}

QStringList CommandCgroup::joining(const QStringList& procsFiles, const QString& program,
                                   const QStringList& arguments)
{
    if (procsFiles.isEmpty())
        return QStringList{program} + arguments;
    // The shell writes its own pid, then becomes the program: every process it starts is in.
    const QString script = QStringLiteral(
        "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || { echo \"sandbox: cannot join the "
        "cgroup $1\" >&2; exit 125; }; shift; done; shift; exec \"$@\"");
    return QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), script,
                       QStringLiteral("orch-cgroup")} +
           procsFiles + QStringList{QStringLiteral("--"), program} + arguments;
}

} // namespace orch
