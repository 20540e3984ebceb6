// A coding agent as a node of the graph, on a real engine with the real sandbox: the Claude
// Code stand-in (tests/support/standins/claude) does the scripted model's work in the project's
// workspace; its tool uses become coding_step events, its reported cost the ledger's; the
// orchestrator runs `make test` and commits what it left with its last line. Inside the
// sandbox it reaches the model's endpoint through the allow-list proxy and nothing else, and
// the repository is read-only to it; its key reaches it and no event.

#include "CodingHarness.h"
#include "TestFiles.h"
#include "store/RunStore.h"
#include "workspace/GitRepository.h"

#include <QDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

const char* kKey = kCodingKey;

Json graph(const Json& coding = Json::object())
{
    return codingGraph(coding);
}

FakeReply write(const std::string& path, const std::string& content, const std::string& id)
{
    return FakeReply::anthropicToolUse(
        {toolCall("Write", {{"file_path", path}, {"content", content}}, id)});
}

const char* kGreet = "def greet(name):\n    return 'hello, ' + name\n";
const char* kGreetTest =
    "import unittest\nfrom greet import greet\n\n\nclass T(unittest.TestCase):\n"
    "    def test_greet(self):\n        self.assertEqual(greet('Ann'), 'hello, Ann')\n";

// What a run's coding_step events say, as kind:name.
QStringList codingSteps(RunStore& store, const QString& runId, QString* all = nullptr)
{
    QStringList seen;
    for (const RunEvent& e : store.events(runId).value()) {
        if (all)
            *all += toQ(dumpJson(e.payload));
        if (e.kind == EventKind::CodingStep)
            seen << toQ(stringOr(e.payload, "kind")) + ":" + toQ(stringOr(e.payload, "name"));
    }
    return seen;
}

} // namespace

class TestCodingAgent : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;

    std::unique_ptr<TestEngine> engine() { return codingEngine(m_fake.server); }

