#include "workspace/Workspace.h"

#include <QDir>
#include <QFileInfo>

namespace orch {

Workspace::Workspace(QString root)
{
    const QString canonical = QFileInfo(root).canonicalFilePath();
    m_root = canonical.isEmpty() ? QDir::cleanPath(QDir(root).absolutePath()) : canonical;
}

namespace {

constexpr int kMaxLinkHops = 40; // as the kernel's limit for one lookup

// Where `path` (absolute, clean) really leads: every symlink on the way, a chain of them
// included, is followed as the kernel would; the part that does not exist yet is kept as
// written. Empty when the links loop or are too many.
QString realLocation(const QString& path, int& hops)
{
    QString current = QStringLiteral("/");
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString next = QDir::cleanPath(current + QLatin1Char('/') + parts[i]);
        const QFileInfo info(next);
        if (info.isSymLink()) {
            if (++hops > kMaxLinkHops)
                return {};
            // symLinkTarget() is absolute, resolved against the link's folder.
            QString target = info.symLinkTarget();
            for (qsizetype j = i + 1; j < parts.size(); ++j)
                target += QLatin1Char('/') + parts[j];
            return realLocation(QDir::cleanPath(target), hops);
        }
        current = next;
        if (!info.exists()) { // nothing below a missing folder can be a link
            for (qsizetype j = i + 1; j < parts.size(); ++j)
                current += QLatin1Char('/') + parts[j];
            return QDir::cleanPath(current);
        }
    }
    return current;
}

} // namespace

Result<QString> Workspace::resolve(const QString& relative) const
{
    const QString given = relative.trimmed().isEmpty() ? QStringLiteral(".") : relative;
    if (QDir::isAbsolutePath(given) || given.startsWith(QLatin1Char('~')))
        return Error{
            QStringLiteral("'%1' is absolute; paths are relative to the workspace").arg(given),
            ErrorCode::Forbidden};
    for (const QString& part : given.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        if (part == QLatin1String(".."))
            return Error{QStringLiteral("'%1' leaves the workspace (\"..\")").arg(given),
                         ErrorCode::Forbidden};
    int hops = 0;
    const QString real = realLocation(QDir::cleanPath(m_root + QLatin1Char('/') + given), hops);
    if (real.isEmpty())
        return Error{
            QStringLiteral("'%1' goes round a symlink loop (or too many symlinks) in the workspace")
                .arg(given),
            ErrorCode::Forbidden};
    if (real != m_root && !real.startsWith(m_root + QLatin1Char('/')))
        return Error{QStringLiteral("'%1' leaves the workspace through a symlink").arg(given),
                     ErrorCode::Forbidden};
    // The repository's own files (its remotes, hooks, config) are the orchestrator's.
    const QString inside = QDir(m_root).relativeFilePath(real);
    if (inside == QLatin1String(".git") || inside.startsWith(QLatin1String(".git/")))
        return Error{
            QStringLiteral("'%1' is in the workspace's .git, which agents may not touch; use the "
                           "git tools")
                .arg(given),
            ErrorCode::Forbidden};
    return real;
}

QString Workspace::relativePath(const QString& absolute) const
{
    return QDir(m_root).relativeFilePath(absolute);
}

} // namespace orch
