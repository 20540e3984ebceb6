// Repositories on GitHub through a local stand-in of its REST API: a run's DevOps commits a
// project with its CI workflow and pushes; the repository is created under the organisation
// (private), the push lands in it, and check_ci waits for the workflow run to complete and
// keeps its conclusion in the state and the report. The client alone: a personal owner, a
// refused token, and answers that are not what GitHub sends.

#include "EngineInternals.h"
#include "GitHubStandIn.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "forge/GitHubClient.h"
#include "store/RunStore.h"
#include "workspace/GitRepository.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

const QByteArray kToken = "ghp_standin_token_4c1e9a";
const char* kWorkflow = "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
                        "    steps:\n      - uses: actions/checkout@v4\n";

} // namespace

class TestGitHub : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // One call of the client against the stand-in, waited for.
    template <typename T, typename Call> Result<T> await(Call call)
    {
        std::optional<Result<T>> answer;
        call([&answer](Result<T> result) { answer = std::move(result); });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
            return Error{QStringLiteral("no answer")};
        return *answer;
    }
    GitHubSettings settingsFor(const GitHubStandIn& github, const QString& owner) const
    {
        GitHubSettings settings;
        settings.api = github.api();
        settings.owner = owner;
        settings.cloneUrlTemplate = github.cloneTemplate();
        return settings;
    }

