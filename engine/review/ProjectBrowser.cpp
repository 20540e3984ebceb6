#include "review/ProjectBrowser.h"

#include "workspace/Workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

namespace orch {

Result<QStringList> ProjectBrowser::files() const
{
    if (!QDir(m_workspace).exists())
        return Error{QStringLiteral("the workspace %1 is gone").arg(m_workspace),
                     ErrorCode::NotFound};
    QStringList paths;
    QDirIterator it(m_workspace, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    const QDir root(m_workspace);
    while (it.hasNext() && paths.size() < kMaxFiles) {
        const QString relative = root.relativeFilePath(it.next());
        if (relative.startsWith(QLatin1String(".git/")) ||
            relative.contains(QLatin1String("/__pycache__/")) ||
            relative.startsWith(QLatin1String("__pycache__/")))
            continue;
        paths << relative;
    }
    paths.sort();
    return paths;
}

Result<QString> ProjectBrowser::fileText(const QString& relativePath) const
{
    auto path =
        Workspace(m_workspace).resolve(relativePath); // refuses .., absolute paths and escapes
    if (!path)
        return path.failure();
    QFile file(path.value());
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read %1").arg(relativePath), ErrorCode::NotFound};
    const QByteArray bytes = file.read(kMaxFileBytes);
    if (bytes.contains('\0'))
        return Error{QStringLiteral("%1 is a binary file").arg(relativePath), ErrorCode::Invalid};
    QString text = QString::fromUtf8(bytes);
    if (file.size() > kMaxFileBytes)
        text += QStringLiteral("\n… (%1 more bytes not shown)").arg(file.size() - kMaxFileBytes);
    return text;
}

Result<std::vector<GitCommitInfo>> ProjectBrowser::commits(int limit) const
{
    if (!QDir(m_workspace).exists(QStringLiteral(".git")))
        return std::vector<GitCommitInfo>();
    auto repository = GitRepository::open(m_workspace, false);
    if (!repository)
        return repository.failure();
    auto log = repository.value()->log(limit);
    if (!log)
        return std::vector<GitCommitInfo>(); // no commit yet
    return log;
}

Result<QString> ProjectBrowser::commitDiff(const QString& sha) const
{
    auto repository = GitRepository::open(m_workspace, false);
    if (!repository)
        return repository.failure();
    return repository.value()->commitDiff(sha);
}

} // namespace orch
