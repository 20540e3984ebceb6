// A step's commit and the writes of one moment, on SQLite and on PostgreSQL: all or nothing,
// savepoints for their parts, and a step's texts stored as text.

#include "JsonCompare.h"
#include "StoreBackends.h"
#include "StoreFixtures.h"
#include "store/Database.h"
#include "store/RunStore.h"

#include <QSqlQuery>
#include <QTest>
#include <map>

using namespace orch;
using namespace orch::test;

class TestStepCommit : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;

private slots:
    void initTestCase_data() { StoreBackends::addRows(); }

    void stepCommitIsAllOrNothing()
    {
        auto store = openWithRun(m_backends.locationForRow("o.db"));
        StepCommit commit;
        commit.step = {"run-1",        1,         "a", "llm",         "finished",
                       Json::object(), {5, 2, 0}, 10,  Json::array(), 0};
        commit.checkpoint = {"run-1", 1, {{"k", 2}}, {{"agent", "b"}}};
        commit.run = runRecord("run-1");
        commit.run.steps = 1;
        commit.ledger = {{"run-1", "p1", 1, "a", "openai", "m", {5, 2, 0}, std::nullopt}};
        commit.events = {{"run-1", 1, "a", EventKind::StepFinished, Json::object(), 0}};
        QVERIFY(store->commitStep(commit).ok());

        // The same step again violates the steps primary key: nothing of it may remain.
        commit.checkpoint.stepNo = 2;
        commit.run.steps = 2;
        auto again = store->commitStep(commit);
        QVERIFY(!again.ok());
        QCOMPARE(store->checkpoints("run-1").value().size(), size_t(2)); // step 0 and 1
        QCOMPARE(store->ledger("run-1").value().size(), size_t(1));
        QCOMPARE(store->events("run-1").value().size(), size_t(1));
        QCOMPARE(store->run("run-1").value().steps, 1);
        QCOMPARE(store->lastCheckpoint("run-1").value().cursor["agent"], "b");
        QVERIFY(!store->ledger("run-1").value()[0].cost.has_value()); // unknown, not zero
    }

    // A step's checkpoint names the run's own state (no copy per step): each step reads back
    // as the run had it, through diffs, whole snapshots, a failed commit and a held one.
    void liveStateIsWrittenAsTheRunHadIt()
    {
        auto store = openWithRun(m_backends.locationForRow("o.db"));
        Json live = {{"k", 1}};
        std::map<int, Json> expected = {{0, live}};
        const auto commitStep = [&](int stepNo, std::optional<RunLease> lease = std::nullopt) {
            StepCommit commit;
            commit.step = {"run-1",        stepNo,    "a", "llm",         "continue",
                           Json::object(), {1, 1, 0}, 1,   Json::array(), 0};
            commit.checkpoint = {"run-1", stepNo, Json(), {{"agent", "a"}}, &live};
            commit.run = runRecord("run-1");
            commit.run.steps = stepNo;
            commit.lease = lease;
            return store->commitStepTakingState(commit);
        };
        for (int stepNo = 1; stepNo <= 60; ++stepNo) {
            live["k"] = stepNo;
            if (stepNo % 3 == 0) // a list that grows at its end, stored as what was appended
                live["transcript"].push_back({{"step", stepNo}});
            if (stepNo % 7 == 0)
                live.erase("extra");
            else
                live["extra"] = {{"at", stepNo}, {"note", std::string(size_t(stepNo), 'x')}};
            if (stepNo == 31) {
                // Fails before its checkpoint: the remembered base still holds.
                QVERIFY(!commitStep(30).ok());
                // Fails after its checkpoint was written (a lease that is not the run's): rolled
                // back, so the step is written whole when it comes again.
                QVERIFY(!commitStep(31, RunLease{QStringLiteral("someone else"), 7}).ok());
            }
            QVERIFY(commitStep(stepNo).ok());
            expected[stepNo] = live;
        }
        for (const auto& [stepNo, state] : expected)
            QVERIFY2(store->checkpointAt("run-1", stepNo).value().state == state,
                     qPrintable(QString::number(stepNo)));
        const auto kindOf = [&](int stepNo) {
            QSqlQuery& q = store->database().prepared(QStringLiteral(
                "SELECT state_kind FROM checkpoints WHERE run_id = 'run-1' AND step_no = ?"));
            q.addBindValue(stepNo);
            const QString kind =
                Database::exec(q).ok() && q.next() ? q.value(0).toString() : QString();
            q.finish();
            return kind;
        };
        QCOMPARE(kindOf(2), QStringLiteral("diff"));
        QCOMPARE(kindOf(25), QStringLiteral("full"));
        QCOMPARE(kindOf(30), QStringLiteral("diff"));
        QCOMPARE(kindOf(31), QStringLiteral("full")); // after the rolled-back one
        QCOMPARE(kindOf(32), QStringLiteral("diff"));

        // A checkpoint kept past its write takes its own copy.
        Checkpoint held{"run-1", 61, Json(), Json::object(), &live};
        held.ownState();
        live["k"] = "changed";
        QVERIFY(held.liveState == nullptr);
        QCOMPARE(held.state["k"], 60);
    }

    // A step's text columns are bound as UTF-8 and cast to text on SQLite: stored as text
    // (what other readers of the file, and SQL on them, expect), non-ASCII intact.
    void stepJsonIsStoredAsText()
    {
        auto store = openWithRun(m_backends.locationForRow("o.db"));
        const Json said = {{"text", "Привет, 東京 😀"}};
        StepCommit commit;
        commit.step = {"run-1", 1, "a", "llm", "finished", said, {5, 2, 0}, 10, Json::array(), 0};
        commit.checkpoint = {"run-1", 1, said, {{"agent", "b"}, {"conversation", {said}}}};
        commit.run = runRecord("run-1");
        commit.run.steps = 1;
        commit.events = {{"run-1", 1, "a", EventKind::StepFinished, said, 0}};
        QVERIFY(store->commitStep(commit).ok());
        QCOMPARE(store->events("run-1").value().back().payload, said);
        QCOMPARE(store->lastCheckpoint("run-1").value().state, said);
        QCOMPARE(store->lastCheckpoint("run-1").value().cursor["conversation"][0], said);
        QCOMPARE(store->steps("run-1").value().back().detail, said);
        const bool sqlite = store->database().dialect() == Database::Dialect::SQLite;
        const QString typeOf =
            sqlite ? QStringLiteral("typeof(%1)") : QStringLiteral("pg_typeof(%1)::text");
        const QStringList columns = {"events.payload",
                                     "events.run_id",
                                     "events.kind",
                                     "steps.detail",
                                     "steps.agent",
                                     "checkpoints.state",
                                     "checkpoints.state_kind",
                                     "conversation_messages.body",
                                     "conversation_messages.run_id"};
        QStringList reads;
        for (const QString& column : columns) {
            const QStringList part = column.split(QLatin1Char('.'));
            reads << QStringLiteral("(SELECT %1 FROM %2 ORDER BY %3 DESC LIMIT 1)")
                         .arg(typeOf.arg(part[1]), part[0],
                              part[0] == QLatin1String("conversation_messages")
                                  ? QStringLiteral("seq")
                                  : QStringLiteral("step_no"));
        }
        QSqlQuery& types =
            store->database().prepared(QStringLiteral("SELECT ") + reads.join(u", "));
        QVERIFY(Database::exec(types).ok());
        QVERIFY(types.next());
        for (int column = 0; column < columns.size(); ++column)
            QCOMPARE(types.value(column).toString() + QLatin1Char(' ') + columns[column],
                     QStringLiteral("text ") + columns[column]);
    }

    // Writes of one moment (a run starting or ending) commit at once. A part that fails is
    // rolled back alone, a part inside a part is a savepoint of its own, and a COMMIT that
    // fails loses every part, the good ones too.
    void writesOfOneMomentCommitTogether()
    {
        auto store = openWithRun(m_backends.locationForRow("o.db"));
        Database& db = store->database();
        auto create = [&](const char* id) {
            return store->createProject({id, id, "a demo", "/tmp/ws", 0});
        };
        auto stored = [&] {
            QStringList ids;
            for (const ProjectRecord& p : store->projects().value())
                ids << p.id;
            ids.sort();
            return ids.join(',');
        };
        Result<void> good, failing, outer;
        auto together = db.together([&] {
            good = db.transaction([&] { return create("p2"); });
            failing = db.transaction([&]() -> Result<void> {
                if (auto ok = create("p3"); !ok)
                    return ok;
                return create("p1"); // taken: p3 goes with it
            });
            outer = db.transaction([&]() -> Result<void> {
                (void)db.transaction([&]() -> Result<void> {
                    (void)create("p4");
                    return Error{QStringLiteral("the inner part fails")};
                });
                return create("p5");
            });
        });
        QVERIFY2(together.ok(), qPrintable(together.error()));
        QVERIFY(good.ok());
        QVERIFY(!failing.ok());
        QVERIFY2(outer.ok(), qPrintable(outer.error()));
        QCOMPARE(stored(), QString("p1,p2,p5"));

        if (db.isPostgres())
            return; // its foreign keys are checked at once, never at COMMIT
        // A foreign key checked at COMMIT (deferred) makes the COMMIT fail.
        together = db.together([&] {
            good = db.transaction([&] { return create("p6"); });
            QSqlQuery q = db.newQuery();
            QVERIFY(q.exec("PRAGMA defer_foreign_keys = ON"));
            QVERIFY(q.exec("INSERT INTO runs (id, project_id, graph_id, status, created_at, "
                           "updated_at) VALUES ('r9', 'no-such-project', 1, 'running', 0, 0)"));
        });
        QVERIFY(good.ok());
        QVERIFY(!together.ok());
        QVERIFY2(together.error().contains("FOREIGN KEY"), qPrintable(together.error()));
        QCOMPARE(stored(), QString("p1,p2,p5"));
        QVERIFY(create("p7").ok()); // and the connection goes on
    }
};

QTEST_GUILESS_MAIN(TestStepCommit)
#include "tst_step_commit.moc"
