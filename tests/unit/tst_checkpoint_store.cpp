// Checkpoints stored in proportion to the work: every step of a run whose conversation grows,
// is shortened in the middle and replaced, and whose state gains, changes and loses keys reads
// back exactly — one step, the last, all of them, from another connection, after a rolled
// back write, and rows written in the old whole-checkpoint form. The bytes stored grow with
// the messages, not with the steps times the messages. On SQLite and on PostgreSQL.

#include "JsonCompare.h"
#include "StoreBackends.h"
#include "store/CheckpointStore.h"
#include "store/Database.h"
#include "store/RunStore.h"
#include "store/StateDiff.h"

#include <QSqlQuery>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

RunRecord runRecord(const QString& id, int steps = 0)
{
    RunRecord run;
    run.id = id;
    run.projectId = QStringLiteral("p1");
    run.graphId = 1;
    run.status = RunStatus::Running;
    run.steps = steps;
    return run;
}

std::unique_ptr<RunStore> openStore(const QString& path)
{
    auto store = RunStore::open(path);
    if (!store)
        qFatal("%s", qPrintable(store.error()));
    return std::move(store).value();
}

Json message(const std::string& role, const std::string& content)
{
    return {{"role", role}, {"content", content}};
}

// What step `n` of the scripted run holds, as the engine would write it.
Checkpoint checkpointOf(int n)
{
    Json conversation = Json::array();
    const int stint = n < 40 ? 0 : 1; // at step 40 the conversation is condensed
    conversation.push_back(message("user", stint == 0 ? "start" : "summary of 40 steps"));
    for (int i = stint == 0 ? 1 : 41; i <= n; ++i) {
        // Older turns are shortened to fit the window: a message changes in the middle.
        const bool shortened = n - i > 8;
        conversation.push_back(message("tool", shortened ? "[cut] " + std::to_string(i)
                                                         : std::string(2000, char('a' + i % 26))));
    }
    Json state = {{"project", {{"name", "demo"}}}, {"messages", Json::array()}};
    for (int i = 1; i <= n; ++i)
        state["messages"].push_back({{"agent", "a"}, {"content", "step " + std::to_string(i)}});
    if (n % 7 == 0)
        state["tests"] = {{"passed", n % 2 == 0}};
    if (n > 20 && n < 30)
        state["question"] = {{"text", "which?"}};
    return {"run-1", n, state, {{"agent", n < 40 ? "a" : "b"}, {"conversation", conversation}}};
}

StepCommit commitOf(int n)
{
    StepCommit commit;
    commit.step = {"run-1",        n,         "a", "llm",         "continue",
                   Json::object(), {1, 1, 0}, 1,   Json::array(), 0};
    commit.checkpoint = checkpointOf(n);
    commit.run = runRecord("run-1", n);
    return commit;
}

} // namespace

class TestCheckpointStore : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;

    std::unique_ptr<RunStore> runOf(const QString& location, int steps)
    {
        auto store = openStore(location);
        if (!store->createProject({"p1", "demo", "a demo", "/tmp/ws", 0}) ||
            !store->saveGraph("g", Json{{"name", "g"}}) ||
            !store->createRun(runRecord("run-1"), checkpointOf(0), {}))
            qFatal("setup");
        for (int n = 1; n <= steps; ++n) {
            // Odd steps as a run commits them: the commit gives its state up once stored.
            StepCommit commit = commitOf(n);
            auto ok = n % 2 ? store->commitStepTakingState(commit) : store->commitStep(commit);
            if (!ok)
                qFatal("step %d: %s", n, qPrintable(ok.error()));
            if (n % 2 && !commit.checkpoint.state.is_null())
                qFatal("step %d: the state was copied, not taken", n);
        }
        return store;
    }

