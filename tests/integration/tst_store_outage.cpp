// The store's database goes away under running work. Two real workers (orchestratord serve)
// share eight runs on PostgreSQL clusters the test starts: the cluster is restarted as an
// operator does (pg_ctl -m fast: every session is ended) in the middle of the runs; and a
// primary dies and its streaming standby is promoted. The workers must stay up, pause the
// runs instead of failing them, reconnect by themselves and complete every run with each step
// kept once and a ledger row for every model call the stand-in answered.

#include "CliProcess.h"
#include "EngineInternals.h"
#include "LocalPorts.h"
#include "PostgresCluster.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/Database.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace orch;
using namespace orch::test;

namespace {

constexpr int kRuns = 8;
constexpr int kSteps = 6;

int committedSteps(RunStore& store)
{
    int steps = 0;
    if (auto runs = store.runs(); runs)
        for (const RunRecord& run : runs.value())
            steps += run.steps;
    return steps;
}

// Every one of the kRuns runs completed.
bool allCompleted(RunStore& store)
{
    auto runs = store.runs();
    return runs && runs->size() == size_t(kRuns) &&
           std::all_of(runs->begin(), runs->end(),
                       [](const RunRecord& run) { return run.status == RunStatus::Completed; });
}

} // namespace

class TestStoreOutage : public QObject
{
    Q_OBJECT

    PostgresCluster m_postgres;

    // Every agent's call answered at once by `server`.
    static void answerAtOnce(FakeLlmServer& server, ScriptedModel& model)
    {
        model.setFallback([](const QString& agent, const Json&) {
            return FakeReply::openAiText("done by " + agent.toStdString());
        });
        server.setHandler(model.handler());
    }

    // Eight runs made by a process that then lets them go, as a worker shut down does (or,
    // given an owner, hands them to that worker's lease until `leaseUntil`); the workers that
    // serve the database share them out.
    QStringList makeRuns(const QString& database, const QString& graphFile,
                         const QString& owner = {}, qint64 leaseUntil = 0)
    {
        FakeLlmServer parked; // the maker's model never answers: no step is taken there
        if (!parked.listen())
            return {};
        parked.setHandler([](const RecordedRequest&) {
            FakeReply reply = FakeReply::openAiText("late");
            reply.delayMs = 60000;
            return reply;
        });
        QStringList ids;
        {
            TestEngine maker(parked, false, 1, 60000,
                             [&](EngineOptions& options) { options.databasePath = database; });
            if (!maker.engine)
                return {};
            for (int i = 0; i < kRuns; ++i)
                if (auto started = maker.engine->startRunFromFile(
                        QStringLiteral("outage %1").arg(i), graphFile);
                    started)
                    ids << started.value();
        }
        auto store = RunStore::open(database);
        if (!store)
            return {};
        QSqlQuery release = store.value()->database().newQuery();
        release.prepare("UPDATE runs SET owner = ?, lease_until = ?, fence = fence + 1");
        release.addBindValue(owner.isNull() ? QStringLiteral("") : owner); // never NULL
        release.addBindValue(leaseUntil);
        if (!release.exec())
            return {};
        return ids;
    }

private slots:
    void initTestCase()
    {
        const QString problem = m_postgres.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(m_postgres.createDatabase("outage"), QString());
    }

    void aRestartPausesTheRunsAndTheyGoOn()
    {
        const QString database = m_postgres.url("outage");
        outage(database, [&](QProcess&) {
            // As an operator restarts it: sessions ended, nothing listening for a while.
            QCOMPARE(m_postgres.shutDown(), QString());
            QTest::qWait(3000);
            QCOMPARE(m_postgres.startAgain(), QString());
        });
    }

