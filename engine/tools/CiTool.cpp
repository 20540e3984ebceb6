// check_ci: what GitHub's CI made of the pushed commit, waited for up to a bound the model
// chooses, and kept in the state (repo.ci) for the report and the agents after.
#include "forge/GitHubClient.h"
#include "tools/GitTools.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QTimer>

namespace orch {
namespace {

constexpr int kMaxWaitS = 600;

// Asks until the runs complete or the wait is over; deletes itself after answering.
class CiWatch : public QObject
{
public:
    CiWatch(const GitSettings& settings, QByteArray token, QString repository, QString sha,
            int waitMs, Json repo, ToolDone done, QObject* parent)
        : QObject(parent), m_pollMs(settings.ciPollMs), m_waitMs(waitMs),
          m_repository(std::move(repository)), m_sha(std::move(sha)), m_repo(std::move(repo)),
          m_done(std::move(done))
    {
        auto* network = new QNetworkAccessManager(this);
        m_github = new GitHubClient(*settings.github, std::move(token), network, this);
        m_clock.start();
    }

    void ask()
    {
        m_github->ciStatus(m_repository, m_sha, [this](Result<CiStatus> ci) {
            if (!ci)
                return finish(ToolResult::failure(ci.error()));
            const bool completed = ci->status == QLatin1String("completed");
            if (!completed && m_clock.elapsed() + m_pollMs <= m_waitMs) {
                QTimer::singleShot(m_pollMs, this, &CiWatch::ask);
                return;
            }
            const Json status = {{"sha", toStd(m_sha)},
                                 {"status", toStd(ci->status)},
                                 {"conclusion", toStd(ci->conclusion)},
                                 {"workflow", toStd(ci->workflow)},
                                 {"url", toStd(ci->url)},
                                 {"runs", ci->runs}};
            ToolResult result = ToolResult::success({{"ci", status}});
            if (ci->status == QLatin1String("none"))
                result.output["note"] = "no workflow run for this commit yet: is "
                                        ".github/workflows/ci.yml committed and pushed?";
            m_repo["ci"] = status;
            result.stateUpdate["repo"] = m_repo;
            finish(std::move(result));
        });
    }

private:
    void finish(ToolResult result)
    {
        m_done(std::move(result));
        deleteLater();
    }

    int m_pollMs;
    int m_waitMs;
    QString m_repository;
    QString m_sha;
    Json m_repo;
    ToolDone m_done;
    GitHubClient* m_github = nullptr;
    QElapsedTimer m_clock;
};

class CheckCiTool final : public Tool
{
public:
    explicit CheckCiTool(std::shared_ptr<const GitSettings> settings)
        : m_settings(std::move(settings))
    {
    }

    ToolSpec spec() const override
    {
        return {"check_ci",
                "Read what GitHub's CI made of the pushed commit: queued, in progress, or "
                "completed with its conclusion (success, failure, …) and the run's URL. Push "
                "first.",
                {{"type", "object"},
                 {"properties",
                  {{"wait_s", argument("integer",
                                       "how long to wait for the runs to complete, in seconds "
                                       "(default 0: ask once)",
                                       {{"minimum", 0}, {"maximum", kMaxWaitS}})}}}}};
    }

    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override
    {
        if (!m_settings->github)
            return done(ToolResult::failure(
                QStringLiteral("CI runs are read from GitHub, and this orchestrator pushes "
                               "elsewhere (git.provider is not github)")));
        const Json repo = objectAt(context.state, "repo");
        const QString sha = toQ(stringOr(repo, "pushed"));
        const QString fullName = toQ(stringOr(objectAt(repo, "github"), "repository"));
        const QString name = fullName.section(QLatin1Char('/'), 1);
        if (sha.isEmpty() || name.isEmpty())
            return done(ToolResult::failure(
                QStringLiteral("nothing pushed to GitHub yet: commit and git_push first")));
        // The schema checked the type and the range; the clamp keeps a bad caller in bounds too.
        const int waitS = int(std::clamp<long long>(intOr(arguments, "wait_s", 0), 0, kMaxWaitS));
        const QByteArray token = m_settings->pushToken ? m_settings->pushToken() : QByteArray();
        auto* watch = new CiWatch(*m_settings, token, name, sha, waitS * 1000, repo,
                                  std::move(done), context.owner);
        watch->ask();
    }

private:
    std::shared_ptr<const GitSettings> m_settings;
};

} // namespace

std::unique_ptr<Tool> makeCheckCiTool(std::shared_ptr<const GitSettings> settings)
{
    return std::make_unique<CheckCiTool>(std::move(settings));
}

} // namespace orch
