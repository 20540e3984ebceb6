#include "workspace/GitRepository.h"

#include <QDir>
#include <QRegularExpression>
#include <QUrl>
#include <git2.h>

namespace orch {
namespace {

struct LibGit2
{
    LibGit2() { git_libgit2_init(); }
    ~LibGit2() { git_libgit2_shutdown(); }
};

void ensureLibGit2()
{
    static LibGit2 library;
}

Error gitError(const QString& what)
{
    const git_error* error = git_error_last();
    return Error{QStringLiteral("%1: %2").arg(what, error && error->message
                                                        ? QString::fromUtf8(error->message)
                                                        : QStringLiteral("unknown git error"))};
}

template <typename T, void (*Free)(T*)> struct Owned
{
    T* ptr = nullptr;
    ~Owned()
    {
        if (ptr)
            Free(ptr);
    }
    T** out() { return &ptr; }
};

using Index = Owned<git_index, git_index_free>;
using Tree = Owned<git_tree, git_tree_free>;
using Commit = Owned<git_commit, git_commit_free>;
using Signature = Owned<git_signature, git_signature_free>;
using Reference = Owned<git_reference, git_reference_free>;
using Remote = Owned<git_remote, git_remote_free>;
using RevWalk = Owned<git_revwalk, git_revwalk_free>;
using Diff = Owned<git_diff, git_diff_free>;
using StatusList = Owned<git_status_list, git_status_list_free>;

QString shaOf(const git_oid* oid)
{
    char text[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(text, sizeof text, oid);
    return QString::fromLatin1(text);
}

struct CredentialPolicy
{
    QByteArray token;
    QString host; // the only host the token goes to, over https
};

int credentials(git_credential** out, const char* url, const char*, unsigned int allowed,
                void* payload)
{
    const auto* policy = static_cast<const CredentialPolicy*>(payload);
    if (!policy || policy->token.isEmpty() || !(allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT))
        return GIT_PASSTHROUGH;
    if (!GitRepository::credentialsAllowed(QString::fromUtf8(url), policy->host)) {
        git_error_set_str(
            GIT_ERROR_NET,
            QStringLiteral("credentials refused for %1: the token goes only to "
                           "https://%2")
                .arg(QUrl(QString::fromUtf8(url)).toDisplayString(QUrl::RemoveUserInfo),
                     policy->host)
                .toUtf8()
                .constData());
        return GIT_EUSER;
    }
    return git_credential_userpass_plaintext_new(out, "x-access-token", policy->token.constData());
}

} // namespace

GitRepository::GitRepository(git_repository* repository) : m_repo(repository) {}

GitRepository::~GitRepository()
{
    git_repository_free(m_repo);
}

Result<std::unique_ptr<GitRepository>> GitRepository::open(const QString& path, bool initialise)
{
    ensureLibGit2();
    git_repository* repository = nullptr;
    const QByteArray local = QDir(path).absolutePath().toUtf8();
    if (git_repository_open_ext(&repository, local.constData(), GIT_REPOSITORY_OPEN_NO_SEARCH,
                                nullptr) == 0)
        return std::unique_ptr<GitRepository>(new GitRepository(repository));
    if (!initialise)
        return gitError(QStringLiteral("no git repository at %1").arg(path));
    git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    options.flags = GIT_REPOSITORY_INIT_MKPATH;
    options.initial_head = "main";
    if (git_repository_init_ext(&repository, local.constData(), &options) != 0)
        return gitError(QStringLiteral("cannot initialise a repository at %1").arg(path));
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

Result<void> GitRepository::setRemote(const QString& name, const QString& url)
{
    Remote remote;
    if (git_remote_lookup(remote.out(), m_repo, name.toUtf8().constData()) == 0) {
        if (git_remote_set_url(m_repo, name.toUtf8().constData(), url.toUtf8().constData()) != 0)
            return gitError(QStringLiteral("cannot set remote %1").arg(name));
        return {};
    }
    Remote created;
    if (git_remote_create(created.out(), m_repo, name.toUtf8().constData(),
                          url.toUtf8().constData()) != 0)
        return gitError(QStringLiteral("cannot add remote %1").arg(name));
    return {};
}

Result<QString> GitRepository::remoteUrl(const QString& name) const
{
    Remote remote;
    if (git_remote_lookup(remote.out(), m_repo, name.toUtf8().constData()) != 0)
        return Error{QStringLiteral("no remote '%1'").arg(name)};
    return QString::fromUtf8(git_remote_url(remote.ptr));
}

bool GitRepository::credentialsAllowed(const QString& url, const QString& credentialHost)
{
    const QUrl parsed(url, QUrl::StrictMode);
    return parsed.isValid() && parsed.scheme() == QLatin1String("https") &&
           !credentialHost.isEmpty() &&
           parsed.host().compare(credentialHost, Qt::CaseInsensitive) == 0;
}

Result<void> GitRepository::push(const QString& url, const QByteArray& token,
                                 const QString& credentialHost)
{
    auto branch = currentBranch();
    if (!branch)
        return branch.failure();
    Remote remote;
    if (git_remote_create_anonymous(remote.out(), m_repo, url.toUtf8().constData()) != 0)
        return gitError(QStringLiteral("cannot push to %1").arg(url));
    const QByteArray refspec =
        QStringLiteral("refs/heads/%1:refs/heads/%1").arg(branch.value()).toUtf8();
    char* spec = const_cast<char*>(refspec.constData());
    const git_strarray specs = {&spec, 1};
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    options.callbacks.credentials = credentials;
    CredentialPolicy policy{token, credentialHost};
    options.callbacks.payload = &policy;
    if (git_remote_push(remote.ptr, &specs, &options) != 0)
        return gitError(QStringLiteral("push to origin (%1) failed")
                            .arg(QUrl(url).toDisplayString(QUrl::RemoveUserInfo)));
    return {};
}

Result<std::optional<QString>> GitRepository::remoteBranchSha(const QString& url,
                                                              const QByteArray& token,
                                                              const QString& credentialHost,
                                                              const QString& branch)
{
    Remote remote;
    if (git_remote_create_anonymous(remote.out(), m_repo, url.toUtf8().constData()) != 0)
        return gitError(QStringLiteral("cannot reach %1").arg(url));
    git_remote_callbacks callbacks = GIT_REMOTE_CALLBACKS_INIT;
    callbacks.credentials = credentials;
    CredentialPolicy policy{token, credentialHost};
    callbacks.payload = &policy;
    const QString shown = QUrl(url).toDisplayString(QUrl::RemoveUserInfo);
    if (git_remote_connect(remote.ptr, GIT_DIRECTION_FETCH, &callbacks, nullptr, nullptr) != 0)
        return gitError(QStringLiteral("cannot read the branches of %1").arg(shown));
    const git_remote_head** heads = nullptr;
    size_t count = 0;
    if (git_remote_ls(&heads, &count, remote.ptr) != 0)
        return gitError(QStringLiteral("cannot read the branches of %1").arg(shown));
    const QByteArray wanted = QStringLiteral("refs/heads/%1").arg(branch).toUtf8();
    for (size_t i = 0; i < count; ++i)
        if (wanted == heads[i]->name) {
            char sha[GIT_OID_HEXSZ + 1] = {};
            git_oid_tostr(sha, sizeof sha, &heads[i]->oid);
            return std::optional<QString>(QString::fromLatin1(sha));
        }
    return std::optional<QString>();
}

} // namespace orch
