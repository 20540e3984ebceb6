#pragma once
// A thin RAII wrapper over libgit2 for one working repository. Synchronous; the network
// operation (push) is meant to run on a worker thread (see GitTools).

#include "api/GitCommit.h"
#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

struct git_repository;
struct git_remote;

namespace orch {

class GitRepository
{
public:
    // Opens the repository of the workspace at `path` (its `.git` folder only, see
    // GitDirectory.h; none of its configuration obeyed), or initialises one there (branch
    // `main`) when asked.
    static Result<std::unique_ptr<GitRepository>> open(const QString& path, bool initialise);
    // A bare repository (a project's local origin), for reading.
    static Result<std::unique_ptr<GitRepository>> openBare(const QString& path);
    static Result<void> initBare(const QString& path);
    ~GitRepository();

    // Changed, new and deleted files relative to HEAD ("M app.py", "A new.py", "D old.py").
    Result<QStringList> status() const;
    // Stages everything (new, changed, deleted) and commits; returns the new sha.
    Result<QString> commitAll(const QString& message, const QString& authorName,
                              const QString& authorEmail);
    Result<std::vector<GitCommitInfo>> log(int limit) const;
    // The working tree against HEAD as a patch.
    Result<QString> diff() const;
    // What one commit changed (against its first parent) as a patch.
    Result<QString> commitDiff(const QString& sha) const;
    Result<void> createBranch(const QString& name, bool checkout);
    Result<QString> currentBranch() const;
    Result<QString> headSha() const;
    // Writes HEAD's files (no .git) into `target`, which must not exist yet.
    Result<void> exportHead(const QString& target) const { return exportCommit({}, target); }
    // The same for one commit by its full sha (empty: HEAD).
    Result<void> exportCommit(const QString& sha, const QString& target) const;
    Result<void> setRemote(const QString& name, const QString& url);
    // Pushes the current branch to `url` (never to a remote the repository's config names,
    // which whoever writes the workspace can change). `token` goes to the credential callback
    // (as x-access-token, never into the URL), and only when libgit2 asks for a URL that is
    // https on `credentialHost`; any other request for credentials fails the push.
    Result<void> push(const QString& url, const QByteArray& token, const QString& credentialHost);
    // The commit `branch` points at on the remote (none: no such branch), as `push` reaches it.
    Result<std::optional<QString>> remoteBranchSha(const QString& url, const QByteArray& token,
                                                   const QString& credentialHost,
                                                   const QString& branch);
    // Whether the credential callback hands the token to a request for `url`.
    static bool credentialsAllowed(const QString& url, const QString& credentialHost);

private:
    explicit GitRepository(git_repository* repository);
    // A remote for `url` alone, owned by the caller.
    Result<void> anonymousRemote(git_remote** out, const QString& url) const;
    git_repository* m_repo;
};

} // namespace orch
