// A real orchestratord child is killed with SIGKILL in the middle of a multi-step run;
// `orchestratord resume` finishes it. Every step finished before the kill is present exactly
// once and none is redone.

#include "CliProcess.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

// A chain of agents whose every model reply takes `delayMs`, with its folders and the options
// every orchestratord process of the test shares.
struct SlowChain
{
    FakeLlmServer server;
    ScriptedModel model;
    QTemporaryDir dir;
    QString graphPath;
    QStringList common;
    bool listening = false;

    SlowChain(int length, int delayMs)
    {
        listening = server.listen();
        model.setFallback([delayMs](const QString& agent, const Json&) {
            FakeReply reply = FakeReply::openAiText("done by " + agent.toStdString());
            reply.delayMs = delayMs;
            return reply;
        });
        server.setHandler(model.handler());
        graphPath = writeGraphFile(dir, chainGraph(length));
        common = {"--db",        db(),
                  "--workspace", dir.filePath("ws"),
                  "--reports",   dir.filePath("reports"),
                  "--llm-url",   server.baseUrl().toString()};
    }
    QString db() const { return dir.filePath("orchestrator.db"); }
    void startRun(QProcess& process, const QString& description) const
    {
        startCli(process,
                 QStringList{"run", "--description", description, "--graph", graphPath} + common);
    }
};

// Reads `process`'s output into `seen` until a line matches `pattern`.
bool waitForOutput(QProcess& process, const QString& pattern, QString& seen)
{
    const QRegularExpression expression(pattern);
    return QTest::qWaitFor(
        [&] {
            seen += QString::fromUtf8(process.readAllStandardOutput());
            return seen.contains(expression);
        },
        20000);
}

} // namespace

