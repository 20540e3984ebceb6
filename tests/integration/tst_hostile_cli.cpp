// Bad model replies against the real orchestratord process: it never aborts (exit 134), it
// ends every run with a clear exit code and reason, a 40 MB reply keeps it under 200 MB of
// peak memory, and questions queued in one reply are answered across processes.

#include "CliProcess.h"
#include "LocalPorts.h"
#include "ScriptedModel.h"
#include "TestFiles.h"
#include "TestGraphs.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

// The peak memory orchestratord logs at exit with --log-level debug, in MiB (-1: not logged).
double peakMemoryMb(const CliResult& result)
{
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("peak memory (\\d+) MiB")).match(result.err);
    return match.hasMatch() ? match.captured(1).toDouble() : -1;
}

} // namespace

class TestHostileCli : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;
    QTemporaryDir m_dir;

    QStringList base(const QString& db) const
    {
        return {"--db",           m_dir.filePath(db),
                "--workspace",    m_dir.filePath("ws"),
                "--llm-url",      m_fake.server.baseUrl().toString(),
                "--llm-attempts", "2",
                "--no-stream"};
    }
    QString graphFile(const Json& tools)
    {
        Json graph =
            testGraph("a", {testAgent("a", {{"tools", tools}, {"terminal", true}})}, Json::array());
        return writeGraphFile(m_dir, graph,
                              QStringLiteral("graph-%1.json").arg(qHash(toQ(dumpJson(tools)))));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        QVERIFY(!orchestratordPath().isEmpty());
        QVERIFY(m_fake.server.listen());
    }
    void init() { m_fake.reset(); }

    // Each of these aborted the process before: a quoted integer argument, null usage, and
    // a reply whose message is a string.
    void badRepliesEndWithAnExitCodeNotACrash()
    {
        const Json nullUsage = {{"choices",
                                 {{{"message", {{"role", "assistant"}, {"content", "done"}}},
                                   {"finish_reason", "stop"}}}},
                                {"usage", {{"prompt_tokens", 3}, {"completion_tokens", nullptr}}}};
        m_fake.model.script("a",
                            {FakeReply::openAiToolCalls({toolCall("git_log", {{"limit", "5"}})}),
                             FakeReply::raw(200, toBytes(nullUsage))});
        CliResult ok =
            runCli(QStringList{"run", "--description", "x", "--graph", graphFile({"git_log"})} +
                   base("a.db"));
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.out + ok.err));

        m_fake.model.script(
            "a", {FakeReply::raw(200, R"({"choices": [{"message": "just a string"}]})"),
                  FakeReply::raw(200, R"({"choices": [{"message": "just a string"}]})")});
        CliResult failed =
            runCli(QStringList{"run", "--description", "x", "--graph", graphFile({"git_log"})} +
                   base("b.db"));
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.contains("reply choice has no message"), qPrintable(failed.err));
    }

    void fortyMegabyteReplyKeepsMemoryBounded()
    {
        // The same command with ordinary replies first, for comparison (an agent with tools
        // is done once it did something).
        m_fake.model.script("a", {FakeReply::openAiToolCalls({toolCall("git_log", {{"limit", 5}})}),
                                  FakeReply::openAiText("done")});
        CliResult ordinary = runCli(QStringList{"run", "--description", "x", "--graph",
                                                graphFile({"git_log"}), "--log-level", "debug"} +
                                    base("c0.db"));
        QCOMPARE(ordinary.exitCode, 0);
        const double baseline = peakMemoryMb(ordinary);
        const QByteArray huge = "{\"choices\": [{\"message\": {\"content\": \"" +
                                QByteArray(40 * 1024 * 1024, 'x') + "\"}}]}";
        m_fake.model.script("a", {FakeReply::raw(200, huge), FakeReply::raw(200, huge)});
        CliResult result = runCli(QStringList{"run", "--description", "x", "--graph",
                                              graphFile({"git_log"}), "--log-level", "debug"} +
                                  base("c.db"));
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("larger than 8388608 bytes"), qPrintable(result.err));
        const double peak = peakMemoryMb(result);
        qInfo("orchestratord peak RSS: %.1f MiB with an ordinary reply, %.1f MiB with a 40 MB one",
              baseline, peak);
        QVERIFY2(peak > 0 && peak < 200, qPrintable(QString::number(peak)));
    }

    void teardownAndSecretsRefuseWhatDoesNotExist()
    {
        const int servicePort = freePort();
        const QStringList deploy = {"--deploy-root",      m_dir.filePath("deploy"),
                                    "--http-port",        QString::number(freePort()),
                                    "--https-port",       QString::number(freePort()),
                                    "--caddy-admin-port", QString::number(freePort()),
                                    "--service-ports",    QStringLiteral("%1-%1").arg(servicePort)};
        QDir().mkpath(m_dir.filePath("deploy/real-service"));
        for (const QString& name :
             {QStringLiteral("../../etc"), QStringLiteral("a/../b"), QStringLiteral("Not Valid"),
              QStringLiteral("missing-service")}) {
            CliResult result = runCli(QStringList{"teardown", name} + deploy);
            QVERIFY2(result.exitCode == 2, qPrintable(name + ": " + result.err));
            QVERIFY2(result.err.contains("no deployed service named"), qPrintable(result.err));
        }
        QVERIFY(QDir(m_dir.filePath("deploy/real-service")).exists());
        const QStringList vault = {"ORCHESTRATOR_VAULT_KEY=" + QByteArray(32, 'k').toBase64()};
        CliResult removed =
            runCli({"secrets", "remove", "key:never-set", "--db", m_dir.filePath("s.db")}, vault);
        QVERIFY2(removed.exitCode != 0, qPrintable(removed.out));
        QVERIFY2(removed.err.contains("no secret key:never-set"), qPrintable(removed.err));
        // deployments: nothing deployed is said plainly; names that are not projects, options
        // smuggled as names and wrong shapes end with the usage or "no project", never a crash.
        const QStringList db = {"--db", m_dir.filePath("d.db")};
        CliResult listed = runCli(QStringList{"deployments"} + db);
        QVERIFY2(listed.exitCode == 0 && listed.out.contains("nothing deployed"),
                 qPrintable(listed.out + listed.err));
        for (const QStringList& args :
             {QStringList{"redeploy", "../../etc"}, QStringList{"rollback", QString(5000, 'x')},
              QStringList{"redeploy", "--", "--db=/etc/passwd"}, QStringList{"rollback"},
              QStringList{"undeploy", "x"}, QStringList{"list", "extra"}}) {
            CliResult result = runCli(QStringList{"deployments"} + args + db + deploy);
            QVERIFY2(result.exitCode == 2, qPrintable(args.join(' ') + ": " + result.err));
            QVERIFY2(result.err.contains("no project") || result.err.contains("usage:"),
                     qPrintable(result.err));
        }
    }

    // Two questions in one reply, each answered by its own `orchestratord answer` process.
    void queuedQuestionsAnsweredAcrossProcesses()
    {
        m_fake.model.script("a", {FakeReply::openAiToolCalls(
                                      {toolCall("ask_human", {{"question", "Which city?"}}, "q1"),
                                       toolCall("ask_human", {{"question", "Which port?"}}, "q2")}),
                                  FakeReply::openAiText("Thanks")});
        CliResult waiting =
            runCli(QStringList{"run", "--description", "x", "--graph", graphFile({"ask_human"})} +
                   base("q.db"));
        QVERIFY2(waiting.exitCode == 3, qPrintable(waiting.out + waiting.err));
        QVERIFY2(waiting.out.contains("Which city?"), qPrintable(waiting.out));
        CliResult runs = runCli({"runs", "--db", m_dir.filePath("q.db"), "--json"});
        const QString runId = toQ(stringOr(parseJson(runs.out.trimmed().toUtf8()), "id"));
        QVERIFY(!runId.isEmpty());
        CliResult first = runCli(QStringList{"answer", runId, "Paris"} + base("q.db"));
        QVERIFY2(first.exitCode == 3, qPrintable(first.out + first.err));
        QVERIFY2(first.out.contains("Which port?"), qPrintable(first.out));
        QCOMPARE(m_fake.model.callsFor("a"), 1);
        CliResult second = runCli(QStringList{"answer", runId, "8080"} + base("q.db"));
        QVERIFY2(second.exitCode == 0, qPrintable(second.out + second.err));
        const Json last = m_fake.server.requests().last().json();
        std::string answers;
        for (const Json& message : arrayAt(last, "messages"))
            if (stringOr(message, "role") == "tool")
                answers +=
                    stringOr(message, "tool_call_id") + "=" + stringOr(message, "content") + ";";
        QVERIFY2(answers.find("q1={\"answer\":\"Paris\"}") != std::string::npos, answers.c_str());
        QVERIFY2(answers.find("q2={\"answer\":\"8080\"}") != std::string::npos, answers.c_str());
    }
};

QTEST_GUILESS_MAIN(TestHostileCli)
#include "tst_hostile_cli.moc"