private slots:
    void aRunCreatesPushesAndReadsCi()
    {
        GitHubStandIn github(kToken, m_dir.filePath("github"));
        QVERIFY(github.listen());
        github.runAnswers = {
            GitHubStandIn::runs(Json::array()),
            GitHubStandIn::runs(Json::array({GitHubStandIn::run("queued")})),
            GitHubStandIn::runs(Json::array({GitHubStandIn::run("in_progress")})),
            GitHubStandIn::runs(Json::array({GitHubStandIn::run("completed", "success")}))};
        ScriptedServer llm;
        QVERIFY(llm.listen());
        llm.reset();
        TestEngine t(llm.server, false, 2, 20000, [&](EngineOptions& options) {
            options.tools.git.github = settingsFor(github, "acme");
            options.tools.git.ciPollMs = 100;
            options.tools.git.pushToken = [] { return kToken; };
        });
        QVERIFY(t.engine);
        llm.model.script(
            "devops",
            {FakeReply::openAiToolCalls(
                 {toolCall("write_file", {{"path", "app.py"}, {"content", "print('hi')\n"}}, "c1"),
                  toolCall("write_file",
                           {{"path", ".github/workflows/ci.yml"}, {"content", kWorkflow}}, "c2"),
                  toolCall("git_commit", {{"message", "the service and its CI"}}, "c3"),
                  toolCall("git_push", Json::object(), "c4")}),
             // A call sees the state its step began with: the push is seen from the next one.
             FakeReply::openAiToolCalls({toolCall("check_ci", {{"wait_s", 20}}, "c5")}),
             FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "pushed"}}, "c6")})});
        const Json graph = testGraph(
            "devops",
            Json::array({testAgent(
                "devops",
                {{"terminal", true},
                 {"tools", {"write_file", "git_commit", "git_push", "check_ci", "finish"}}})}),
            Json::array());
        auto runId = inside(*t.engine).startRun("Hello Service", t.graph(graph));
        QVERIFY2(runId, runId ? "" : qPrintable(runId.error()));
        const RunRecord run = t.waitForStop(runId.value(), 60000);
        QVERIFY2(run.status == RunStatus::Completed, qPrintable(run.reason));

        // Created under the organisation, private, named after the project.
        QCOMPARE(github.repositories.size(), 1);
        const QString fullName = github.repositories.firstKey();
        QVERIFY2(fullName.startsWith("acme/hello-service-"), qPrintable(fullName));
        QCOMPARE(boolOr(github.repositories.first(), "private", false), true);
        bool createdInOrg = false;
        for (const RecordedRequest& request : github.requests())
            createdInOrg |= request.method == "POST" && request.path == "/orgs/acme/repos";
        QVERIFY(createdInOrg);
        // The push reached it, with the workflow.
        auto pushed = GitRepository::openBare(m_dir.filePath("github/" + fullName + ".git"));
        QVERIFY(pushed);
        auto state = inside(*t.engine).store().lastState(runId.value());
        QVERIFY(state);
        const Json repo = member(state.value(), "repo");
        QCOMPARE(toQ(stringOr(repo, "pushed")), pushed.value()->headSha().value());
        QCOMPARE(toQ(stringOr(member(repo, "github"), "repository")), fullName);
        // check_ci waited through queued and in progress to the conclusion.
        const Json ci = member(repo, "ci");
        std::string told; // what check_ci answered, for a failure's message
        const Json last = llm.lastRequest();
        for (const Json& message : arrayAt(last, "messages"))
            if (stringOr(message, "tool_call_id") == "c5")
                told = stringOr(message, "content");
        QVERIFY2(ci.is_object(), told.c_str());
        QCOMPARE(stringOr(ci, "status"), "completed");
        QCOMPARE(stringOr(ci, "conclusion"), "success");
        QCOMPARE(toQ(stringOr(ci, "sha")), pushed.value()->headSha().value());
        auto report = inside(*t.engine).report(runId.value());
        QVERIFY(report);
        QVERIFY2(report->contains("- CI of `") && report->contains(": success"),
                 qPrintable(report.value()));
        QVERIFY2(report->contains("- GitHub: https://github.example/" + fullName + " (private)"),
                 qPrintable(report.value()));
        // The token went to GitHub only: never into a model request.
        for (const RecordedRequest& request : llm.server.requests())
            QVERIFY(!request.body.contains(kToken));
    }

    void aPersonalOwnerGetsAUserRepository()
    {
        GitHubStandIn github(kToken, m_dir.filePath("personal"));
        QVERIFY(github.listen());
        QNetworkAccessManager network;
        GitHubClient client(settingsFor(github, "octo"), kToken, &network, nullptr);
        auto created = await<GitHubRepository>(
            [&](auto done) { client.ensureRepository("clock-1", "a clock", done); });
        QVERIFY2(created, qPrintable(created.error()));
        QVERIFY(created->created);
        QCOMPARE(created->fullName, QStringLiteral("octo/clock-1"));
        // Asked again: it is there, nothing is created twice.
        auto again = await<GitHubRepository>(
            [&](auto done) { client.ensureRepository("clock-1", "a clock", done); });
        QVERIFY(again && !again->created);
        int posts = 0;
        for (const RecordedRequest& request : github.requests())
            posts += request.method == "POST" ? 1 : 0;
        QCOMPARE(posts, 1);
    }

    void refusalsAndStrangeAnswersAreClearErrors()
    {
        GitHubStandIn github(kToken, m_dir.filePath("hostile"));
        QVERIFY(github.listen());
        QNetworkAccessManager network;
        GitHubClient wrongToken(settingsFor(github, "acme"), "not-the-token", &network, nullptr);
        auto refused = await<GitHubRepository>(
            [&](auto done) { wrongToken.ensureRepository("clock", "", done); });
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains("git.token_secret") && refused.error().contains("401"),
                 qPrintable(refused.error()));
        QVERIFY(!refused.error().contains("not-the-token"));

        GitHubClient client(settingsFor(github, "acme"), kToken, &network, nullptr);
        for (const QString& bad : {QStringLiteral("../x"), QStringLiteral("a b"), QString(),
                                   QStringLiteral("x.git"), QString(101, 'a')}) {
            auto invalid =
                await<GitHubRepository>([&](auto done) { client.ensureRepository(bad, "", done); });
            QVERIFY2(!invalid && invalid.code() == ErrorCode::Invalid, qPrintable(bad));
        }
        const QString sha(40, 'a');
        // An organisation the token may not create in.
        GitHubClient elsewhere(settingsFor(github, "someone-else"), kToken, &network, nullptr);
        auto forbidden = await<GitHubRepository>(
            [&](auto done) { elsewhere.ensureRepository("clock", "", done); });
        QVERIFY(!forbidden && forbidden.error().contains("HTTP 404"));
        // Not a list of runs, wrong types inside one, a redirect, an outage: each an answer.
        github.failNext(FakeReply::raw(200, "<html>rate limited</html>"));
        auto garbage = await<CiStatus>([&](auto done) { client.ciStatus("clock", sha, done); });
        QVERIFY(!garbage && garbage.error().contains("workflow_runs"));
        github.failNext(FakeReply::raw(
            200, toBytes({{"workflow_runs",
                           {7, "x", {{"status", 5}, {"conclusion", Json::array()}}}}})));
        auto odd = await<CiStatus>([&](auto done) { client.ciStatus("clock", sha, done); });
        QVERIFY(odd);
        QCOMPARE(odd->runs, 1);
        QVERIFY(odd->status != QLatin1String("completed"));
        FakeReply redirect = FakeReply::raw(302, "");
        redirect.headers = {{"Location", "http://127.0.0.1:1/steal"}};
        github.failNext(redirect);
        auto moved = await<CiStatus>([&](auto done) { client.ciStatus("clock", sha, done); });
        QVERIFY(!moved && moved.error().contains("HTTP 302"));
        github.failNext(FakeReply::raw(503, "{\"message\": \"unavailable\"}"));
        auto down = await<CiStatus>([&](auto done) { client.ciStatus("clock", sha, done); });
        QVERIFY(!down && down.error().contains("unavailable"));
        auto noSha = await<CiStatus>([&](auto done) { client.ciStatus("clock", "HEAD", done); });
        QVERIFY(!noSha && noSha.code() == ErrorCode::Invalid);
        // A failed workflow beside a passing one decides the conclusion.
        auto mixed =
            GitHubClient::readRuns(toBytes({{"workflow_runs",
                                             {GitHubStandIn::run("completed", "success"),
                                              GitHubStandIn::run("completed", "failure")}}}));
        QVERIFY(mixed);
        QCOMPARE(mixed->conclusion, QStringLiteral("failure"));
    }
};

QTEST_GUILESS_MAIN(TestGitHub)
#include "tst_github.moc"
