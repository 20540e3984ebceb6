// A real orchestratord is killed with SIGKILL inside each side-effecting tool, right after the
// effect happened and before anything recorded it: asking the person, running the tests,
// pushing, deploying. Each restart finishes the step from its journal: the model is not asked
// again, the question is asked once, the push and the deploy are found done and not repeated,
// the tests simply run again. The run ends completed, deployed once per commit.

#include "CliProcess.h"
#include "LocalPorts.h"
#include "ScriptedModel.h"
#include "TestFiles.h"
#include "store/RunStore.h"
#include "store/StepJournalStore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

// The offline demo's recording, with the Brainstormer first asking which cities matter.
Json recordingWithQuestion()
{
    Json script =
        parseJson(readFile(QStringLiteral(SOURCE_DIR "/resources/demo/city-time.replay.json")));
    Json& brainstorm = script["agents"]["brainstorm"];
    brainstorm.insert(brainstorm.begin(),
                      Json{{"content", "One question first."},
                           {"tool_calls",
                            {{{"name", "ask_human"},
                              {"arguments", {{"question", "Which cities matter most?"}}}}}}});
    return script;
}

// The text of every tool result named `tool` in the run's last conversation, in order.
QStringList toolResults(const Checkpoint& checkpoint, const char* tool)
{
    QStringList results;
    for (const Json& message : arrayAt(checkpoint.cursor, "conversation"))
        if (stringOr(message, "role") == "tool" && stringOr(message, "name") == tool)
            results << toQ(stringOr(message, "content"));
    return results;
}

} // namespace

class TestSideEffectsOnce : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_deployArgs;

    QString path(const char* relative) const { return m_dir.filePath(QLatin1String(relative)); }

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        m_deployArgs = {"--deploy-root", path("deploy"),
                        "--http-port",   QString::number(freePort()),
                        "--https-port",  QString::number(freePort())};
    }

    void killedInsideEachSideEffectAndFinishedOnce()
    {
        const Json script = recordingWithQuestion();
        FakeLlmServer server;
        QVERIFY(server.listen());
        QHash<QString, int> asked; // model requests per agent
        server.setHandler([&script, &asked](const RecordedRequest& r) {
            ++asked[ScriptedModel::agentOf(r.json())];
            return ScriptedModel::replyFromRecording(script, r);
        });
        const QStringList common = QStringList{"--db",
                                               path("orchestrator.db"),
                                               "--llm-url",
                                               server.baseUrl().toString(),
                                               "--workspace",
                                               path("workspaces"),
                                               "--git-remotes",
                                               path("remotes"),
                                               "--reports",
                                               path("reports"),
                                               "--service-ports",
                                               "18900-18999"} +
                                   m_deployArgs;
        auto killedAt = [&](const QStringList& command, const QString& point) {
            const CliResult result =
                runCli(command + common, {QStringLiteral("ORCH_FAILPOINT=") + point}, 240000);
            return result.exitCode == -1 && result.err.contains("fail point " + point)
                       ? QString()
                       : QStringLiteral("not killed at %1 (exit %2): %3")
                             .arg(point)
                             .arg(result.exitCode)
                             .arg(result.out.right(1500) + result.err.right(1500));
        };

        // 1. Killed as the question is put: the restart asks it, once, without a new reply.
        QString problem = killedAt({"run", "--description",
                                    "a service that tells the time in "
                                    "a given city"},
                                   "tool-done:ask_human");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto store = RunStore::open(path("orchestrator.db")).value();
        const QString runId = store->runs().value().at(0).id;
        QCOMPARE(store->runs().value().at(0).status, RunStatus::Running);
        QVERIFY2(!store->journal().entries(runId, 1).value().empty(), "nothing journaled");
        CliResult resumed = runCli(QStringList{"resume"} + common, {}, 60000);
        QCOMPARE(resumed.exitCode, 3); // waiting for the person
        QCOMPARE(store->run(runId).value().status, RunStatus::WaitingHuman);
        QCOMPARE(asked.value("brainstorm"), 1);
        int questions = 0;
        for (const RunEvent& event : store->events(runId).value())
            questions += event.kind == EventKind::QuestionAsked ? 1 : 0;
        QCOMPARE(questions, 1);
        QVERIFY(store->journal().entries(runId, 1).value().empty()); // cleared with the step

        // 2. Killed after the tests ran: they simply run again.
        problem = killedAt({"answer", runId, "Tokyo and Paris"}, "tool-done:run_tests");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // 3. Killed after the push reached the remote, 4. after the release went live.
        problem = killedAt({"resume"}, "tool-done:git_push");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = killedAt({"resume"}, "tool-done:deploy");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        resumed = runCli(QStringList{"resume"} + common, {}, 240000);
        QVERIFY2(resumed.exitCode == 0,
                 qPrintable(resumed.out.right(2000) + resumed.err.right(2000)));

        const RunRecord run = store->run(runId).value();
        QCOMPARE(run.status, RunStatus::Completed);
        // No model reply was asked for twice: one request per step the model took.
        int modelSteps = 0;
        for (const StepRecord& step : store->steps(runId).value())
            modelSteps += step.kind == QLatin1String("llm") ? 1 : 0;
        QCOMPARE(server.requestCount(), modelSteps);
        QCOMPARE(int(store->ledger(runId).value().size()), modelSteps);

        const Json state = store->lastState(runId).value();
        const std::string commit = stringOr(state["repo"], "last_commit");
        QVERIFY(!commit.empty());
        QCOMPARE(state["tests"]["passed"], true);
        QCOMPARE(state["deployment"]["healthy"], true);
        QCOMPARE(state["deployment"]["version"], commit);
        // One push, found done after the restart; the remote has the commit.
        QCOMPARE(
            readFile(toQ(state["repo"]["remote"]) + "/refs/heads/main").trimmed().toStdString(),
            commit);
        // One deploy of the commit: the server's history has one line for it.
        const QString history = QString::fromUtf8(
            readFile(path("deploy/") + toQ(state["deployment"]["service"]) + "/deploys.log"));
        QCOMPARE(history.count(toQ(commit)), 1);
        QCOMPARE(state["deployment"]["already_live"], true);

        // What the agents were told: the push and the deploy were found done.
        bool pushFoundDone = false;
        for (const Checkpoint& checkpoint : store->checkpoints(runId).value())
            for (const QString& result : toolResults(checkpoint, "git_push"))
                pushFoundDone = pushFoundDone || result.contains("already_on_remote");
        QVERIFY(pushFoundDone);
    }

    void cleanupTestCase()
    {
        if (QFile::exists(path("deploy/caddy/admin.sock")))
            runCli(QStringList{"teardown"} + m_deployArgs);
    }
};

QTEST_GUILESS_MAIN(TestSideEffectsOnce)
#include "tst_side_effects_once.moc"
