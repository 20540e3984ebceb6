// A coding agent as a node of the graph, on a real engine with the real sandbox: the Claude
// Code stand-in (tests/support/standins/claude) does the scripted model's work in the project's
// workspace; its tool uses become coding_step events, its reported cost the ledger's; the
// orchestrator runs `make test` and commits what it left with its last line. Inside the
// sandbox it reaches the model's endpoint through the allow-list proxy and nothing else, and
// the repository is read-only to it; its key reaches it and no event.

#include "EngineInternals.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"
#include "vault/Vault.h"
#include "workspace/GitRepository.h"

#include <QDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

const char* kKey = "sk-ant-test-9f8e7d6c5b4a";

Json graph(const Json& coding = Json::object())
{
    Json settings = {{"program", "claude"},
                     {"model", "claude-sonnet-4-5"},
                     {"key_secret", "key:anthropic"},
                     {"max_minutes", 2}};
    for (auto it = coding.begin(); it != coding.end(); ++it)
        settings[it.key()] = it.value();
    return testGraph("coder",
                     {{{"id", "coder"}, {"kind", "coding_agent"}, {"coding", settings}},
                      testAgent("done", {{"terminal", true}})},
                     {{{"from", "coder"}, {"to", "done"}, {"when", "tests.passed"}}});
}

FakeReply write(const std::string& path, const std::string& content, const std::string& id)
{
    return FakeReply::anthropicToolUse(
        {toolCall("Write", {{"file_path", path}, {"content", content}}, id)});
}

} // namespace

class TestCodingAgent : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;

    std::unique_ptr<TestEngine> engine()
    {
        const quint16 port = m_fake.server.port();
        auto t =
            std::make_unique<TestEngine>(m_fake.server, false, 2, 20000, [port](EngineOptions& o) {
                o.codingAgents.paths[QStringLiteral("claude")] =
                    QStringLiteral(SOURCE_DIR "/tests/support/standins/claude");
                o.codingAgents.baseUrls[QStringLiteral("claude")] =
                    QStringLiteral("http://127.0.0.1:%1").arg(port);
            });
        auto vault = inside(*t->engine).vault();
        if (!vault || !vault.value()->put(QStringLiteral("key:anthropic"), kKey))
            qFatal("no vault");
        return t;
    }

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
