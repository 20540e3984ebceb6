#pragma once
// Git tools for agents (libgit2): status, commit, log, diff, branch, push. The remote is the
// engine's choice, never the model's: a local bare repository per project under
// `remoteRoot` (tests, the offline demo), or a URL with a token from the vault.

#include "forge/GitHubSettings.h"
#include "tools/Tool.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
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
    // Or GitHub (git.provider "github"): each project's repository is created through the REST
    // API at its first push, under the organisation or the token's user; the token is
    // pushToken's. It wins over the two above.
    std::optional<GitHubSettings> github;
    int ciPollMs = 10000; // check_ci: how often it asks while it waits
};

// All git tools, sharing one settings object.
std::vector<std::unique_ptr<Tool>> makeGitTools(std::shared_ptr<const GitSettings> settings);

// check_ci: the CI runs of the pushed commit on GitHub, into the state (CiTool.cpp).
std::unique_ptr<Tool> makeCheckCiTool(std::shared_ptr<const GitSettings> settings);

} // namespace orch
