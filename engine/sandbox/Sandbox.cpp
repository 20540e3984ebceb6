#include "sandbox/Sandbox.h"

#include "core/Log.h"
#include "sandbox/CommandCgroup.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>

namespace orch {
namespace {

constexpr int kSandboxUid = 65534;
constexpr const char* kPrlimit = "/usr/bin/prlimit";

// Host files a build may need to read; each is bound only when it exists.
const QStringList kSystemFiles = {
    QStringLiteral("/etc/ld.so.cache"),  QStringLiteral("/etc/ld.so.conf"),
    QStringLiteral("/etc/ld.so.conf.d"), QStringLiteral("/etc/alternatives"),
    QStringLiteral("/etc/ssl"),          QStringLiteral("/etc/ca-certificates"),
    QStringLiteral("/etc/localtime"),    QStringLiteral("/etc/mime.types"),
    QStringLiteral("/etc/python3"),      QStringLiteral("/etc/python3.11"),
    QStringLiteral("/etc/pip.conf"),     QStringLiteral("/etc/gitconfig")};

// A passwd and group naming only the sandbox's user, so programs that look themselves up
// (pip, getpass) work without the host's list of users.
Result<QString> identityFiles()
{
    static QMutex mutex;
    static QString ready;
    QMutexLocker lock(&mutex);
    if (!ready.isEmpty())
        return ready;
    const QString dir =
        QDir(QDir::tempPath())
            .filePath(QStringLiteral("orch-sandbox-etc-%1")
                          .arg(QString::number(QCoreApplication::applicationPid())));
    if (!QDir().mkpath(dir))
        return Error{QStringLiteral("sandbox: cannot create %1").arg(dir)};
    const QHash<QString, QByteArray> files = {
        {QStringLiteral("passwd"), "sandbox:x:65534:65534:sandbox:/tmp:/usr/sbin/nologin\n"},
        {QStringLiteral("group"), "sandbox:x:65534:\n"}};
    for (auto it = files.begin(); it != files.end(); ++it) {
        QSaveFile file(QDir(dir).filePath(it.key()));
        if (!file.open(QIODevice::WriteOnly) || file.write(it.value()) != it.value().size() ||
            !file.commit())
            return Error{QStringLiteral("sandbox: cannot write %1").arg(file.fileName())};
    }
    ready = dir;
    return ready;
}

} // namespace

const QStringList kSandboxPath = {QStringLiteral("/usr/local/bin"), QStringLiteral("/usr/bin"),
                                  QStringLiteral("/bin")};

Sandbox::Sandbox(SandboxSettings settings) : m_settings(std::move(settings)) {}

QString Sandbox::findProgram(const QString& name) const
{
    return confined() ? QStandardPaths::findExecutable(name, kSandboxPath)
                      : QStandardPaths::findExecutable(name);
}

QString Sandbox::bwrapPath() const
{
    if (QFileInfo(m_settings.bwrap).isAbsolute())
        return m_settings.bwrap;
    return QStandardPaths::findExecutable(m_settings.bwrap);
}

Result<void> Sandbox::check() const
{
    if (!confined())
        return {};
    const QString bwrap = bwrapPath();
    if (bwrap.isEmpty() || !QFileInfo(bwrap).isExecutable())
        return Error{QStringLiteral("the sandbox needs bubblewrap (%1), which is not installed: "
                                    "apt-get install bubblewrap")
                         .arg(m_settings.bwrap),
                     ErrorCode::Unavailable};
    if (!QFileInfo(QString::fromLatin1(kPrlimit)).isExecutable())
        return Error{QStringLiteral("the sandbox needs %1 (util-linux)").arg(kPrlimit),
                     ErrorCode::Unavailable};
    static QMutex mutex;
    static QHash<QString, QString> verdicts; // bwrap path -> "" (works) or why not
    QMutexLocker lock(&mutex);
    if (!verdicts.contains(bwrap)) {
        QProcess probe;
        probe.setProcessChannelMode(QProcess::MergedChannels);
        probe.start(bwrap, {QStringLiteral("--unshare-all"), QStringLiteral("--uid"),
                            QString::number(kSandboxUid),    QStringLiteral("--gid"),
                            QString::number(kSandboxUid),    QStringLiteral("--ro-bind"),
                            QStringLiteral("/usr"),          QStringLiteral("/usr"),
                            QStringLiteral("--symlink"),     QStringLiteral("usr/bin"),
                            QStringLiteral("/bin"),          QStringLiteral("--symlink"),
                            QStringLiteral("usr/lib"),       QStringLiteral("/lib"),
                            QStringLiteral("--symlink"),     QStringLiteral("usr/lib64"),
                            QStringLiteral("/lib64"),        QStringLiteral("--proc"),
                            QStringLiteral("/proc"),         QStringLiteral("/usr/bin/true")});
        QString why;
        if (!probe.waitForFinished(10000)) {
            probe.kill();
            probe.waitForFinished(1000);
            why = QStringLiteral("did not finish a trial run within 10 s");
        } else if (probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0) {
            why = QString::fromUtf8(probe.readAll()).trimmed().left(500);
            if (why.isEmpty())
                why = QStringLiteral("exit code %1").arg(probe.exitCode());
        }
        verdicts.insert(bwrap, why);
        if (!why.isEmpty())
            log::get("sandbox")->error("bubblewrap cannot confine commands here: {}",
                                       why.toStdString());
    }
    const QString why = verdicts.value(bwrap);
    if (!why.isEmpty())
        return Error{QStringLiteral("the sandbox (bubblewrap) cannot create its namespaces here: "
                                    "%1. Allow unprivileged user namespaces "
                                    "(sysctl kernel.unprivileged_userns_clone=1) or run where "
                                    "they are allowed")
                         .arg(why),
                     ErrorCode::Unavailable};
    return {};
}

QStringList Sandbox::mounts(const QString& workspace) const
{
    QStringList args = {
        QStringLiteral("--ro-bind"), QStringLiteral("/usr"),      QStringLiteral("/usr"),
        QStringLiteral("--symlink"), QStringLiteral("usr/bin"),   QStringLiteral("/bin"),
        QStringLiteral("--symlink"), QStringLiteral("usr/sbin"),  QStringLiteral("/sbin"),
        QStringLiteral("--symlink"), QStringLiteral("usr/lib"),   QStringLiteral("/lib"),
        QStringLiteral("--symlink"), QStringLiteral("usr/lib64"), QStringLiteral("/lib64"),
        QStringLiteral("--proc"),    QStringLiteral("/proc"),     QStringLiteral("--dev"),
        QStringLiteral("/dev"),      QStringLiteral("--tmpfs"),   QStringLiteral("/tmp")};
    for (const QString& file : kSystemFiles)
        args << QStringLiteral("--ro-bind-try") << file << file;
    if (auto identity = identityFiles()) {
        args << QStringLiteral("--ro-bind") << QDir(identity.value()).filePath("passwd")
             << QStringLiteral("/etc/passwd");
        args << QStringLiteral("--ro-bind") << QDir(identity.value()).filePath("group")
             << QStringLiteral("/etc/group");
    }
    if (m_settings.network)
        for (const char* file : {"/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf"})
            args << QStringLiteral("--ro-bind-try") << QString::fromLatin1(file)
                 << QString::fromLatin1(file);
    for (const QString& path : m_settings.readOnlyPaths)
        args << QStringLiteral("--ro-bind-try") << path << path;
    for (const QString& path : m_settings.writablePaths)
        args << QStringLiteral("--bind") << path << path;
    args << QStringLiteral("--bind") << workspace << workspace;
    return args;
}

Result<SandboxedCommand> Sandbox::wrap(const QString& executable, const QStringList& arguments,
                                       const QString& workspace,
                                       const QProcessEnvironment& environment) const
{
    if (!confined())
        return SandboxedCommand{executable, arguments, environment, workspace};
    if (auto usable = check(); !usable)
        return usable.failure();
    const QString root = QFileInfo(workspace).canonicalFilePath();
    if (root.isEmpty() || root == QLatin1String("/"))
        return Error{QStringLiteral("sandbox: the workspace %1 does not exist").arg(workspace)};
    QStringList args = {QStringLiteral("--unshare-all"), QStringLiteral("--die-with-parent"),
                        QStringLiteral("--new-session"), QStringLiteral("--cap-drop"),
                        QStringLiteral("ALL"),           QStringLiteral("--uid"),
                        QString::number(kSandboxUid),    QStringLiteral("--gid"),
                        QString::number(kSandboxUid),    QStringLiteral("--hostname"),
                        QStringLiteral("sandbox")};
    if (m_settings.network)
        args << QStringLiteral("--share-net");
    args << mounts(root);
    // The repository is the orchestrator's: commands read it, never rewrite its config, refs
    // or objects. Only a real folder is bound (a link there is refused by the git tools).
    const QString gitDir = root + QStringLiteral("/.git");
    if (QFileInfo(gitDir).isDir() && !QFileInfo(gitDir).isSymLink())
        args << QStringLiteral("--ro-bind") << gitDir << gitDir;
    args << QStringLiteral("--chdir") << root << QStringLiteral("--clearenv");
    QProcessEnvironment inside = environment;
    // The system's folders only, after the project's own Python environment when it has one.
    QStringList path = kSandboxPath;
    const QString venv = inside.value(QStringLiteral("VIRTUAL_ENV"));
    if (!venv.isEmpty() && QFileInfo(venv).canonicalFilePath().startsWith(root + QLatin1Char('/')))
        path.prepend(QFileInfo(venv).canonicalFilePath() + QStringLiteral("/bin"));
    else
        inside.remove(QStringLiteral("VIRTUAL_ENV"));
    inside.insert(QStringLiteral("PATH"), path.join(QLatin1Char(':')));
    const QStringList keys = inside.keys();
    for (const QString& key : keys)
        args << QStringLiteral("--setenv") << key << inside.value(key);
    args << QStringLiteral("--") << limits(true) << executable;
    args << arguments;
    // The whole tree in a cgroup of its own: the process count, memory and CPU hold even
    // when the orchestrator is root, whose processes per-user limits do not count.
    auto cgroup =
        CommandCgroup::create({m_settings.processes, qint64(m_settings.memoryMb) * 1024 * 1024,
                               m_settings.cpuPercent / 100.0});
    if (!cgroup)
        return cgroup.failure();
    QStringList line = CommandCgroup::joining(cgroup.value(), bwrapPath(), args);
    const QString program = line.takeFirst();
    return SandboxedCommand{program, line, QProcessEnvironment(), root};
}

QStringList Sandbox::limits(bool cpu) const
{
    QStringList args = {QString::fromLatin1(kPrlimit)};
    if (cpu)
        args << QStringLiteral("--cpu=%1").arg(m_settings.cpuSeconds);
    args << QStringLiteral("--as=%1").arg(qint64(m_settings.memoryMb) * 1024 * 1024)
         << QStringLiteral("--nproc=%1").arg(m_settings.processes)
         << QStringLiteral("--fsize=%1").arg(qint64(m_settings.fileSizeMb) * 1024 * 1024)
         << QStringLiteral("--");
    return args;
}

Result<QStringList> Sandbox::serviceCommand(const QString& releaseDir, const QString& dataDir) const
{
    if (!confined())
        return QStringList();
    if (auto usable = check(); !usable)
        return usable.failure();
    // Everything but the network is the service's own; the environment comes from its env
    // file, read before bwrap starts.
    QStringList args = {bwrapPath(),
                        QStringLiteral("--unshare-user"),
                        QStringLiteral("--unshare-pid"),
                        QStringLiteral("--unshare-ipc"),
                        QStringLiteral("--unshare-uts"),
                        QStringLiteral("--unshare-cgroup-try"),
                        QStringLiteral("--die-with-parent"),
                        QStringLiteral("--new-session"),
                        QStringLiteral("--cap-drop"),
                        QStringLiteral("ALL")};
    QStringList mounted = mounts(dataDir);
    for (const char* file : {"/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf"})
        if (!mounted.contains(QString::fromLatin1(file)))
            mounted << QStringLiteral("--ro-bind-try") << QString::fromLatin1(file)
                    << QString::fromLatin1(file);
    args << mounted << QStringLiteral("--ro-bind") << releaseDir << releaseDir
         << QStringLiteral("--chdir") << releaseDir << QStringLiteral("--") << limits(false);
    return args;
}

} // namespace orch