class TestCrashResume : public QObject
{
    Q_OBJECT
private slots:
    void killedRunResumesFromLastCheckpoint()
    {
        SlowChain chain(6, 300);
        QVERIFY(chain.listening);
        auto& [server, model, dir, graphPath, common, listening] = chain;
        const QString db = chain.db();

        QProcess child;
        chain.startRun(child, "crash me");
        QVERIFY(child.waitForStarted());
        QString output;
        QVERIFY(waitForOutput(child, "step +3 a3", output));
        child.kill(); // SIGKILL: no chance to clean up
        QVERIFY(child.waitForFinished(5000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        int finishedBeforeKill = 0;
        QHash<QString, int> callsBeforeKill;
        {
            auto store = RunStore::open(db).value();
            const auto runs = store->runs().value();
            QCOMPARE(runs.size(), size_t(1));
            QCOMPARE(runs[0].status, RunStatus::Running); // nobody marked it finished
            finishedBeforeKill = runs[0].steps;
            QVERIFY(finishedBeforeKill >= 3 && finishedBeforeKill < 6);
            for (int i = 1; i <= 6; ++i)
                callsBeforeKill[QStringLiteral("a%1").arg(i)] =
                    model.callsFor(QStringLiteral("a%1").arg(i));
        }

        CliResult resumed = runCli(QStringList{"resume"} + common);
        QCOMPARE(resumed.exitCode, 0);
        QVERIFY2(resumed.out.contains("resuming 1 run(s)"), qPrintable(resumed.out));

        auto store = RunStore::open(db).value();
        const RunRecord run = store->runs().value().at(0);
        QCOMPARE(run.status, RunStatus::Completed);
        QCOMPARE(run.steps, 6);
        const auto steps = store->steps(run.id).value();
        QCOMPARE(steps.size(), size_t(6));
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(steps[i].stepNo, i + 1);
            QCOMPARE(steps[i].agent, QStringLiteral("a%1").arg(i + 1));
        }
        QCOMPARE(store->checkpoints(run.id).value().size(), size_t(7)); // start + 6 steps
        QCOMPARE(store->ledger(run.id).value().size(), size_t(6));
        // No finished step was redone: agents whose step was committed got no new request.
        for (int i = 1; i <= finishedBeforeKill; ++i) {
            const QString agent = QStringLiteral("a%1").arg(i);
            QCOMPARE(model.callsFor(agent), callsBeforeKill[agent]);
            QCOMPARE(model.callsFor(agent), 1);
        }
        // The step in flight at the kill is the only one asked twice.
        QVERIFY(server.requestCount() <= 7);
        const auto messages = store->lastCheckpoint(run.id).value().state["messages"];
        QCOMPARE(messages.size(), size_t(6));
    }

    void serveDrainsOnSigtermAndResumesAtNextStart()
    {
        SlowChain chain(6, 300);
        QVERIFY(chain.listening);
        auto& [server, model, dir, graphPath, common, listening] = chain;
        // A run left "running" by a killed process.
        QProcess first;
        chain.startRun(first, "drain me");
        QVERIFY(first.waitForStarted());
        QString out;
        QVERIFY(waitForOutput(first, "step +1 a1", out));
        first.kill();
        QVERIFY(first.waitForFinished());

        // serve resumes it; SIGTERM while a step is in flight lets that step commit.
        QProcess serve;
        startCli(serve, QStringList{"serve"} + common);
        QVERIFY(serve.waitForStarted());
        out.clear();
        QVERIFY(waitForOutput(serve, "step +3 a3", out));
        const int requestsAtSignal = server.requestCount();
        serve.terminate(); // SIGTERM
        QVERIFY(QTest::qWaitFor([&] { return serve.state() == QProcess::NotRunning; }, 20000));
        out += QString::fromUtf8(serve.readAllStandardOutput());
        QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.exitCode(), 0);
        QVERIFY2(out.contains("stopped cleanly"), qPrintable(out));
        int stepsAfterDrain = 0;
        {
            auto store = RunStore::open(chain.db()).value();
            const RunRecord run = store->runs().value().at(0);
            QCOMPARE(run.status, RunStatus::Running); // paused, not failed
            stepsAfterDrain = run.steps;
            // The step in flight at SIGTERM finished and was committed, not abandoned: every
            // agent the model was asked for has its step.
            int agentsAsked = 0;
            for (int i = 1; i <= 6; ++i)
                agentsAsked += model.callsFor(QStringLiteral("a%1").arg(i)) > 0 ? 1 : 0;
            QCOMPARE(stepsAfterDrain, agentsAsked);
            QVERIFY(stepsAfterDrain >= 4);
            QVERIFY(server.requestCount() >= requestsAtSignal);
        }

        // The next start finishes it; no step is lost or repeated.
        QProcess again;
        startCli(again, QStringList{"serve"} + common);
        QVERIFY(again.waitForStarted());
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto store = RunStore::open(chain.db()).value();
                return store->runs().value().at(0).status == RunStatus::Completed;
            },
            30000));
        again.terminate();
        QVERIFY(QTest::qWaitFor([&] { return again.state() == QProcess::NotRunning; }, 10000));
        QCOMPARE(again.exitCode(), 0);
        auto store = RunStore::open(chain.db()).value();
        const RunRecord run = store->runs().value().at(0);
        const auto steps = store->steps(run.id).value();
        QCOMPARE(steps.size(), size_t(6));
        for (int i = 0; i < 6; ++i)
            QCOMPARE(steps[i].agent, QStringLiteral("a%1").arg(i + 1));
        // Only the step in flight at the SIGKILL (a2) may have been asked twice; the one in
        // flight at the SIGTERM was not.
        QCOMPARE(model.callsFor("a1"), 1);
        QVERIFY(model.callsFor("a2") <= 2);
        for (int i = 3; i <= 6; ++i)
            QCOMPARE(model.callsFor(QStringLiteral("a%1").arg(i)), 1);
    }

    void aRunIsDrivenByOneProcessOnly()
    {
        SlowChain chain(3, 400);
        QVERIFY(chain.listening);
        auto& [server, model, dir, graphPath, common, listening] = chain;
        QProcess first;
        chain.startRun(first, "busy");
        QVERIFY(first.waitForStarted());
        QSignalSpy asked(&server, &FakeLlmServer::requestReceived);
        QVERIFY(asked.wait(10000));

        CliResult second = runCli(QStringList{"resume"} + common);
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.out.contains("resuming 0 run(s)"), qPrintable(second.out));
        QVERIFY2(second.err.contains("driven by another orchestratord"), qPrintable(second.err));

        QVERIFY(QTest::qWaitFor([&] { return first.state() == QProcess::NotRunning; }, 20000));
        QCOMPARE(first.exitCode(), 0);
        auto store = RunStore::open(chain.db()).value();
        const RunRecord run = store->runs().value().at(0);
        QCOMPARE(run.status, RunStatus::Completed);
        QCOMPARE(store->steps(run.id).value().size(), size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestCrashResume)
#include "tst_crash_resume.moc"
