// One owner per run: `orchestratord cancel` from another process stops a run in the middle of
// a model call and the driving process cannot undo it; a process whose lease was taken over
// while it still lived stops at its next commit instead of overwriting the new owner's work.

#include "CliProcess.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/Database.h"
#include "store/RunLeases.h"
#include "store/RunStore.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestRunOwnership : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_fake.listen()); }
    void init() { m_fake.reset(); }

    void cancelFromAnotherProcessStopsTheRunAtOnce()
    {
        QVERIFY(!orchestratordPath().isEmpty());
        FakeReply stalled = FakeReply::openAiText("never sent");
        stalled.fault = FakeReply::Fault::Stall; // the model call hangs until someone aborts it
        m_fake.model.script("a1", {stalled});
        const QString graph = writeGraphFile(m_dir, chainGraph(1));
        const QString db = m_dir.filePath("cancel.db");
        QProcess driver;
        startCli(driver, {"run", "--description", "x", "--graph", graph, "--db", db, "--workspace",
                          m_dir.filePath("ws"), "--llm-url", m_fake.server.baseUrl().toString(),
                          "--llm-timeout-ms", "60000", "--no-stream"});
        QTRY_VERIFY_WITH_TIMEOUT(m_fake.server.requestCount() == 1, 10000);
        CliResult runs = runCli({"runs", "--db", db, "--json"});
        const QString runId = toQ(stringOr(parseJson(runs.out.trimmed().toUtf8()), "id"));
        QVERIFY2(!runId.isEmpty(), qPrintable(runs.out + runs.err));

        QElapsedTimer clock;
        clock.start();
        CliResult cancelled = runCli({"cancel", runId, "--db", db});
        QVERIFY2(cancelled.exitCode == 0,
                 qPrintable(cancelled.out + cancelled.err + driver.readAllStandardError()));
        QVERIFY(cancelled.out.contains("cancelled"));
        // The driving process aborted its model call and ended; the cancel stays.
        QVERIFY(QTest::qWaitFor([&] { return driver.state() == QProcess::NotRunning; }, 10000));
        qInfo("cancel honoured by the driving process in %lld ms", clock.elapsed());
        QCOMPARE(driver.exitCode(), 1);
        auto store = RunStore::open(db);
        QVERIFY(store);
        QCOMPARE(store.value()->run(runId)->status, RunStatus::Cancelled);
        QCOMPARE(store.value()->steps(runId)->size(), size_t(0));
    }

    // The step in flight when another process takes the run over is not committed, and the
    // new owner's status is left as it is.
    void aProcessThatLostItsLeaseStops()
    {
        TestEngine t(m_fake.server);
        FakeReply slow = FakeReply::openAiText("done");
        slow.delayMs = 1500;
        m_fake.model.script("a1", {slow});
        auto runId = inside(*t.engine).startRun("test project", t.graph(chainGraph(1)));
        QVERIFY(runId);
        QTRY_COMPARE(m_fake.server.requestCount(), 1);

        // Another process finds the lease expired (its owner stalled) and takes the run.
        auto other = RunStore::open(t.dir.filePath("test.db"));
        QVERIFY(other);
        QSqlQuery expire = other.value()->database().newQuery();
        QVERIFY(expire.exec(
            QStringLiteral("UPDATE runs SET lease_until = 0 WHERE id = '%1'").arg(runId.value())));
        RunLeases taker(other.value()->database());
        auto lease = taker.claim(runId.value());
        QVERIFY2(lease, qPrintable(lease.error()));

        QTRY_COMPARE_WITH_TIMEOUT(t.engine->activeRuns(), 0, 10000);
        const RunRecord after = inside(*t.engine).store().run(runId.value()).value();
        QCOMPARE(after.status, RunStatus::Running); // untouched: the new owner decides
        QCOMPARE(after.steps, 0);
        QCOMPARE(inside(*t.engine).store().steps(runId.value())->size(), size_t(0));
        // The paid call is still in the ledger.
        QCOMPARE(inside(*t.engine).store().ledger(runId.value())->size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestRunOwnership)
#include "tst_run_ownership.moc"
