#include "workspace/GitRepository.h"

#include "workspace/GitDirectory.h"
#include "workspace/GitHandles.h"

#include <QDir>
#include <QRegularExpression>
#include <git2/sys/repository.h>

namespace orch {

using namespace git;

GitRepository::GitRepository(git_repository* repository) : m_repo(repository) {}

GitRepository::~GitRepository()
{
    git_repository_free(m_repo);
}

Result<std::unique_ptr<GitRepository>> GitRepository::open(const QString& path, bool initialise)
{
    ensureLibGit2();
    const QString workspace = QDir(path).absolutePath();
    if (auto plain = gitdir::checkPlain(workspace); !plain) {
        if (plain.code() != ErrorCode::NotFound)
            return plain.failure();
        if (!initialise)
            return gitError(QStringLiteral("no git repository at %1").arg(path));
        git_repository* created = nullptr;
        git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
        options.flags = GIT_REPOSITORY_INIT_MKPATH;
        options.initial_head = "main";
        if (git_repository_init_ext(&created, workspace.toUtf8().constData(), &options) != 0)
            return gitError(QStringLiteral("cannot initialise a repository at %1").arg(path));
        git_repository_free(created);
    }
    // `.git` opened as a folder, never searched for or redirected; the work tree is the
    // workspace whatever core.worktree says; and the repository's configuration (and the
    // user's and system's) replaced by an empty one, so nothing in it (URL rewriting, filter
    // drivers, include.path, excludes files) steers this process. libgit2 runs no hooks.
    git_repository* repository = nullptr;
    const QByteArray gitDir = (workspace + QStringLiteral("/.git")).toUtf8();
    if (git_repository_open_ext(&repository, gitDir.constData(),
                                GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_BARE,
                                nullptr) != 0)
        return gitError(QStringLiteral("cannot open the repository at %1").arg(path));
    std::unique_ptr<GitRepository> opened(new GitRepository(repository));
    Config empty;
    if (git_repository_set_workdir(repository, workspace.toUtf8().constData(), 0) != 0 ||
        git_config_new(empty.out()) != 0 || git_repository_set_config(repository, empty.ptr) != 0)
        return gitError(QStringLiteral("cannot open the repository at %1").arg(path));
    return opened;
}

Result<std::unique_ptr<GitRepository>> GitRepository::openBare(const QString& path)
{
    ensureLibGit2();
    git_repository* repository = nullptr;
    if (git_repository_open_bare(&repository, QDir(path).absolutePath().toUtf8().constData()) != 0)
        return gitError(QStringLiteral("no bare repository at %1").arg(path));
    return std::unique_ptr<GitRepository>(new GitRepository(repository));
}

Result<void> GitRepository::initBare(const QString& path)
{
    ensureLibGit2();
    git_repository* repository = nullptr;
    git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    options.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_BARE;
    options.initial_head = "main";
    if (git_repository_init_ext(&repository, path.toUtf8().constData(), &options) != 0)
        return gitError(QStringLiteral("cannot create the bare repository %1").arg(path));
    git_repository_free(repository);
    return {};
}

Result<QStringList> GitRepository::status() const
{
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
    StatusList list;
    if (git_status_list_new(list.out(), m_repo, &options) != 0)
        return gitError(QStringLiteral("git status"));
    QStringList lines;
    for (size_t i = 0; i < git_status_list_entrycount(list.ptr); ++i) {
        const git_status_entry* entry = git_status_byindex(list.ptr, i);
        const git_diff_delta* delta =
            entry->index_to_workdir ? entry->index_to_workdir : entry->head_to_index;
        if (!delta)
            continue;
        const unsigned s = entry->status;
        const char* code = (s & (GIT_STATUS_WT_NEW | GIT_STATUS_INDEX_NEW))           ? "A"
                           : (s & (GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED)) ? "D"
                                                                                      : "M";
        lines << QStringLiteral("%1 %2").arg(QLatin1String(code),
                                             QString::fromUtf8(delta->new_file.path));
    }
    return lines;
}

Result<QString> GitRepository::commitAll(const QString& message, const QString& authorName,
                                         const QString& authorEmail)
{
    Index index;
    if (git_repository_index(index.out(), m_repo) != 0)
        return gitError(QStringLiteral("cannot open the index"));
    char star[] = "*";
    char* pattern = star;
    git_strarray everything = {&pattern, 1};
    if (git_index_add_all(index.ptr, &everything, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr) != 0 ||
        git_index_update_all(index.ptr, &everything, nullptr, nullptr) != 0 ||
        git_index_write(index.ptr) != 0)
        return gitError(QStringLiteral("cannot stage the changes"));
    git_oid treeId;
    if (git_index_write_tree(&treeId, index.ptr) != 0)
        return gitError(QStringLiteral("cannot write the tree"));
    Tree tree;
    if (git_tree_lookup(tree.out(), m_repo, &treeId) != 0)
        return gitError(QStringLiteral("cannot read the tree"));
    Commit parent;
    git_oid headId;
    const bool hasHead = git_reference_name_to_id(&headId, m_repo, "HEAD") == 0;
    if (hasHead && git_commit_lookup(parent.out(), m_repo, &headId) != 0)
        return gitError(QStringLiteral("cannot read HEAD"));
    if (hasHead && git_oid_equal(git_commit_tree_id(parent.ptr), &treeId))
        return Error{QStringLiteral("nothing to commit: the working tree matches HEAD")};
    Signature author;
    if (git_signature_now(author.out(), authorName.toUtf8().constData(),
                          authorEmail.toUtf8().constData()) != 0)
        return gitError(QStringLiteral("invalid commit author"));
    git_oid commitId;
    const git_commit* parents[] = {parent.ptr};
    if (git_commit_create(&commitId, m_repo, "HEAD", author.ptr, author.ptr, "UTF-8",
                          message.toUtf8().constData(), tree.ptr, hasHead ? 1 : 0, parents) != 0)
        return gitError(QStringLiteral("cannot commit"));
    return shaOf(&commitId);
}

Result<std::vector<GitCommitInfo>> GitRepository::log(int limit) const
{
    std::vector<GitCommitInfo> commits;
    RevWalk walk;
    if (git_revwalk_new(walk.out(), m_repo) != 0)
        return gitError(QStringLiteral("git log"));
    if (git_revwalk_push_head(walk.ptr) != 0)
        return commits; // no commit yet
    git_oid id;
    while (int(commits.size()) < limit && git_revwalk_next(&id, walk.ptr) == 0) {
        Commit commit;
        if (git_commit_lookup(commit.out(), m_repo, &id) != 0)
            return gitError(QStringLiteral("git log"));
        const git_signature* author = git_commit_author(commit.ptr);
        commits.push_back({shaOf(&id), QString::fromUtf8(git_commit_summary(commit.ptr)),
                           QString::fromUtf8(author->name), qint64(author->when.time)});
    }
    return commits;
}

Result<QString> GitRepository::diff() const
{
    Tree head;
    git_oid headId;
    if (git_reference_name_to_id(&headId, m_repo, "HEAD") == 0) {
        Commit commit;
        if (git_commit_lookup(commit.out(), m_repo, &headId) != 0 ||
            git_commit_tree(head.out(), commit.ptr) != 0)
            return gitError(QStringLiteral("git diff"));
    }
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_SHOW_UNTRACKED_CONTENT |
                    GIT_DIFF_RECURSE_UNTRACKED_DIRS;
    Diff diff;
    if (git_diff_tree_to_workdir_with_index(diff.out(), m_repo, head.ptr, &options) != 0)
        return gitError(QStringLiteral("git diff"));
    git_buf buffer = GIT_BUF_INIT;
    if (git_diff_to_buf(&buffer, diff.ptr, GIT_DIFF_FORMAT_PATCH) != 0)
        return gitError(QStringLiteral("git diff"));
    const QString text = QString::fromUtf8(buffer.ptr, qsizetype(buffer.size));
    git_buf_dispose(&buffer);
    return text;
}

Result<QString> GitRepository::commitDiff(const QString& sha) const
{
    git_oid id;
    Commit commit;
    Tree tree;
    if (git_oid_fromstr(&id, sha.toLatin1().constData()) != 0 ||
        git_commit_lookup(commit.out(), m_repo, &id) != 0 ||
        git_commit_tree(tree.out(), commit.ptr) != 0)
        return Error{QStringLiteral("no commit %1").arg(sha)};
    Commit parent;
    Tree parentTree;
    if (git_commit_parentcount(commit.ptr) > 0 &&
        (git_commit_parent(parent.out(), commit.ptr, 0) != 0 ||
         git_commit_tree(parentTree.out(), parent.ptr) != 0))
        return gitError(QStringLiteral("git show %1").arg(sha));
    Diff diff;
    if (git_diff_tree_to_tree(diff.out(), m_repo, parentTree.ptr, tree.ptr, nullptr) != 0)
        return gitError(QStringLiteral("git show %1").arg(sha));
    git_buf buffer = GIT_BUF_INIT;
    if (git_diff_to_buf(&buffer, diff.ptr, GIT_DIFF_FORMAT_PATCH) != 0)
        return gitError(QStringLiteral("git show %1").arg(sha));
    const QString text = QString::fromUtf8(buffer.ptr, qsizetype(buffer.size));
    git_buf_dispose(&buffer);
    return text;
}

Result<void> GitRepository::createBranch(const QString& name, bool checkout)
{
    git_oid headId;
    Commit head;
    if (git_reference_name_to_id(&headId, m_repo, "HEAD") != 0 ||
        git_commit_lookup(head.out(), m_repo, &headId) != 0)
        return Error{QStringLiteral("cannot branch before the first commit")};
    Reference branch;
    if (git_branch_create(branch.out(), m_repo, name.toUtf8().constData(), head.ptr, 0) != 0)
        return gitError(QStringLiteral("cannot create branch %1").arg(name));
    if (checkout && git_repository_set_head(m_repo, git_reference_name(branch.ptr)) != 0)
        return gitError(QStringLiteral("cannot switch to %1").arg(name));
    return {};
}

Result<QString> GitRepository::currentBranch() const
{
    Reference head;
    if (git_repository_head(head.out(), m_repo) != 0) {
        // An unborn branch: read where HEAD points.
        Reference symbolic;
        if (git_reference_lookup(symbolic.out(), m_repo, "HEAD") != 0)
            return gitError(QStringLiteral("cannot read HEAD"));
        return QString::fromUtf8(git_reference_symbolic_target(symbolic.ptr))
            .section(QLatin1Char('/'), 2);
    }
    return QString::fromUtf8(git_reference_shorthand(head.ptr));
}

Result<QString> GitRepository::headSha() const
{
    git_oid id;
    if (git_reference_name_to_id(&id, m_repo, "HEAD") != 0)
        return Error{QStringLiteral("no commit yet")};
    return shaOf(&id);
}

Result<void> GitRepository::exportCommit(const QString& sha, const QString& target) const
{
    git_oid id;
    Commit commit;
    if (sha.isEmpty()) {
        if (git_reference_name_to_id(&id, m_repo, "HEAD") != 0 ||
            git_commit_lookup(commit.out(), m_repo, &id) != 0)
            return Error{QStringLiteral("nothing to export: no commit yet")};
    } else {
        // A full sha only: never revision syntax that came from elsewhere.
        static const QRegularExpression full(QStringLiteral("^[0-9a-f]{40}$"));
        if (!full.match(sha).hasMatch() || git_oid_fromstr(&id, sha.toLatin1().constData()) != 0 ||
            git_commit_lookup(commit.out(), m_repo, &id) != 0)
            return Error{QStringLiteral("no commit %1 in the repository").arg(sha.left(40)),
                         ErrorCode::NotFound};
    }
    Tree tree;
    if (git_commit_tree(tree.out(), commit.ptr) != 0)
        return gitError(QStringLiteral("cannot read the commit's tree"));
    const QByteArray directory = target.toUtf8();
    git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
    options.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DONT_UPDATE_INDEX;
    options.target_directory = directory.constData();
    options.disable_filters = 1;
    if (git_checkout_tree(m_repo, reinterpret_cast<const git_object*>(tree.ptr), &options) != 0)
        return gitError(QStringLiteral("cannot export the commit to %1").arg(target));
    return {};
}

} // namespace orch
