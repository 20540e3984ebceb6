#pragma once
// A project's workspace folder. Every path an agent gives is resolved here and refused when
// it would leave the folder: absolute paths, ".." components, and symlinks that point out.

#include "core/Result.h"

#include <QString>

namespace orch {

class Workspace
{
public:
    explicit Workspace(QString root);

    const QString& root() const { return m_root; }
    // An absolute path inside the workspace for `relative` (which need not exist yet).
    Result<QString> resolve(const QString& relative) const;
    // The path relative to the root, for messages and listings.
    QString relativePath(const QString& absolute) const;

private:
    QString m_root; // canonical
};

} // namespace orch
