#include "tools/GitTools.h"

#include "tools/Arguments.h"
#include "workspace/GitRepository.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QThreadPool>

namespace orch {
namespace {

using Settings = std::shared_ptr<const GitSettings>;

// Opens the workspace's repository, creating it (and the project's origin) on first use.
Result<std::unique_ptr<GitRepository>> openRepository(const QString& workspace,
                                                      const GitSettings& settings)
{
    const bool existed = QFileInfo::exists(QDir(workspace).filePath(QStringLiteral(".git")));
    auto repository = GitRepository::open(workspace, true);
    if (!repository || existed)
        return repository;
    if (!settings.remoteUrlTemplate.isEmpty()) {
        QString url = settings.remoteUrlTemplate;
        url.replace(QStringLiteral("{project}"), QFileInfo(workspace).fileName());
        if (auto set = repository.value()->setRemote(QStringLiteral("origin"), url); !set)
            return set.failure();
        return repository;
    }
    if (settings.remoteRoot.isEmpty())
        return repository;
    const QString remote = QDir(settings.remoteRoot)
                               .filePath(QFileInfo(workspace).fileName() + QStringLiteral(".git"));
    if (!QFileInfo::exists(remote))
        if (auto created = GitRepository::initBare(remote); !created)
            return created.failure();
    if (auto set = repository.value()->setRemote(QStringLiteral("origin"), remote); !set)
        return set.failure();
    return repository;
}

Json repoState(GitRepository& repository, const QString& workspace)
{
    Json repo = {{"path", toStd(workspace)}};
    if (auto branch = repository.currentBranch())
        repo["branch"] = toStd(branch.value());
    if (auto sha = repository.headSha())
        repo["last_commit"] = toStd(sha.value());
    if (auto remote = repository.remoteUrl(QStringLiteral("origin")))
        repo["remote"] = toStd(remote.value());
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
        auto repository = openRepository(context.workspace, *m_settings);
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
        result.stateUpdate["repo"] = repoState(repository, context.workspace);
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
        result.stateUpdate["repo"] = repoState(repository, context.workspace);
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
        if (!repository.remoteUrl(QStringLiteral("origin")))
            return done(
                ToolResult::failure(QStringLiteral("the project has no remote to push to")));
        const Json repo = repoState(repository, context.workspace);
        const QString workspace = context.workspace;
        const QByteArray token = m_settings->pushToken ? m_settings->pushToken() : QByteArray();
        // The answer is delivered on the application's thread, and dropped if the calling
        // agent went away meanwhile.
        QPointer<QObject> caller = context.owner;
        const bool hadCaller = caller != nullptr;
        QThreadPool::globalInstance()->start([workspace, token, repo, caller, hadCaller, done] {
            Result<void> pushed = Error{QStringLiteral("cannot open the repository")};
            if (auto opened = GitRepository::open(workspace, false))
                pushed = opened.value()->push(QStringLiteral("origin"), token);
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [pushed, repo, caller, hadCaller, done] {
                    if (hadCaller && !caller)
                        return;
                    if (!pushed)
                        return done(ToolResult::failure(pushed.error()));
                    ToolResult result =
                        ToolResult::success({{"pushed", stringOr(repo, "last_commit")},
                                             {"branch", stringOr(repo, "branch")}});
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
    return tools;
}

} // namespace orch