    // One worker is killed (SIGKILL) while the database is away, holding what it could not
    // write: its spool, on this host's disk, is applied by the other worker once the
    // database is back, which then takes its runs over. Nothing it was answered is lost.
    void aWorkerKilledDuringTheOutageLosesNothing()
    {
        QCOMPARE(m_postgres.createDatabase("killed"), QString());
        // The first worker drives all eight runs, and replies take 800 ms, so each has a call in
        // flight when the database goes: its answer (a ledger row, a step) comes during the
        // outage and goes to that worker's spool.
        outage(
            m_postgres.url("killed"),
            [&](QProcess& first) {
                QCOMPARE(m_postgres.shutDown(), QString());
                // Every call it made is answered by now (one started just before it noticed the
                // outage takes up to 1.6 s): their writes are in its spool, none is cut.
                QTest::qWait(3000);
                first.kill();
                QVERIFY(first.waitForFinished(5000));
                QTest::qWait(1000);
                QCOMPARE(m_postgres.startAgain(), QString());
            },
            800, true);
    }

    // A primary and a streaming standby (synchronous: a commit the primary acknowledged is
    // on the standby too); the workers name both, and keep to the one that takes writes. The
    // primary dies (pg_ctl -m immediate: no shutdown checkpoint, as a crash) and the standby is
    // promoted: every run completes on it with nothing lost or repeated.
    void aPromotedStandbyTakesOverFromADeadPrimary()
    {
        PostgresCluster primary;
        PostgresCluster standby;
        QCOMPARE(primary.start(), QString());
        QCOMPARE(primary.createDatabase("orch"), QString());
        QCOMPARE(standby.startStandbyOf(primary), QString());
        QCOMPARE(primary.sql("ALTER SYSTEM SET synchronous_standby_names = '*'"), QString());
        QCOMPARE(primary.sql("SELECT pg_reload_conf()"), QString());
        const QString database = QStringLiteral("postgresql://orch@127.0.0.1:%1,127.0.0.1:%2/orch"
                                                "?target_session_attrs=read-write")
                                     .arg(primary.port())
                                     .arg(standby.port());
        outage(database, [&](QProcess&) {
            QCOMPARE(primary.shutDown("immediate"), QString());
            QTest::qWait(1000); // the time a person or a tool takes to decide on the failover
            QCOMPARE(standby.promote(), QString());
        });
    }

    // A worker that starts while its database server is away (restarting, a host still
    // booting) waits for it, saying so, and then serves: its runs complete. One that names a
    // database the server does not have is not kept waiting: it exits at once with the reason.
    void aWorkerStartedWhileTheDatabaseIsAwayWaitsForIt()
    {
        QCOMPARE(m_postgres.createDatabase("late"), QString());
        const QString database = m_postgres.url("late");
        FakeLlmServer server;
        QVERIFY(server.listen());
        ScriptedModel model;
        answerAtOnce(server, model);
        QTemporaryDir dir;
        const QString graph = writeGraphFile(dir, chainGraph(kSteps));
        QCOMPARE(makeRuns(database, graph).size(), kRuns);

        QCOMPARE(m_postgres.shutDown(), QString());
        QProcess worker;
        startCli(worker, {"serve", "--adopt-every", "200", "--db", database, "--workspace",
                          dir.filePath("ws"), "--reports", dir.filePath("reports"), "--llm-url",
                          server.baseUrl().toString()});
        QVERIFY(worker.waitForStarted());
        QByteArray said;
        QVERIFY(QTest::qWaitFor(
            [&] {
                return (said += worker.readAllStandardError()).contains("waiting for the database");
            },
            15000));
        QVERIFY2(said.contains("Connection refused"), said.right(2000).constData());
        QTest::qWait(1500);
        QCOMPARE(worker.state(), QProcess::Running);
        QCOMPARE(m_postgres.startAgain(), QString());

        auto store = RunStore::open(database).value();
        QVERIFY2(QTest::qWaitFor([&] { return allCompleted(*store); }, 60000),
                 (said + worker.readAllStandardError()).right(3000).constData());
        worker.terminate();
        QVERIFY(QTest::qWaitFor([&] { return worker.state() == QProcess::NotRunning; }, 15000));

        QProcess misnamed;
        QElapsedTimer clock;
        clock.start();
        startCli(misnamed, {"serve", "--db", m_postgres.url("no_such_database"), "--workspace",
                            dir.filePath("ws2"), "--llm-url", server.baseUrl().toString()});
        QVERIFY(misnamed.waitForFinished(20000));
        QVERIFY(misnamed.exitCode() != 0);
        const QByteArray why = misnamed.readAllStandardError();
        QVERIFY2(why.contains("no_such_database") && !why.contains("waiting for the database"),
                 why.constData());
        QVERIFY(clock.elapsed() < 15000);
    }