private slots:
    void initTestCase() { QVERIFY(m_fake.listen()); }
    void init() { m_fake.reset(); }

    void aTaskDoneTestedAndCommitted()
    {
        auto t = engine();
        m_fake.model.script(
            "claude",
            {write("greet.py", "def greet(name):\n    return 'hello, ' + name\n", "w1"),
             write("test_greet.py",
                   "import unittest\nfrom greet import greet\n\n\nclass T(unittest.TestCase):\n"
                   "    def test_greet(self):\n        self.assertEqual(greet('Ann'), 'hello, "
                   "Ann')\n",
                   "w2"),
             write("Makefile", "test:\n\tpython3 -m unittest -v\n", "w3"),
             // Outside the allow-list, and the repository: both refused.
             FakeReply::anthropicToolUse(
                 {toolCall("Bash",
                           {{"command", "python3 -c \"import urllib.request; "
                                        "urllib.request.urlopen('http://example.org/')\""}},
                           "b1"),
                  toolCall("Bash",
                           {{"command", "git -c user.name=x -c user.email=x@y commit "
                                        "--allow-empty -m sneaky"}},
                           "b2")}),
             FakeReply::anthropicText("I wrote greet.\nAdd greet with its test")});
        m_fake.model.script("done", {FakeReply::openAiText("done")});
        const RunRecord run = t->runToEnd(graph(), "a greeter", 90000);
        QVERIFY2(run.status == RunStatus::Completed, qPrintable(run.reason));

        RunStore& store = inside(*t->engine).store();
        const Json state = store.lastState(run.id).value();
        QCOMPARE(state["tests"]["passed"], true);
        QVERIFY(!stringOr(objectAt(objectAt(state, "coding"), "coder"), "session").empty());
        const QString workspace = QString::fromStdString(stringOr(state["repo"], "path"));
        auto repository = GitRepository::open(workspace, false);
        QVERIFY(repository);
        auto log = repository.value()->log(5);
        QVERIFY(log);
        QCOMPARE(log->front().summary, QStringLiteral("Add greet with its test"));
        // And pushed to the project's remote, as the built-in Developer's work is.
        const QString remote = toQ(stringOr(state["repo"], "remote"));
        QVERIFY(!remote.isEmpty());
        QCOMPARE(readFile(remote + "/refs/heads/main").trimmed().toStdString(),
                 stringOr(state["repo"], "last_commit"));
        for (const auto& commit : log.value())
            QVERIFY(commit.summary != QLatin1String("sneaky"));

        // Its steps in the timeline; the refusals in what the tools gave back; no key anywhere.
        QStringList seen;
        QString all;
        for (const RunEvent& e : store.events(run.id).value()) {
            all += toQ(dumpJson(e.payload));
            if (e.kind == EventKind::CodingStep)
                seen << toQ(stringOr(e.payload, "kind")) + ":" + toQ(stringOr(e.payload, "name"));
        }
        QVERIFY2(seen.contains("tool_use:Write") && seen.contains("tool_use:Bash") &&
                     seen.contains("finished:success"),
                 qPrintable(seen.join(' ')));
        QVERIFY2(all.contains("403") || all.contains("Forbidden"), "the proxy's refusal");
        QVERIFY(!all.contains(QLatin1String(kKey)));
        // The key reached the CLI, not its home (the file that handed it over is gone).
        QVERIFY(QDir(t->dir.filePath("workspaces/.coding"))
                    .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                    .size() == 1);
        const QString home = t->dir.filePath("workspaces/.coding/") +
                             QDir(t->dir.filePath("workspaces/.coding"))
                                 .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                                 .first();
        QVERIFY(QFile::exists(home + "/TASK.md"));
        QVERIFY(!QFile::exists(home + "/.key"));
        // The request reached the model with the key, through the proxy.
        QCOMPARE(m_fake.server.requests().first().header("x-api-key"), QByteArray(kKey));
        // Its own reported cost is the ledger's.
        auto ledger = store.ledger(run.id).value();
        bool reported = false;
        for (const LedgerEntry& entry : ledger)
            reported = reported || (entry.provider == "claude" && entry.cost.value_or(0) > 0);
        QVERIFY(reported);
    }

    // Codex does the same work through its patches and commands; it reports tokens, not a
    // cost, so the pricing table prices them.
    void codexDoesTheWorkPricedByTheTable()
    {
        auto t = engine();
        auto patch = [](const std::string& path, const std::string& text) {
            std::string body = "*** Begin Patch\n*** Add File: " + path + "\n";
            for (const QString& line :
                 QString::fromStdString(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                body += "+" + line.toStdString() + "\n";
            return body + "*** End Patch";
        };
        auto apply = [&](const std::string& path, const std::string& text, const std::string& id) {
            return toolCall("apply_patch", {{"input", patch(path, text)}}, id);
        };
        m_fake.model.script(
            "codex",
            {FakeReply::responses("Writing it.", {apply("greet.py", kGreet, "p1")}),
             FakeReply::responses({},
                                  {apply("test_greet.py", kGreetTest, "p2"),
                                   apply("Makefile", "test:\n\tpython3 -m unittest -v\n", "p3")}),
             FakeReply::responses(
                 {}, {toolCall("shell", {{"command", Json::array({"make", "test"})}}, "s1")}),
             FakeReply::responses("Done.\nAdd greet, written by Codex")});
        m_fake.model.script("done", {FakeReply::openAiText("done")});
        const RunRecord run = t->runToEnd(graph({{"program", "codex"}, {"model", "gpt-5-codex"}}),
                                          "a greeter", 90000);
        QVERIFY2(run.status == RunStatus::Completed, qPrintable(run.reason));
        RunStore& store = inside(*t->engine).store();
        QString all;
        const QStringList seen = codingSteps(store, run.id, &all);
        QVERIFY2(seen.contains("file_change:") && seen.contains("command:make test") &&
                     seen.contains("message:agent_message"),
                 qPrintable(seen.join(' ')));
        QVERIFY(all.contains("test_greet.py"));
        QVERIFY(!all.contains(QLatin1String(kKey)));
        QCOMPARE(m_fake.server.requests().first().header("authorization"),
                 QByteArray("Bearer ") + kKey);
        const QString workspace = toQ(stringOr(store.lastState(run.id).value()["repo"], "path"));
        QCOMPARE(GitRepository::open(workspace, false).value()->log(1)->front().summary,
                 QStringLiteral("Add greet, written by Codex"));
        // Four calls of 30 input and 11 output tokens at gpt-5-codex's prices.
        std::optional<double> cost;
        for (const LedgerEntry& entry : store.ledger(run.id).value())
            if (entry.provider == "codex")
                cost = entry.cost;
        QVERIFY(cost);
        QVERIFY2(qAbs(*cost - (120 * 1.25 + 44 * 10.0) / 1e6) < 1e-9,
                 qPrintable(QString::number(*cost)));
    }

    // Claude Code reports its cost only at the end; each model call's usage, priced by the
    // table, stops it once it passes the node's limit.
    void aBudgetSpentMidTaskStopsIt()
    {
        auto t = engine();
        std::vector<FakeReply> replies;
        for (int i = 0; i < 8; ++i)
            replies.push_back(FakeReply::anthropicToolUse(
                {toolCall("Bash", {{"command", "true"}}, "b" + std::to_string(i))}));
        m_fake.model.script("claude", std::move(replies));
        const RunRecord run = t->runToEnd(graph({{"max_cost_usd", 0.0005}}), "a loop", 60000);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("more than its limit of $0.0005"), qPrintable(run.reason));
        // 25 input and 9 output tokens a call: $0.00021 each, so the third passes the limit.
        QVERIFY2(m_fake.model.callsFor("claude") <= 4,
                 qPrintable(QString::number(m_fake.model.callsFor("claude"))));
        double spent = 0;
        for (const LedgerEntry& entry : inside(*t->engine).store().ledger(run.id).value())
            if (entry.provider == "claude")
                spent += entry.cost.value_or(0);
        QVERIFY2(spent > 0.0005 && spent < 0.001, qPrintable(QString::number(spent)));
    }

    // orchestratord goes away while the CLI waits for its model; started again, the run's
    // coding step resumes the CLI's session: the conversation it had goes on.
    void aRestartResumesTheCodingSession()
    {
        EngineOptions options;
        // A killed process's runs are taken over when its lease runs out.
        auto t = codingEngine(m_fake.server, {}, &options,
                              [](EngineOptions& o) { o.runLeaseMs = 1500; });
        FakeReply never = FakeReply::anthropicText("never seen");
        never.delayMs = 60000;
        m_fake.model.script("claude", {write("greet.py", kGreet, "w1"), never,
                                       write("test_greet.py", kGreetTest, "w2"),
                                       write("Makefile", "test:\n\tpython3 -m unittest -v\n", "w3"),
                                       FakeReply::anthropicText("Add greet after a restart")});
        m_fake.model.script("done", {FakeReply::openAiText("done")});
        const QString runId = inside(*t->engine).startRun("a greeter", t->graph(graph())).value();
        QVERIFY(QTest::qWaitFor([&] { return m_fake.model.callsFor("claude") == 2; }, 30000));
        t->engine.reset(); // the CLI goes with it

        auto again = Engine::create(options);
        QVERIFY2(again, qPrintable(again.error()));
        t->engine = std::move(again).value();
        QString problems;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         const auto report = t->engine->resumeUnfinished();
                         problems =
                             report ? report->problems.join(QStringLiteral("; ")) : report.error();
                         return report && report->resumed == QStringList{runId};
                     },
                     10000),
                 qPrintable(problems));
        const RunRecord run = t->waitForStop(runId, 60000);
        QVERIFY2(run.status == RunStatus::Completed,
                 qPrintable(RunStatus::name(run.status) + QLatin1Char(' ') + run.reason));
        // The first call after the restart carried what the session had done before it.
        const Json resumed = m_fake.server.requests()[2].json();
        QVERIFY2(dumpJson(resumed["messages"]).find("\"w1\"") != std::string::npos,
                 dumpJson(resumed["messages"]).c_str());
        const QString workspace =
            toQ(stringOr(inside(*t->engine).store().lastState(runId).value()["repo"], "path"));
        QVERIFY(QFile::exists(QDir(workspace).filePath("greet.py")));
        QCOMPARE(GitRepository::open(workspace, false).value()->log(1)->front().summary,
                 QStringLiteral("Add greet after a restart"));
    }

    // A coding agent whose key is not in the vault fails the run at once with why, before
    // any model is called.
    void aCodingAgentThatCannotRunFailsWithTheReason()
    {
        TestEngine t(m_fake.server);
        const Json document =
            testGraph("coder",
                      {{{"id", "coder"},
                        {"kind", "coding_agent"},
                        {"terminal", true},
                        {"coding", {{"program", "claude"}, {"key_secret", "key:anthropic"}}}}},
                      Json::array());
        RunRecord run = t.runToEnd(document);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("no secret key:anthropic in the vault"),
                 qPrintable(run.reason));
        QCOMPARE(m_fake.server.requestCount(), 0);
    }

    void aCliThatFailsFailsTheRunWithWhy()
    {
        auto t = engine();
        m_fake.model.script("claude", {FakeReply::error(401, "invalid x-api-key")});
        const RunRecord run = t->runToEnd(graph(), "a greeter", 60000);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("claude failed") && run.reason.contains("401"),
                 qPrintable(run.reason));
        QVERIFY(!run.reason.contains(QLatin1String(kKey)));
    }
};

QTEST_GUILESS_MAIN(TestCodingAgent)
#include "tst_coding_agent.moc"
