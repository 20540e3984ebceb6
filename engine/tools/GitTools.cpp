#include "tools/GitTools.h"

#include "forge/GitHubClient.h"
#include "graph/ProjectState.h"
#include "tools/Arguments.h"
#include "tools/DeployTools.h"
#include "workspace/GitRepository.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QThreadPool>
#include <QUrl>

namespace orch {
namespace {

using Settings = std::shared_ptr<const GitSettings>;

// "City Time" of project 3f2c…: "city-time-3f2c1a9b", readable and the project's alone.
QString githubRepositoryName(const QString& projectName, const QString& projectId)
{
    const QString slug = serviceSlug(projectName).left(60);
    const QString id = projectId.left(8).toLower();
    return slug.isEmpty() ? QStringLiteral("project-") + id : slug + QLatin1Char('-') + id;
}

// Where the project's code goes: from the settings and the project (its workspace folder is
// named after its id), never from the workspace's .git/config.
struct ProjectRemote
{
    QString url;            // empty: the project has no remote
    QString credentialHost; // the https host the push token may go to; empty for a local remote
    QString githubName;     // the repository's name on GitHub, which creates it on first push
};

Result<ProjectRemote> projectRemote(const GitSettings& settings, const QString& workspace,
                                    const Json& state)
{
    const QString project = QFileInfo(workspace).fileName();
    if (settings.github) {
        const QString name = githubRepositoryName(StateView(state).projectName(), project);
        const QString url = settings.github->cloneUrl(name);
        const QUrl parsed(url, QUrl::StrictMode);
        const bool hosted = parsed.scheme() == QLatin1String("https");
        return ProjectRemote{url, hosted ? parsed.host() : QString(), name};
    }
    if (!settings.remoteUrlTemplate.isEmpty()) {
        QString url = settings.remoteUrlTemplate;
        url.replace(QStringLiteral("{project}"), project);
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.scheme() != QLatin1String("https") ||
            parsed.host().isEmpty() || !parsed.userInfo().isEmpty())
            return Error{QStringLiteral("git.remote_url must be an https URL without credentials "
                                        "(the token is given when the server asks), not %1")
                             .arg(parsed.toDisplayString(QUrl::RemoveUserInfo)),
                         ErrorCode::Invalid};
        return ProjectRemote{url, parsed.host(), {}};
    }
    if (settings.remoteRoot.isEmpty())
        return ProjectRemote{};
    return ProjectRemote{
        QDir(settings.remoteRoot).filePath(project + QStringLiteral(".git")), {}, {}};
}

// Opens the workspace's repository, creating it (and the project's origin) on first use.
Result<std::unique_ptr<GitRepository>>
openRepository(const QString& workspace, const GitSettings& settings, const Json& state)
{
    const bool existed = QFileInfo::exists(QDir(workspace).filePath(QStringLiteral(".git")));
    auto repository = GitRepository::open(workspace, true);
    if (!repository)
        return repository;
    auto remote = projectRemote(settings, workspace, state);
    if (!remote)
        return existed ? std::move(repository) : remote.failure();
    if (remote->url.isEmpty())
        return repository;
    // A local origin exists even when the repository was made by a command, not by us. A
    // GitHub repository is GitHub's to create (at the first push).
    if (remote->githubName.isEmpty() && remote->credentialHost.isEmpty() &&
        !QFileInfo::exists(remote->url))
        if (auto created = GitRepository::initBare(remote->url); !created)
            return created.failure();
    // For people and other git clients only: pushes never read it.
    if (!existed)
        if (auto set = repository.value()->setRemote(QStringLiteral("origin"), remote->url); !set)
            return set.failure();
    return repository;
}

Json repoState(GitRepository& repository, const QString& workspace, const GitSettings& settings,
               const Json& state)
{
    Json repo = {{"path", toStd(workspace)}};
    if (auto branch = repository.currentBranch())
        repo["branch"] = toStd(branch.value());
    if (auto sha = repository.headSha())
        repo["last_commit"] = toStd(sha.value());
    if (auto remote = projectRemote(settings, workspace, state); remote && !remote->url.isEmpty())
        repo["remote"] = toStd(remote->url);
    return repo;
}

class GitTool : public Tool
{
public:
    GitTool(Settings settings, ToolSpec spec)
        : m_settings(std::move(settings)), m_spec(std::move(spec))
    {
    }
    ToolSpec spec() const override { return m_spec; }

    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override
    {
        auto repository = openRepository(context.workspace, *m_settings, context.state);
        if (!repository)
            return done(ToolResult::failure(repository.error()));
        run(*repository.value(), arguments, context, std::move(done));
    }

protected:
    virtual void run(GitRepository& repository, const Json& arguments, const ToolContext& context,
                     ToolDone done) = 0;
    Settings m_settings;

private:
    ToolSpec m_spec;
};

const Json kNoArguments = {{"type", "object"}, {"properties", Json::object()}};

class StatusTool final : public GitTool
{
public:
    explicit StatusTool(Settings s)
        : GitTool(std::move(s),
                  {"git_status", "Changed files since the last commit.", kNoArguments})
    {
    }
    void run(GitRepository& repository, const Json&, const ToolContext&, ToolDone done) override
    {
        auto status = repository.status();
        if (!status)
            return done(ToolResult::failure(status.error()));
        Json files = Json::array();
        for (const QString& line : status.value())
            files.push_back(toStd(line));
        done(ToolResult::success({{"changes", std::move(files)}}));
    }
};

class CommitTool final : public GitTool
{
public:
    explicit CommitTool(Settings s)
        : GitTool(std::move(s),
                  {"git_commit",
                   "Stage every change in the workspace and commit it.",
                   {{"type", "object"},
                    {"properties", {{"message", argument("string", "the commit message")}}},
                    {"required", {"message"}}}})
    {
    }
    void run(GitRepository& repository, const Json& arguments, const ToolContext& context,
             ToolDone done) override
    {
        auto message = Arguments(arguments).requiredString("message");
        if (!message)
            return done(ToolResult::failure(message.error()));
        auto sha =
            repository.commitAll(message.value(), m_settings->authorName, m_settings->authorEmail);
        if (!sha)
            return done(ToolResult::failure(sha.error()));
        ToolResult result = ToolResult::success({{"commit", toStd(sha.value())}});
        result.stateUpdate["repo"] =
            repoState(repository, context.workspace, *m_settings, context.state);
        done(std::move(result));
    }
};

class LogTool final : public GitTool
{
public:
    explicit LogTool(Settings s)
        : GitTool(std::move(s), {"git_log",
                                 "Recent commits, newest first.",
                                 {{"type", "object"},
                                  {"properties",
                                   {{"limit", argument("integer", "how many commits (default 20)",
                                                       {{"minimum", 1}, {"maximum", 200}})}}}}})
    {
    }
    void run(GitRepository& repository, const Json& arguments, const ToolContext&,
             ToolDone done) override
    {
        const int limit = int(std::clamp(intOr(arguments, "limit", 20), 1LL, 200LL));
        auto commits = repository.log(limit);
        if (!commits)
            return done(ToolResult::failure(commits.error()));
        Json list = Json::array();
        for (const auto& c : commits.value())
            list.push_back({{"sha", toStd(c.sha)},
                            {"summary", toStd(c.summary)},
                            {"author", toStd(c.author)},
                            {"time", c.time}});
        done(ToolResult::success({{"commits", std::move(list)}}));
    }
};

class DiffTool final : public GitTool
{
public:
    explicit DiffTool(Settings s)
        : GitTool(std::move(s), {"git_diff", "The uncommitted changes as a patch.", kNoArguments})
    {
    }
    void run(GitRepository& repository, const Json&, const ToolContext&, ToolDone done) override
    {
        auto diff = repository.diff();
        if (!diff)
            return done(ToolResult::failure(diff.error()));
        done(ToolResult::success({{"diff", toStd(diff->left(60000))}}));
    }
};

class BranchTool final : public GitTool
{
public:
    explicit BranchTool(Settings s)
        : GitTool(std::move(s),
                  {"git_branch",
                   "Create a branch from HEAD and switch to it.",
                   {{"type", "object"},
                    {"properties", {{"name", argument("string", "the new branch's name")}}},
                    {"required", {"name"}}}})
    {
    }
    void run(GitRepository& repository, const Json& arguments, const ToolContext& context,
             ToolDone done) override
    {
        auto name = Arguments(arguments).requiredString("name");
        if (!name)
            return done(ToolResult::failure(name.error()));
        if (auto created = repository.createBranch(name.value(), true); !created)
            return done(ToolResult::failure(created.error()));
        ToolResult result = ToolResult::success({{"branch", toStd(name.value())}});
        result.stateUpdate["repo"] =
            repoState(repository, context.workspace, *m_settings, context.state);
        done(std::move(result));
    }
};

// Pushing talks to the network: it runs on the thread pool and answers on the caller's thread.
class PushTool final : public GitTool
{
public:
    explicit PushTool(Settings s)
        : GitTool(std::move(s),
                  {"git_push", "Push the current branch to the project's remote.", kNoArguments})
    {
    }
    void run(GitRepository& repository, const Json&, const ToolContext& context,
             ToolDone done) override
    {
        push(repository, context, std::move(done), false);
    }
    // A push cut short by a crash may have reached the remote: the remote branch is read
    // first, and a branch already at the commit is not pushed again.
    void reconcile(const Json&, const ToolContext& context, ToolDone done) override
    {
        auto repository = openRepository(context.workspace, *m_settings, context.state);
        if (!repository)
            return done(ToolResult::failure(repository.error()));
        push(*repository.value(), context, std::move(done), true);
    }

private:
    void push(GitRepository& repository, const ToolContext& context, ToolDone done, bool afterCrash)
    {
        auto remote = projectRemote(*m_settings, context.workspace, context.state);
        if (!remote)
            return done(ToolResult::failure(remote.error()));
        if (remote->url.isEmpty())
            return done(ToolResult::failure(
                QStringLiteral("the project has no remote to push to (no git.remote_url or "
                               "git.remotes_dir in the settings)")));
        const Json repo = repoState(repository, context.workspace, *m_settings, context.state);
        if (remote->githubName.isEmpty())
            return send(remote.value(), repo, context.workspace, context.owner, std::move(done),
                        afterCrash);
        // GitHub: the repository is created where it belongs before the first push.
        const QByteArray token = m_settings->pushToken ? m_settings->pushToken() : QByteArray();
        if (token.isEmpty())
            return done(ToolResult::failure(
                QStringLiteral("pushing to GitHub needs a token: git.token_secret in the settings "
                               "names it in the vault")));
        auto* network = new QNetworkAccessManager(context.owner);
        auto* github = new GitHubClient(*m_settings->github, token, network, network);
        const QString description = StateView(context.state).projectName();
        github->ensureRepository(
            remote->githubName, description,
            [this, network, remote = remote.value(), repo = Json(repo),
             workspace = context.workspace, owner = QPointer<QObject>(context.owner),
             hadOwner = context.owner != nullptr, done,
             afterCrash](Result<GitHubRepository> created) mutable {
                network->deleteLater();
                if (hadOwner && !owner)
                    return; // the run was cancelled meanwhile
                if (!created)
                    return done(ToolResult::failure(created.error()));
                repo["github"] = {{"repository", toStd(created->fullName)},
                                  {"url", toStd(created->htmlUrl)},
                                  {"private", created->isPrivate}};
                send(remote, repo, workspace, owner, std::move(done), afterCrash);
            });
    }

