#include "workspace/GitDirectory.h"

#include <QDir>
#include <QFile>
#include <filesystem>
#include <sys/stat.h>

namespace orch::gitdir {
namespace {

// More entries than any project's repository has; beyond it the walk would cost more than
// the git call it guards.
constexpr int kMostEntries = 200000;

Error refused(const QString& what)
{
    return Error{QStringLiteral("the workspace's .git %1; the orchestrator opens only a plain "
                                ".git folder it made (remove it, or restore the one git created)")
                     .arg(what),
                 ErrorCode::Forbidden};
}

} // namespace

Result<void> checkPlain(const QString& workspace)
{
    const QString gitDir = QDir(workspace).absoluteFilePath(QStringLiteral(".git"));
    struct stat info = {};
    if (::lstat(QFile::encodeName(gitDir).constData(), &info) != 0)
        return Error{QStringLiteral("no .git in %1").arg(workspace), ErrorCode::NotFound};
    if (S_ISLNK(info.st_mode))
        return refused(QStringLiteral("is a symbolic link"));
    if (!S_ISDIR(info.st_mode))
        return refused(QStringLiteral("is not a folder (a \"gitdir:\" file points elsewhere)"));
    for (const char* redirect : {"commondir", "gitdir", "objects/info/alternates"})
        if (::lstat(
                QFile::encodeName(gitDir + QLatin1Char('/') + QLatin1String(redirect)).constData(),
                &info) == 0)
            return refused(QStringLiteral("has %1, which borrows another repository")
                               .arg(QLatin1String(redirect)));
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path root(QFile::encodeName(gitDir).toStdString());
    fs::recursive_directory_iterator walk(root, fs::directory_options::none, error);
    int entries = 0;
    for (; !error && walk != fs::recursive_directory_iterator(); walk.increment(error)) {
        if (++entries > kMostEntries)
            return refused(QStringLiteral("has more than %1 entries").arg(kMostEntries));
        const auto status = walk->symlink_status(error);
        if (error)
            break;
        const auto entry = [&] {
            return QFile::decodeName(
                QByteArray::fromStdString(walk->path().lexically_relative(root).string()));
        };
        if (fs::is_symlink(status))
            return refused(QStringLiteral("has a symbolic link at .git/%1").arg(entry()));
        if (!fs::is_directory(status) && !fs::is_regular_file(status))
            return refused(QStringLiteral("has a special file at .git/%1").arg(entry()));
    }
    if (error)
        return refused(QStringLiteral("cannot be read through (%1)")
                           .arg(QString::fromStdString(error.message())));
    return {};
}

} // namespace orch::gitdir
