// Retention: a finished run past its period keeps every Nth checkpoint and its last, each
// still reading back exactly as before; the messages only removed checkpoints referenced go;
// old events of finished runs go; running runs and recently finished ones are not touched;
// pruning twice changes nothing more; VACUUM gives the space back. On SQLite and PostgreSQL.

#include "JsonCompare.h"
#include "StoreBackends.h"
#include "store/Database.h"
#include "store/Retention.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

Json message(const std::string& role, const std::string& content)
{
    return {{"role", role}, {"content", content}};
}

// Step `n` of a run whose conversation grows by a 3 KB message a step and is condensed at 30.
Checkpoint checkpointOf(const QString& runId, int n)
{
    Json conversation = Json::array({message("user", n < 30 ? "start" : "summary")});
    for (int i = n < 30 ? 1 : 30; i <= n; ++i)
        conversation.push_back(message("tool", std::string(3000, char('a' + i % 26))));
    Json state = {{"project", {{"name", "demo"}}}, {"count", n}, {"messages", Json::array()}};
    for (int i = 1; i <= n; ++i)
        state["messages"].push_back({{"content", "step " + std::to_string(i)}});
    return {runId, n, state, {{"agent", "a"}, {"conversation", conversation}}};
}

qint64 count(RunStore& store, const QString& sql)
{
    QSqlQuery q = store.database().newQuery();
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestRetention : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;

    // A store with runs "done" (finished), "live" (running), each of `steps` steps, and
    // "fresh" (finished, but pruned with a clock that makes it recent).
    std::unique_ptr<RunStore> storeWithRuns(int steps)
    {
        QFETCH_GLOBAL(QString, backend);
        auto store = RunStore::open(m_backends.location(backend, "r.db")).value();
        if (!store->createProject({"p", "demo", "a demo", "/tmp/ws", 0}) ||
            !store->saveGraph("g", Json{{"name", "g"}}))
            qFatal("setup");
        for (const QString id : {"done", "live"}) {
            RunRecord run{id, "p", 1, RunStatus::Running};
            if (!store->createRun(run, checkpointOf(id, 0), {}))
                qFatal("setup");
            for (int n = 1; n <= steps; ++n) {
                run.steps = n;
                if (id == QLatin1String("done") && n == steps)
                    run.status = RunStatus::Completed;
                StepCommit commit;
                commit.step = {id, n, "a", "llm", "continue", Json::object(), {}, 0, Json()};
                commit.checkpoint = checkpointOf(id, n);
                commit.run = run;
                commit.events = {{id, n, "a", EventKind::StepFinished, Json::object(),
                                  QDateTime::currentMSecsSinceEpoch()}};
                if (auto ok = store->commitStep(commit); !ok)
                    qFatal("%s", qPrintable(ok.error()));
            }
        }
        return store;
    }

private slots:
    void initTestCase_data() { StoreBackends::addRows(); }

    void keepsEveryNthAndTheLastExactly()
    {
        auto store = storeWithRuns(47);
        std::map<int, Checkpoint> before;
        for (int step = 0; step <= 47; ++step)
            before[step] = store->checkpointAt("done", step).value();
        const qint64 messagesBefore =
            count(*store, "SELECT COUNT(*) FROM conversation_messages WHERE run_id = 'done'");
        const qint64 liveMessages =
            count(*store, "SELECT COUNT(*) FROM conversation_messages WHERE run_id = 'live'");

        // Within the period nothing changes.
        Retention retention(*store);
        const RetentionPolicy policy{30, 10, 90};
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto early = retention.prune(policy, now + 29 * kDayMs);
        QVERIFY(early);
        QCOMPARE(early->runsThinned, 0);
        QCOMPARE(count(*store, "SELECT COUNT(*) FROM checkpoints WHERE run_id = 'done'"), 48);

        auto pruned = retention.prune(policy, now + 31 * kDayMs);
        QVERIFY2(pruned, qPrintable(pruned.error()));
        QCOMPARE(pruned->runsThinned, 1);
        QCOMPARE(pruned->checkpointsRemoved, qint64(48 - 6)); // 0, 10, 20, 30, 40 and 47 stay
        const auto kept = store->checkpoints("done").value();
        QCOMPARE(kept.size(), size_t(6));
        for (const Checkpoint& checkpoint : kept) {
            const Checkpoint& original = before[checkpoint.stepNo];
            QCOMPARE(checkpoint.state, original.state);
            QCOMPARE(checkpoint.cursor, original.cursor);
            QCOMPARE(store->checkpointAt("done", checkpoint.stepNo).value().cursor,
                     original.cursor);
        }
        QVERIFY(!store->checkpointAt("done", 15));
        QCOMPARE(store->lastCheckpoint("done").value().state, before[47].state);
        QCOMPARE(store->lastState("done").value(), before[47].state);
        QVERIFY(pruned->messagesRemoved > 0);
        QCOMPARE(count(*store, "SELECT COUNT(*) FROM conversation_messages WHERE run_id = 'done'"),
                 messagesBefore - pruned->messagesRemoved);
        // The running run is untouched, and so are the steps' own records.
        QCOMPARE(count(*store, "SELECT COUNT(*) FROM checkpoints WHERE run_id = 'live'"), 48);
        QCOMPARE(count(*store, "SELECT COUNT(*) FROM conversation_messages WHERE run_id = 'live'"),
                 liveMessages);
        QCOMPARE(store->steps("done").value().size(), size_t(47));

        // Again: nothing more to do.
        auto again = retention.prune(policy, now + 40 * kDayMs);
        QVERIFY(again);
        QCOMPARE(again->runsThinned, 0);
        QCOMPARE(again->checkpointsRemoved, 0);
    }

    void oldEventsOfFinishedRunsGo()
    {
        auto store = storeWithRuns(5);
        Retention retention(*store);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto kept = retention.prune({30, 1, 90}, now + 89 * kDayMs);
        QVERIFY(kept);
        QCOMPARE(kept->eventsRemoved, 0);
        QCOMPARE(kept->runsThinned, 0); // every 1: all checkpoints, forever
        auto pruned = retention.prune({30, 1, 90}, now + 91 * kDayMs);
        QVERIFY(pruned);
        QCOMPARE(pruned->eventsRemoved, 5);
        QVERIFY(store->events("done").value().empty());
        QCOMPARE(store->events("live").value().size(), size_t(5));
        // Events kept forever when the policy says 0.
        auto keepAll = retention.prune({30, 1, 0}, now + 1000 * kDayMs);
        QVERIFY(keepAll);
        QCOMPARE(keepAll->eventsRemoved, 0);
        QCOMPARE(store->events("live").value().size(), size_t(5));
    }

    void vacuumGivesTheSpaceBack()
    {
        auto store = storeWithRuns(60);
        Retention retention(*store);
        const StorageUse before = retention.storageUse().value();
        QVERIFY(before.databaseBytes > 300000);
        QVERIFY(retention.prune({0, 20, 0}, QDateTime::currentMSecsSinceEpoch() + 1000));
        const StorageUse pruned = retention.storageUse().value();
        if (store->database().dialect() == Database::Dialect::SQLite)
            QVERIFY2(pruned.freeBytes > 0, "pruning frees pages");
        QVERIFY(retention.vacuum());
        const StorageUse after = retention.storageUse().value();
        QVERIFY2(
            after.databaseBytes < before.databaseBytes,
            qPrintable(
                QStringLiteral("%1 -> %2").arg(before.databaseBytes).arg(after.databaseBytes)));
        QCOMPARE(after.freeBytes, 0);
        // Still whole after the rewrite.
        QCOMPARE(store->lastState("done").value()["count"], 60);
        QCOMPARE(store->checkpointAt("done", 40).value().state["count"], 40);
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