private slots:
    void initTestCase_data() { StoreBackends::addRows(); }

    void diffsApplyBackExactly()
    {
        const Json before = {{"a", 1}, {"list", {1, 2}}, {"gone", true}, {"short", {1, 2, 3}}};
        const Json after = {{"a", 2}, {"list", {1, 2, 3}}, {"short", {1}}, {"new", "x"}};
        const Json diff = stateDiff(before, after);
        QCOMPARE(diff["append"]["list"], Json::array({3})); // only what was added
        QCOMPARE(diff["set"]["short"], Json::array({1}));
        QCOMPARE(diff["remove"], Json::array({"gone"}));
        QCOMPARE(applyStateDiff(before, diff), after);
        QCOMPARE(stateDiff(after, after), Json::object());
        QCOMPARE(applyStateDiff(Json(), stateDiff(Json(), after)), after);
    }

    // A commit that is not stored keeps its state and conversation, for a retry.
    void aCommitNotStoredKeepsItsState()
    {
        auto store = runOf(m_backends.locationForRow("o.db"), 2);
        StepCommit again = commitOf(2); // stored already: the steps' primary key refuses it
        QVERIFY(!store->commitStepTakingState(again).ok());
        QCOMPARE(again.checkpoint.state, checkpointOf(2).state);
        QCOMPARE(again.checkpoint.cursor, checkpointOf(2).cursor);
        StepCommit next = commitOf(3);
        QVERIFY(store->commitStepTakingState(next).ok());
        QCOMPARE(store->checkpointAt("run-1", 3)->state, checkpointOf(3).state);
        QCOMPARE(store->checkpointAt("run-1", 3)->cursor, checkpointOf(3).cursor);
    }

    void everyStepReadsBackExactly()
    {
        auto store = runOf(m_backends.locationForRow("o.db"), 60);
        for (int n = 0; n <= 60; ++n) {
            auto c = store->checkpointAt("run-1", n);
            QVERIFY2(c.ok(), qPrintable(c.error()));
            QCOMPARE(c->state, checkpointOf(n).state);
            QCOMPARE(c->cursor, checkpointOf(n).cursor);
        }
        const auto all = store->checkpoints("run-1").value();
        QCOMPARE(all.size(), size_t(61));
        for (int n = 0; n <= 60; ++n) {
            QCOMPARE(all[size_t(n)].state, checkpointOf(n).state);
            QCOMPARE(all[size_t(n)].cursor, checkpointOf(n).cursor);
        }
        QCOMPARE(store->lastCheckpoint("run-1").value().cursor, checkpointOf(60).cursor);
        QCOMPARE(store->lastState("run-1").value(), checkpointOf(60).state);
        QVERIFY(!store->lastState("run-9").ok());
        QVERIFY(!store->checkpointAt("run-1", 61).ok());
        QVERIFY(!store->checkpointAt("run-9", 1).ok());
    }

    void storageGrowsWithTheMessagesNotTheSteps()
    {
        auto store = runOf(m_backends.locationForRow("size.db"), 120);
        QSqlQuery q = store->database().newQuery();
        QVERIFY(q.exec("SELECT SUM(length(body)) FROM conversation_messages") && q.next());
        const qint64 messages = q.value(0).toLongLong();
        QVERIFY(q.exec("SELECT SUM(length(state) + length(cursor)) FROM checkpoints") && q.next());
        const qint64 checkpoints = q.value(0).toLongLong();
        // 120 messages of 2 KB, each stored once (plus its short form once): about 0.25 MB.
        // Whole conversations in every checkpoint would be 120 × 9 × 2 KB = 2.2 MB and more.
        QVERIFY2(messages < 300'000, qPrintable(QString::number(messages)));
        QVERIFY2(checkpoints < 300'000, qPrintable(QString::number(checkpoints)));
        // Whole states only at the start and every 25 steps; diffs in between.
        QVERIFY(q.exec("SELECT COUNT(*) FROM checkpoints WHERE state_kind = 'full'") && q.next());
        QCOMPARE(q.value(0).toInt(), 1 + 120 / 25);
    }

    void anotherWriterAndARolledBackWriteStayExact()
    {
        const QString path = m_backends.locationForRow("two.db");
        auto first = runOf(path, 10);
        // A failing commit (the same step again) is rolled back, and so is what the writer
        // remembered of it.
        QVERIFY(!first->commitStep(commitOf(10)).ok());
        QVERIFY(first->commitStep(commitOf(11)).ok());
        // Another connection (a process that took the run over) goes on from there.
        auto second = openStore(path);
        for (int n = 12; n <= 45; ++n)
            QVERIFY(second->commitStep(commitOf(n)).ok());
        // And the first one again, from what the second wrote.
        QVERIFY(first->commitStep(commitOf(46)).ok());
        for (int n : {10, 11, 12, 13, 30, 44, 45, 46})
            for (RunStore* store : {first.get(), second.get()}) {
                auto c = store->checkpointAt("run-1", n);
                QVERIFY2(c.ok(), qPrintable(c.error()));
                QCOMPARE(c->state, checkpointOf(n).state);
                QCOMPARE(c->cursor, checkpointOf(n).cursor);
            }
    }

    void aWriterRemembersBoundedlyAndStaysExact()
    {
        auto store = runOf(m_backends.locationForRow("many.db"), 1);
        // More waiting runs than a writer remembers: the first one is forgotten, and its next
        // checkpoint is stored whole and reads back exactly.
        for (int i = 0; i < CheckpointStore::kRemembered + 10; ++i) {
            const QString id = QStringLiteral("other-%1").arg(i);
            Checkpoint start = checkpointOf(3);
            start.runId = id;
            start.stepNo = 0;
            QVERIFY(store->createRun(runRecord(id), start, {}));
        }
        auto two = store->commitStep(commitOf(2));
        QVERIFY2(two.ok(), qPrintable(two.error()));
        StepCommit finished = commitOf(3);
        finished.run.status = RunStatus::Completed; // let go of at once
        auto three = store->commitStep(finished);
        QVERIFY2(three.ok(), qPrintable(three.error()));
        auto four = store->commitStep(commitOf(4));
        QVERIFY2(four.ok(), qPrintable(four.error()));
        // A run that waits for the person is let go too; it goes on exactly when answered.
        StepCommit waiting = commitOf(5);
        waiting.run.status = RunStatus::WaitingHuman;
        QVERIFY(store->commitStep(waiting));
        QVERIFY(store->commitStep(commitOf(6)));
        for (int n : {1, 2, 3, 4, 5, 6}) {
            auto read = store->checkpointAt("run-1", n);
            QVERIFY2(read.ok(), qPrintable(read.error()));
            QCOMPARE(store->checkpointAt("run-1", n).value().state, checkpointOf(n).state);
            QCOMPARE(store->checkpointAt("run-1", n).value().cursor, checkpointOf(n).cursor);
        }
        auto other = store->checkpointAt("other-0", 0);
        QVERIFY2(other.ok(), qPrintable(other.error()));
        QCOMPARE(other->cursor, checkpointOf(3).cursor);
    }

    void checkpointsWrittenBeforeStillRead()
    {
        auto store = runOf(m_backends.locationForRow("old.db"), 0);
        // A row as the store wrote it before: whole state, whole conversation in the cursor.
        const Checkpoint old = checkpointOf(1);
        QSqlQuery q = store->database().newQuery();
        q.prepare("INSERT INTO checkpoints (run_id, step_no, state, cursor, created_at) "
                  "VALUES (?, 1, ?, ?, 0)");
        q.addBindValue("run-1");
        q.addBindValue(QString::fromStdString(old.state.dump()));
        q.addBindValue(QString::fromStdString(old.cursor.dump()));
        QVERIFY(q.exec());
        QCOMPARE(store->checkpointAt("run-1", 1).value().cursor, old.cursor);
        QCOMPARE(store->checkpoints("run-1").value().at(1).state, old.state);
        // The next step is written after it and reads back exactly.
        QVERIFY(store->commitStep(commitOf(2)).ok());
        QCOMPARE(store->checkpointAt("run-1", 2).value().cursor, checkpointOf(2).cursor);
    }

    void aMalformedReferenceIsAnErrorNotACrash()
    {
        auto store = runOf(m_backends.locationForRow("bad.db"), 3);
        QSqlQuery q = store->database().newQuery();
        QVERIFY(q.exec("UPDATE checkpoints SET cursor = "
                       "'{\"conversation_ref\":{\"ranges\":[[0,\"x\"],5]}}' WHERE step_no = 2"));
        auto bad = store->checkpointAt("run-1", 2);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().contains("malformed"));
        QCOMPARE(store->checkpointAt("run-1", 3).value().cursor, checkpointOf(3).cursor);
        QCOMPARE(store->checkpoints("run-1").value().size(), size_t(4));
    }
};

QTEST_GUILESS_MAIN(TestCheckpointStore)
#include "tst_checkpoint_store.moc"