    void send(const ProjectRemote& remote, const Json& repo, const QString& workspace,
              QPointer<QObject> caller, ToolDone done, bool afterCrash)
    {
        // Read only for a hosted remote, the one place it may go.
        const QByteArray token = m_settings->pushToken && !remote.credentialHost.isEmpty()
                                     ? m_settings->pushToken()
                                     : QByteArray();
        // The answer is delivered on the application's thread, and dropped if the calling
        // agent went away meanwhile.
        const bool hadCaller = caller != nullptr;
        QThreadPool::globalInstance()->start([workspace, token, repo, caller, hadCaller, done,
                                              afterCrash, remote] {
            Result<void> pushed = Error{QStringLiteral("cannot open the repository")};
            bool alreadyThere = false;
            if (auto opened = GitRepository::open(workspace, false)) {
                if (afterCrash) {
                    auto there = opened.value()->remoteBranchSha(
                        remote.url, token, remote.credentialHost, toQ(stringOr(repo, "branch")));
                    alreadyThere = there && there.value() &&
                                   *there.value() == toQ(stringOr(repo, "last_commit"));
                }
                pushed = alreadyThere
                             ? Result<void>()
                             : opened.value()->push(remote.url, token, remote.credentialHost);
            }
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [pushed, repo, caller, hadCaller, done, alreadyThere] {
                    if (hadCaller && !caller)
                        return;
                    if (!pushed)
                        return done(ToolResult::failure(pushed.error()));
                    ToolResult result =
                        ToolResult::success({{"pushed", stringOr(repo, "last_commit")},
                                             {"branch", stringOr(repo, "branch")}});
                    if (alreadyThere)
                        result.output["already_on_remote"] = true;
                    Json state = repo;
                    state["pushed"] = stringOr(repo, "last_commit");
                    result.stateUpdate["repo"] = state;
                    done(std::move(result));
                },
                Qt::QueuedConnection);
        });
    }
};

} // namespace

std::vector<std::unique_ptr<Tool>> makeGitTools(std::shared_ptr<const GitSettings> settings)
{
    std::vector<std::unique_ptr<Tool>> tools;
    tools.push_back(std::make_unique<StatusTool>(settings));
    tools.push_back(std::make_unique<CommitTool>(settings));
    tools.push_back(std::make_unique<LogTool>(settings));
    tools.push_back(std::make_unique<DiffTool>(settings));
    tools.push_back(std::make_unique<BranchTool>(settings));
    tools.push_back(std::make_unique<PushTool>(settings));
    tools.push_back(makeCheckCiTool(settings));
    return tools;
}

} // namespace orch
