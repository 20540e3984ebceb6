// orchestratord as a person uses it: exit codes, step lines, --json, keys from the
// environment only, and the runs/show/answer commands.

#include "CliProcess.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestCli : public QObject
{
    Q_OBJECT

    FakeLlmServer m_server;
    ScriptedModel m_model;
    QTemporaryDir m_dir;

    QString writeGraph(const Json& graph) { return writeGraphFile(m_dir, graph); }
    QStringList base(const QString& db) const
    {
        return {"--db",           m_dir.filePath(db),
                "--workspace",    m_dir.filePath("ws"),
                "--llm-url",      m_server.baseUrl().toString(),
                "--llm-attempts", "1"};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(!orchestratordPath().isEmpty());
        QVERIFY(m_server.listen());
    }
    void init()
    {
        m_model = ScriptedModel();
        m_server.reset();
        m_server.setHandler(m_model.handler());
    }

    void badArgumentsExit2()
    {
        QCOMPARE(runCli({}).exitCode, 2);
        QCOMPARE(runCli({"frobnicate"}).exitCode, 2);
        CliResult help = runCli({"run", "--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* option : {"--description", "--graph", "--db", "--workspace", "--llm-url",
                                   "--llm-model", "--api-key-env", "--json"})
            QVERIFY2(help.out.contains(QLatin1String(option)), option);
        CliResult noUrl = runCli({"run", "--description", "x", "--db", m_dir.filePath("a.db")});
        QCOMPARE(noUrl.exitCode, 2);
        QVERIFY2(noUrl.err.contains("--llm-url"), qPrintable(noUrl.err));
        QCOMPARE(runCli({"run", "--db", m_dir.filePath("a.db")}).exitCode, 2); // no description
    }

    void onlyCommandsThatRunStepsStartAgainTuned()
    {
        // The loader says each time a program starts (LD_DEBUG=files, "transferring control"):
        // a command that runs steps starts again with the allocator tuned; a short one does not
        // pay for that.
        const auto starts = [](const QStringList& arguments) {
            return runCli(arguments, {QStringLiteral("LD_DEBUG=files")})
                .err.count(QStringLiteral("transferring control"));
        };
        QCOMPARE(starts({"--version"}), 1);
        QCOMPARE(starts({"runs", "--db", m_dir.filePath("short.db")}), 1);
        QCOMPARE(starts({"run", "--help"}), 2);
        QCOMPARE(starts({"serve", "--help"}), 2);
    }

    void invalidGraphExit2WithPaths()
    {
        Json graph = chainGraph(2);
        graph["edges"][0]["to"] = "ghost";
        CliResult result =
            runCli(QStringList{"run", "--description", "x", "--graph", writeGraph(graph)} +
                   base("invalid.db"));
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("$.edges[0].to: unknown agent 'ghost'"),
                 qPrintable(result.err));
        QCOMPARE(m_server.requestCount(), 0);
        CliResult validate = runCli({"validate", writeGraph(graph)});
        QCOMPARE(validate.exitCode, 2);
        QVERIFY(validate.err.contains("$.edges[0].to"));
    }

    void completedRunPrintsStepsAndExits0()
    {
        m_model.setFallback([](const QString& agent, const Json&) {
            return FakeReply::openAiText("done by " + agent.toStdString(), 100, 20);
        });
        CliResult result = runCli(
            QStringList{"run", "--description", "a clock", "--graph", writeGraph(chainGraph(3))} +
            base("ok.db"));
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QVERIFY2(
            result.out.contains(QRegularExpression("step +1 a1 +finished -> a2 +tokens 100/20")),
            qPrintable(result.out));
        QVERIFY(result.out.contains(QRegularExpression("step +3 a3 +finished")));
        QVERIFY(result.out.contains("completed after 3 steps, tokens 300/60"));

        CliResult runs = runCli({"runs", "--db", m_dir.filePath("ok.db"), "--json"});
        QCOMPARE(runs.exitCode, 0);
        const Json row = parseJson(runs.out.trimmed().toUtf8());
        QCOMPARE(row["status"], "completed");
        QCOMPARE(row["steps"], 3);
        QCOMPARE(row["prompt_tokens"], 300);

        CliResult show = runCli({"show", toQ(row["id"]).left(8), "--db", m_dir.filePath("ok.db")});
        QCOMPARE(show.exitCode, 0);
        QVERIFY2(show.out.contains(QRegularExpression("step +2 a2 +llm +finished")),
                 qPrintable(show.out));
        QVERIFY(show.out.contains("final state:"));
        CliResult showJson =
            runCli({"show", toQ(row["id"]), "--db", m_dir.filePath("ok.db"), "--json"});
        const Json shown = parseJson(showJson.out.toUtf8());
        QCOMPARE(shown["steps"].size(), size_t(3));
        QCOMPARE(shown["steps"][2]["checkpoint"]["step"], 3);
    }

    void changeRunsOnTheSameProjectByName()
    {
        m_model.setFallback([](const QString& agent, const Json&) {
            return FakeReply::openAiText("done by " + agent.toStdString(), 100, 20);
        });
        const QString graph = writeGraph(chainGraph(2));
        CliResult first = runCli(QStringList{"run", "--description", "a clock", "--graph", graph} +
                                 base("change.db"));
        QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
        // By name; the run starts at the graph's entry (it has no architect) and completes.
        CliResult change =
            runCli(QStringList{"change", "a clock", "show seconds too"} + base("change.db"));
        QVERIFY2(change.exitCode == 0, qPrintable(change.out + change.err));
        QVERIFY(change.out.contains(QRegularExpression("step +1 a1 +finished")));
        QVERIFY(change.out.contains("completed after 2 steps"));
        CliResult runs = runCli({"runs", "--db", m_dir.filePath("change.db"), "--json"});
        const QStringList rows = runs.out.trimmed().split('\n');
        QCOMPARE(rows.size(), 2);
        const Json project = parseJson(rows[0].toUtf8())["project"];
        QVERIFY(project.is_string() && !project.get<std::string>().empty());
        QCOMPARE(parseJson(rows[1].toUtf8())["project"], project);

        // Refusals: an unknown project, and no text.
        CliResult unknown =
            runCli(QStringList{"change", "no such project", "x"} + base("change.db"));
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("no such project"), qPrintable(unknown.err));
        QCOMPARE(runCli(QStringList{"change", "a clock", "  "} + base("change.db")).exitCode, 2);
    }

    void jsonLinesAndApiKeyFromEnvironment()
    {
        m_model.setFallback(
            [](const QString&, const Json&) { return FakeReply::openAiText("ok"); });
        const QString secret = QStringLiteral("sk-cli-secret-123");
        CliResult result = runCli(QStringList{"run", "--description", "x", "--json", "--graph",
                                              writeGraph(chainGraph(2)), "--api-key-env",
                                              "TEST_KEY", "--log-level", "debug"} +
                                      base("json.db"),
                                  {"TEST_KEY=" + secret});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        int steps = 0;
        for (const QString& line : result.out.split('\n', Qt::SkipEmptyParts)) {
            const Json object = parseJson(line.toUtf8());
            QVERIFY2(object.is_object(), qPrintable(line));
            if (object["type"] == "step")
                ++steps;
        }
        QCOMPARE(steps, 2);
        QCOMPARE(m_server.requests().at(0).header("authorization"), "Bearer " + secret.toUtf8());
        QVERIFY(!result.out.contains(secret));
        QVERIFY(!result.err.contains(secret));

        CliResult missing =
            runCli(QStringList{"run", "--description", "x", "--api-key-env", "NOT_SET_ANYWHERE"} +
                   base("json.db"));
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("NOT_SET_ANYWHERE"));
    }

    void secretsGoInByStdinAndReachOnlyTheProvider()
    {
        m_model.setFallback(
            [](const QString&, const Json&) { return FakeReply::openAiText("ok"); });
        const QString secret = QStringLiteral("sk-vault-secret-456");
        const QStringList vaultEnv = {"ORCHESTRATOR_VAULT_KEY=" + QByteArray(32, 'k').toBase64()};
        QProcess set;
        startCli(set, {"secrets", "set", "openai", "--db", m_dir.filePath("vault.db")}, vaultEnv);
        QVERIFY(set.waitForStarted());
        set.write(secret.toUtf8() + "\n");
        set.closeWriteChannel();
        QVERIFY(set.waitForFinished());
        QCOMPARE(set.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(set.readAllStandardOutput()).trimmed(),
                 QStringLiteral("key:openai"));

        CliResult list = runCli({"secrets", "list", "--db", m_dir.filePath("vault.db")}, vaultEnv);
        QVERIFY(list.out.contains("key:openai"));
        QVERIFY(!list.out.contains(secret));

        CliResult run =
            runCli(QStringList{"run", "--description", "x", "--graph", writeGraph(chainGraph(1)),
                               "--api-key-secret", "key:openai", "--log-level", "debug"} +
                       base("vault.db"),
                   vaultEnv);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QCOMPARE(m_server.requests().at(0).header("authorization"), "Bearer " + secret.toUtf8());
        QVERIFY(!run.out.contains(secret) && !run.err.contains(secret));
        CliResult wrongKey =
            runCli(QStringList{"run", "--description", "x", "--api-key-secret", "key:openai"} +
                       base("vault.db"),
                   {"ORCHESTRATOR_VAULT_KEY=" + QByteArray(32, 'x').toBase64()});
        QCOMPARE(wrongKey.exitCode, 2);
        QVERIFY2(wrongKey.err.contains("wrong vault key"), qPrintable(wrongKey.err));
    }

    void waitingExits3AndAnswerContinues()
    {
        const Json graph = testGraph(
            "a", {testAgent("a", {{"tools", {"ask_human"}}, {"terminal", true}})}, Json::array());
        m_model.script("a", {FakeReply::openAiToolCalls(
                                 {toolCall("ask_human", {{"question", "Which city?"}})}),
                             FakeReply::openAiText("Thanks")});
        CliResult waiting =
            runCli(QStringList{"run", "--description", "x", "--graph", writeGraph(graph)} +
                   base("wait.db"));
        QVERIFY2(waiting.exitCode == 3, qPrintable(waiting.out + waiting.err));
        QVERIFY2(waiting.out.contains("a asks: Which city?"), qPrintable(waiting.out));
        CliResult runs = runCli({"runs", "--db", m_dir.filePath("wait.db"), "--json"});
        const QString runId = toQ(parseJson(runs.out.trimmed().toUtf8())["id"]);
        CliResult answered = runCli(QStringList{"answer", runId, "Paris"} + base("wait.db"));
        QCOMPARE(answered.exitCode, 0);
        QVERIFY2(answered.out.contains("completed"), qPrintable(answered.out));
    }

    void bundledGraphAgainstAPlainModelEndsClearly()
    {
        m_model.setFallback([](const QString&, const Json&) {
            return FakeReply::openAiText("Sounds like a fun project!");
        });
        CliResult result =
            runCli(QStringList{"run", "--description", "a clock"} + base("default.db"));
        // Nudged twice, then the person is asked: the command exits as waiting.
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.out.contains("brainstorm keeps ending its turn without doing anything"),
                 qPrintable(result.out + result.err));
    }

    void failureExits1WithReason()
    {
        m_model.setFallback(
            [](const QString&, const Json&) { return FakeReply::error(401, "invalid key"); });
        CliResult result =
            runCli(QStringList{"run", "--description", "x", "--graph", writeGraph(chainGraph(2))} +
                   base("fail.db"));
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("HTTP 401: invalid key"), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
