#pragma once
// The files of a workspace that are the project's own, as list_files and search_files show
// them: not .git, virtualenvs (any folder with a pyvenv.cfg), node_modules, caches, nor what
// the workspace's .gitignore names (plain patterns: `name`, `*.log`, `build/`, `/dist`;
// negations are not honoured). Symbolic links are not followed, so a walk never leaves it.

#include <QRegularExpression>
#include <QString>
#include <functional>
#include <vector>

namespace orch {

class ProjectFiles
{
public:
    explicit ProjectFiles(QString workspaceRoot);

    // Visits each file under `folder` (absolute, inside the workspace) with its path relative
    // to the workspace, folder by folder in name order; stops when `visit` returns false.
    void walk(const QString& folder, const std::function<bool(const QString&)>& visit) const;
    bool ignored(const QString& relative, bool isFolder) const;

private:
    struct Pattern
    {
        QRegularExpression expression;
        bool anchored = false;    // matched against the whole relative path
        bool foldersOnly = false; // written with a trailing slash
    };
    bool walkFolder(const QString& absolute, const std::function<bool(const QString&)>& visit,
                    int depth) const;

    QString m_root;
    std::vector<Pattern> m_patterns;
};

} // namespace orch