    // A worker on another host that dies cannot be seen dying (there is no process of it here
    // to look for): its runs are taken over once its lease ends, within the adoption interval.
    void aDeadWorkerOnAnotherHostIsTakenOverWhenItsLeaseEnds()
    {
        QCOMPARE(m_postgres.createDatabase("hosts"), QString());
        const QString database = m_postgres.url("hosts");
        FakeLlmServer server;
        QVERIFY(server.listen());
        ScriptedModel model;
        answerAtOnce(server, model);
        QTemporaryDir dir;
        const QString graph = writeGraphFile(dir, chainGraph(kSteps));
        // Its last renewal was now, with a lease of 2 s.
        constexpr qint64 kLeaseMs = 2000;
        const qint64 renewedAt = QDateTime::currentMSecsSinceEpoch();
        const QStringList runIds =
            makeRuns(database, graph, "elsewhere.example/4242/0badc0de", renewedAt + kLeaseMs);
        QCOMPARE(runIds.size(), kRuns);
        QProcess worker;
        startCli(worker, {"serve", "--adopt-every", "200", "--db", database, "--workspace",
                          dir.filePath("ws"), "--reports", dir.filePath("reports"), "--llm-url",
                          server.baseUrl().toString()});
        QVERIFY(worker.waitForStarted());
        auto store = RunStore::open(database).value();
        QVERIFY(QTest::qWaitFor([&] { return committedSteps(*store) >= kRuns; }, 20000));
        const qint64 takenOver = QDateTime::currentMSecsSinceEpoch() - renewedAt;
        qInfo("the runs of a dead worker of another host were taken over %lld ms after its last "
              "renewal (lease %lld ms, adoption every 200 ms, first steps included)",
              static_cast<long long>(takenOver), static_cast<long long>(kLeaseMs));
        QVERIFY(takenOver >= kLeaseMs);
        QVERIFY(QTest::qWaitFor([&] { return allCompleted(*store); }, 30000));
        worker.terminate();
        QVERIFY(QTest::qWaitFor([&] { return worker.state() == QProcess::NotRunning; }, 15000));
    }

private:
    // Eight runs on two workers; `away` takes the database away (and back) once every run has
    // made progress, and may kill the first worker. Then every run must complete, each step
    // kept once, with a ledger row for each model call the stand-in answered, and the workers
    // it did not kill still up.
    void outage(const QString& database, const std::function<void(QProcess& first)>& away,
                int replyMs = 150, bool firstTakesAll = false)
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        ScriptedModel model;
        model.setFallback([replyMs](const QString& agent, const Json&) {
            FakeReply reply = FakeReply::openAiText("done by " + agent.toStdString());
            reply.delayMs = replyMs;
            return reply;
        });
        server.setHandler(model.handler());
        QTemporaryDir dir;
        const QString graph = writeGraphFile(dir, chainGraph(kSteps));
        const QStringList runIds = makeRuns(database, graph);
        QCOMPARE(runIds.size(), kRuns);

