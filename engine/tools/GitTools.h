#pragma once
// Git tools for agents (libgit2): status, commit, log, diff, branch, push. The remote is the
// engine's choice, never the model's: a local bare repository per project under
// `remoteRoot` (tests, the offline demo), or a URL with a token from the vault.

#include "tools/Tool.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

namespace orch {

struct GitSettings
{
    QString authorName = QStringLiteral("Codegen Orchestrator");
    QString authorEmail = QStringLiteral("orchestrator@localhost");
    QString remoteRoot; // a bare repository <remoteRoot>/<project>.git is the project's origin
    // Or a hosted remote, e.g. "https://github.com/acme/{project}.git" ({project}: the
    // project's id); it wins over remoteRoot. The repository must exist there.
    QString remoteUrlTemplate;
    std::function<QByteArray()> pushToken; // HTTPS token for the remote, when it needs one
};

// All git tools, sharing one settings object.
std::vector<std::unique_ptr<Tool>> makeGitTools(std::shared_ptr<const GitSettings> settings);

} // namespace orch
