#pragma once
// Read-only views into a project's workspace for review: its files (never outside the
// workspace, never .git), a file's text (capped), the git log and what each commit changed.

#include "core/Result.h"
#include "workspace/GitRepository.h"

#include <QStringList>

namespace orch {

class ProjectBrowser
{
public:
    static constexpr int kMaxFiles = 2000;
    static constexpr qint64 kMaxFileBytes = 256 * 1024;

    explicit ProjectBrowser(QString workspace) : m_workspace(std::move(workspace)) {}

    Result<QStringList> files() const; // relative paths, sorted
    Result<QString> fileText(const QString& relativePath) const;
    Result<std::vector<GitCommitInfo>> commits(int limit = 200) const;
    Result<QString> commitDiff(const QString& sha) const;

private:
    QString m_workspace;
};

} // namespace orch