        const QStringList common = {"serve",
                                    "--adopt-every",
                                    "200",
                                    "--db",
                                    database,
                                    "--spool",
                                    dir.filePath("spool"),
                                    "--workspace",
                                    dir.filePath("ws"),
                                    "--reports",
                                    dir.filePath("reports"),
                                    "--llm-url",
                                    server.baseUrl().toString()};
        QProcess first, second;
        startCli(first, common);
        QVERIFY(first.waitForStarted());
        auto store = RunStore::open(database).value();
        // The first worker's first look takes every released run (up to 16) when it is alone.
        if (firstTakesAll)
            QVERIFY(QTest::qWaitFor([&] { return committedSteps(*store) >= 1; }, 20000));
        startCli(second, common);
        QVERIFY(second.waitForStarted());
        // Both workers are up before the database goes (the runs may all be past their first
        // step by now: one in flight each, none waiting for a connection).
        QByteArray secondSaid;
        QVERIFY(QTest::qWaitFor(
            [&] { return (secondSaid += second.readAllStandardOutput()).contains("serving"); },
            20000));

        QVERIFY(QTest::qWaitFor([&] { return committedSteps(*store) >= kRuns; }, 30000));
        store.reset(); // the test's own connection is not part of the outage
        QElapsedTimer down;
        down.start();
        away(first);
        if (QTest::currentTestFailed())
            return;
        qInfo("the database was away for %lld ms", static_cast<long long>(down.elapsed()));
        const bool killed = first.state() == QProcess::NotRunning;
        QVERIFY(second.state() == QProcess::Running);

        store = RunStore::open(database).value();
        QElapsedTimer back;
        back.start();
        const bool completed = QTest::qWaitFor([&] { return allCompleted(*store); }, 60000);
        // Read once: a message argument of QVERIFY2 is evaluated whether it fails or not.
        const QString secondLog = QString::fromUtf8(second.readAllStandardError());
        if (!completed)
            QFAIL(qPrintable(QString::fromUtf8(first.readAllStandardError()).right(3000) +
                             "\n---\n" + secondLog.right(3000)));
        qInfo("all %d runs completed %lld ms after the database came back", kRuns,
              static_cast<long long>(back.elapsed()));

        // Every step kept once, in order; a ledger row for every call the stand-in answered.
        int ledgerRows = 0;
        int paused = 0;
        for (const QString& runId : runIds) {
            const auto steps = store->steps(runId).value();
            QCOMPARE(steps.size(), size_t(kSteps));
            for (int i = 0; i < kSteps; ++i) {
                QCOMPARE(steps[i].stepNo, i + 1);
                QCOMPARE(steps[i].agent, QStringLiteral("a%1").arg(i + 1));
            }
            ledgerRows += int(store->ledger(runId).value().size());
            for (const RunEvent& event : store->events(runId).value())
                paused += event.kind == EventKind::StoreWaiting ? 1 : 0;
        }
        int answered = 0;
        for (int i = 1; i <= kSteps; ++i)
            answered += model.callsFor(QStringLiteral("a%1").arg(i));
        qInfo("%d model calls answered (%d asked again), %d ledger rows, %d runs paused for the "
              "database",
              answered, answered - kRuns * kSteps, ledgerRows, paused);
        QCOMPARE(ledgerRows, answered);
        QVERIFY(answered >= kRuns * kSteps);
        QVERIFY(paused >= 1 || killed); // a killed worker's pause was in its memory only
        // The dead worker's spool was applied by the other and removed; what is left is the
        // live worker's own file, empty.
        if (killed) {
            QVERIFY2(secondLog.contains("spooled write(s) of a process that stopped applied"),
                     qPrintable(secondLog.right(3000)));
            for (const QFileInfo& file : QDir(dir.filePath("spool")).entryInfoList(QDir::Files))
                QCOMPARE(file.size(), 0);
        }

        for (QProcess* worker : {&first, &second}) {
            if (killed && worker == &first)
                continue;
            QVERIFY(worker->state() == QProcess::Running);
            worker->terminate();
            QVERIFY(
                QTest::qWaitFor([&] { return worker->state() == QProcess::NotRunning; }, 15000));
            QCOMPARE(worker->exitCode(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestStoreOutage)
#include "tst_store_outage.moc"
