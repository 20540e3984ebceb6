#include "workspace/Workspace.h"

#include <QDir>
#include <QFileInfo>

namespace orch {

Workspace::Workspace(QString root)
{
    const QString canonical = QFileInfo(root).canonicalFilePath();
    m_root = canonical.isEmpty() ? QDir::cleanPath(QDir(root).absolutePath()) : canonical;
}

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
    const QString path = QDir::cleanPath(m_root + QLatin1Char('/') + given);
    // Symlinks are resolved on the deepest part that exists; it must stay inside the root.
    QString existing = path;
    while (!QFileInfo::exists(existing) && !QFileInfo(existing).isSymLink() &&
           existing.size() > m_root.size())
        existing = QFileInfo(existing).absolutePath();
    // A dangling symlink counts as existing: where it points decides.
    QFileInfo probe(existing);
    QString canonical = probe.isSymLink() ? QFileInfo(probe.symLinkTarget()).absoluteFilePath()
                                          : probe.canonicalFilePath();
    if (probe.isSymLink()) {
        const QString targetCanonical = QFileInfo(canonical).canonicalFilePath();
        if (!targetCanonical.isEmpty())
            canonical = targetCanonical;
    }
    if (canonical != m_root && !canonical.startsWith(m_root + QLatin1Char('/')))
        return Error{QStringLiteral("'%1' leaves the workspace through a symlink").arg(given),
                     ErrorCode::Forbidden};
    return path;
}

QString Workspace::relativePath(const QString& absolute) const
{
    return QDir(m_root).relativeFilePath(absolute);
}

} // namespace orch
