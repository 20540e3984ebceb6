#include "tools/ProjectFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace orch {
namespace {

constexpr int kMaxDepth = 32;
constexpr int kMaxPatterns = 500;

bool alwaysSkipped(const QString& name)
{
    static const QStringList names = {
        QStringLiteral(".git"),        QStringLiteral("node_modules"),
        QStringLiteral("__pycache__"), QStringLiteral(".venv"),
        QStringLiteral(".mypy_cache"), QStringLiteral(".pytest_cache"),
        QStringLiteral(".ruff_cache"), QStringLiteral(".tox"),
        QStringLiteral(".cache")};
    return names.contains(name);
}

} // namespace

ProjectFiles::ProjectFiles(QString workspaceRoot) : m_root(QDir::cleanPath(workspaceRoot))
{
    QFile file(m_root + QStringLiteral("/.gitignore"));
    if (QFileInfo(file).isSymLink() || !file.open(QIODevice::ReadOnly))
        return;
    const QStringList lines = QString::fromUtf8(file.read(64 * 1024)).split(QLatin1Char('\n'));
    for (QString line : lines) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) ||
            line.startsWith(QLatin1Char('!')) || int(m_patterns.size()) >= kMaxPatterns)
            continue;
        Pattern pattern;
        pattern.foldersOnly = line.endsWith(QLatin1Char('/'));
        if (pattern.foldersOnly)
            line.chop(1);
        pattern.anchored = line.contains(QLatin1Char('/'));
        if (line.startsWith(QLatin1Char('/')))
            line.remove(0, 1);
        line.replace(QStringLiteral("**/"), QString()); // "any folders": approximated by none
        if (line.isEmpty())
            continue;
        pattern.expression =
            QRegularExpression(QRegularExpression::wildcardToRegularExpression(line));
        if (pattern.expression.isValid())
            m_patterns.push_back(std::move(pattern));
    }
}

bool ProjectFiles::ignored(const QString& relative, bool isFolder) const
{
    const QString name = relative.section(QLatin1Char('/'), -1);
    if (isFolder && alwaysSkipped(name))
        return true;
    for (const Pattern& pattern : m_patterns) {
        if (pattern.foldersOnly && !isFolder)
            continue;
        if (pattern.expression.match(pattern.anchored ? relative : name).hasMatch())
            return true;
    }
    return false;
}

void ProjectFiles::walk(const QString& folder,
                        const std::function<bool(const QString&)>& visit) const
{
    walkFolder(QDir::cleanPath(folder), visit, 0);
}

bool ProjectFiles::walkFolder(const QString& absolute,
                              const std::function<bool(const QString&)>& visit, int depth) const
{
    if (depth > kMaxDepth)
        return true;
    const QDir dir(absolute);
    if (dir.exists(QStringLiteral("pyvenv.cfg")) && absolute != m_root)
        return true; // a virtualenv
    const auto entries =
        dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::NoSymLinks,
                          QDir::Name | QDir::DirsLast);
    for (const QFileInfo& entry : entries) {
        const QString relative = entry.absoluteFilePath().mid(m_root.size() + 1);
        if (ignored(relative, entry.isDir()))
            continue;
        if (entry.isDir()) {
            if (!walkFolder(entry.absoluteFilePath(), visit, depth + 1))
                return false;
        } else if (entry.isFile() && !visit(relative)) {
            return false;
        }
    }
    return true;
}

} // namespace orch
