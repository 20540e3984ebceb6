// The store on SQLite and on PostgreSQL: migrations, graph versions, atomic step commits,
// leases, lookups.

#include "JsonCompare.h"
#include "StoreBackends.h"
#include "money/Budgets.h"
#include "money/Forecasts.h"
#include "store/Database.h"
#include "store/Migrations.h"
#include "store/ResourceAllocator.h"
#include "store/RunLeases.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestStore : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;

    QString newLocation(const QString& name)
    {
        QFETCH_GLOBAL(QString, backend);
        return m_backends.location(backend, name);
    }

    static RunRecord runRecord(const QString& id)
    {
        RunRecord run;
        run.id = id;
        run.projectId = QStringLiteral("p1");
        run.graphId = 1;
        run.status = RunStatus::Running;
        return run;
    }
    static std::unique_ptr<RunStore> openWithRun(const QString& path)
    {
        auto store = RunStore::open(path);
        if (!store)
            qFatal("%s", qPrintable(store.error()));
        auto s = std::move(store).value();
        if (!s->createProject({"p1", "demo", "a demo", "/tmp/ws", 0}).ok())
            qFatal("project");
        if (!s->saveGraph("g", Json{{"name", "g"}}).ok())
            qFatal("graph");
        if (!s->createRun(runRecord("run-1"), {"run-1", 0, {{"k", 1}}, {{"agent", "a"}}}, {}).ok())
            qFatal("run");
        return s;
    }

private slots:
    void initTestCase_data() { StoreBackends::addRows(); }

    void migratesOnceAndReopens()
    {
        const QString path = newLocation("nested/folder/o.db");
        {
            auto store = RunStore::open(path);
            QVERIFY2(store.ok(), qPrintable(store.error()));
            QCOMPARE(store.value()->database().schemaVersion(), migrations().back().version);
        }
        auto again = RunStore::open(path);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QSqlQuery q = again.value()->database().newQuery();
        QVERIFY(q.exec("SELECT COUNT(*) FROM schema_migrations") && q.next());
        QCOMPARE(q.value(0).toInt(), int(migrations().size()));
        if (again.value()->database().dialect() == Database::Dialect::SQLite) {
            QVERIFY(q.exec("PRAGMA journal_mode") && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        }
    }

    void refusesNewerSchema()
    {
        const QString path = newLocation("o.db");
        {
            auto store = RunStore::open(path);
            QSqlQuery q = store.value()->database().newQuery();
            QVERIFY(q.exec("INSERT INTO schema_migrations VALUES (99, 0)"));
        }
        auto reopened = RunStore::open(path);
        QVERIFY(!reopened.ok());
        QVERIFY2(reopened.error().contains("newer than this program"),
                 qPrintable(reopened.error()));
    }

    // Spend per project and for all ("global") is kept with each ledger entry, equal to what
    // summing the ledger gives (replayed calls apart, calls of unknown cost counted); a store
    // from before the totals gets them from its ledger when it is opened.
    void spendTotalsMatchTheLedger()
    {
        const QString path = newLocation("o.db");
        auto store = openWithRun(path);
        const std::vector<LedgerEntry> entries = {
            {"run-1", "p1", 1, "a", "openai", "m", {5, 2, 0}, 0.25},
            {"run-1", "p1", 2, "a", "openai", "m", {5, 2, 0}, std::nullopt},
            {"run-1", "p2", 1, "a", "replay", "m", {5, 2, 0}, 0.5},
            {"run-1", "p2", 2, "a", "anthropic", "m", {5, 2, 0}, 1.0}};
        for (const LedgerEntry& entry : entries)
            QVERIFY(store->recordLedger(entry).ok());
        const QString totals = QStringLiteral(
            "SELECT scope, spent, unknown_calls, simulated FROM spend_totals ORDER BY scope");
        auto read = [&](RunStore& from) {
            QSqlQuery q = from.database().newQuery();
            QStringList rows;
            if (q.exec(totals))
                while (q.next())
                    rows << QStringLiteral("%1 %2 %3 %4")
                                .arg(q.value(0).toString())
                                .arg(q.value(1).toDouble())
                                .arg(q.value(2).toInt())
                                .arg(q.value(3).toDouble());
            return rows;
        };
        const QStringList expected = {"global 1.25 1 0.5", "p1 0.25 1 0", "p2 1 0 0.5"};
        QCOMPARE(read(*store), expected);

        // As a store from before the totals: built from its ledger when it is opened.
        QSqlQuery q = store->database().newQuery();
        QVERIFY(q.exec("DROP TABLE spend_totals"));
        QVERIFY(q.exec("DELETE FROM schema_migrations WHERE version >= 26"));
        store.reset();
        auto reopened = RunStore::open(path);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
        QCOMPARE(read(*reopened.value()), expected);
    }

    // The check before each model call reads both scopes' limits and spend in one query: the
    // global budget is named first, a scope with no limit never refuses, a configured default
    // counts as a limit, and the estimate of the next call counts against what is left.
    void aCallIsRefusedByTheScopeThatRanOut()
    {
        auto store = openWithRun(newLocation("o.db"));
        Budgets budgets(store->database(), {std::nullopt, std::nullopt});
        auto refusal = [&](Budgets& of, const QString& project, double estimate) {
            auto answer = of.refusal(project, estimate, QStringLiteral("run-1"));
            if (!answer)
                qFatal("%s", qPrintable(answer.error()));
            return answer->value_or(QString());
        };
        QVERIFY(store->recordLedger({"run-1", "p1", 1, "a", "openai", "m", {5, 2, 0}, 0.95}).ok());
        QCOMPARE(refusal(budgets, "p1", 10), QString()); // no limits anywhere

        QVERIFY(budgets.setLimit("p1", 1.0).ok());
        QCOMPARE(refusal(budgets, "p1", 0.01), QString());
        QCOMPARE(refusal(budgets, "p1", 0.1),
                 QStringLiteral("the project's budget is used up: spent $0.9500 of $1.0000; "
                                "the next call may cost about $0.1000"));
        QCOMPARE(refusal(budgets, "p2", 0.1), QString()); // another project's limit

        QVERIFY(budgets.setLimit(kGlobalScope, 0.9).ok());
        QVERIFY(
            refusal(budgets, "p1", 0).startsWith("the global budget is used up: spent $0.9500"));
        QVERIFY(refusal(budgets, "p2", 0).startsWith("the global budget"));

        Budgets withDefaults(store->database(), {std::nullopt, 2.0});
        QVERIFY(budgets.setLimit(kGlobalScope, 100).ok());
        QCOMPARE(refusal(withDefaults, "p3", 1.5), QString());
        QVERIFY(refusal(withDefaults, "p3", 2.5).startsWith("the project's budget is used up"));
    }

    // A forecast compares each earlier outcome with the run asked for, and
    // falls back from every feature to fewer when nothing matches them all.
    void aForecastTakesTheClosestOutcomes()
    {
        auto store = openWithRun(newLocation("o.db"));
        Forecasts forecasts(store->database());
        const RunFeatures shortTodo{"new", "todo", 50, "openai/m"};
        const RunFeatures longTodo{"new", "todo", 5000, "openai/m"};
        const RunFeatures otherModels{"new", "todo", 50, "anthropic/m"};
        QVERIFY(forecasts.recordOutcome("r1", shortTodo, 1.0, 100, 1).ok());
        QVERIFY(forecasts.recordOutcome("r2", shortTodo, 3.0, 300, 2).ok());
        QVERIFY(forecasts.recordOutcome("r3", longTodo, 9.0, 900, 3).ok());
        QVERIFY(forecasts.recordOutcome("r4", {"change", "todo", 50, "openai/m"}, 7, 7, 4).ok());

        auto exact = forecasts.forecast(shortTodo);
        QVERIFY2(exact, qPrintable(exact.error()));
        QCOMPARE(exact->samples, 2);
        QCOMPARE(exact->costMid, 1.0);
        QCOMPARE(exact->costHigh, 3.0);
        QVERIFY(exact->basis.endsWith("with these models and a description of this size"));

        auto anySize = forecasts.forecast({"new", "todo", 500, "openai/m"});
        QCOMPARE(anySize->samples, 3);
        QVERIFY(anySize->basis.endsWith("with these models"));

        auto anyModels = forecasts.forecast(otherModels);
        QCOMPARE(anyModels->samples, 3);
        QVERIFY(anyModels->basis.endsWith("with any models"));

        auto noTemplate = forecasts.forecast({"new", "", 50, "openai/m"});
        QCOMPARE(noTemplate->samples, 2); // a template is compared only when one is asked for
        QCOMPARE(forecasts.forecast({"new", "blog", 50, "openai/m"})->samples, 0);
    }

    void graphVersionsAreDeduplicated()
    {
        auto store = RunStore::open(newLocation("o.db")).value();
        const qint64 a = store->saveGraph("g", Json{{"v", 1}}).value();
        const qint64 b = store->saveGraph("g", Json{{"v", 1}}).value();
        const qint64 c = store->saveGraph("g", Json{{"v", 2}}).value();
        QCOMPARE(a, b);
        QVERIFY(c != a);
        QCOMPARE(store->graphBody(c).value()["v"], 2);
    }

    void stepCommitIsAllOrNothing()
    {
        auto store = openWithRun(newLocation("o.db"));
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

    // A step's text columns are bound as UTF-8 and cast to text on SQLite: stored as text
    // (what other readers of the file, and SQL on them, expect), non-ASCII intact.
    void stepJsonIsStoredAsText()
    {
        auto store = openWithRun(newLocation("o.db"));
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
        auto store = openWithRun(newLocation("o.db"));
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

    void oneProcessDrivesARun()
    {
        auto store = openWithRun(newLocation("o.db"));
        RunLeases first(store->database());
        RunLeases second(store->database());
        QVERIFY(first.claim("run-1").ok());
        QVERIFY(first.claim("run-1").ok()); // claiming again is harmless
        auto refused = second.claim("run-1");
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains("driven by another orchestratord"),
                 qPrintable(refused.error()));
        QVERIFY(first.release("run-1").ok());
        QVERIFY(second.claim("run-1").ok());

        // A holder that is a dead process on this host gives the run up at once.
        QSqlQuery q = store->database().newQuery();
        const QString dead = QSysInfo::machineHostName() + QStringLiteral("/999999999/abc");
        QVERIFY(RunLeases::ownerIsDeadLocalProcess(dead));
        QVERIFY(!RunLeases::ownerIsDeadLocalProcess(second.owner()));
        QVERIFY(q.exec(QStringLiteral("UPDATE runs SET owner = '%1', lease_until = %2")
                           .arg(dead)
                           .arg(QDateTime::currentMSecsSinceEpoch() + 60000)));
        QVERIFY(first.claim("run-1").ok());
        // An expired lease of a process elsewhere can be taken over.
        QVERIFY(q.exec("UPDATE runs SET owner = 'elsewhere/1/x', lease_until = 1"));
        QVERIFY(second.claim("run-1").ok());
    }

    // A worker looking for runs to take over sees an orphan however many live runs of other
    // workers there are, and two workers never take the same one.
    void orphansBehindLiveRunsAreFound()
    {
        auto store = openWithRun(newLocation("orphans.db"));
        for (int i = 0; i < 40; ++i)
            QVERIFY(store->createRun(runRecord(QStringLiteral("live-%1").arg(i)),
                                     {QStringLiteral("live-%1").arg(i), 0, {}, {}}, {}));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QSqlQuery q = store->database().newQuery();
        QVERIFY(q.exec(QStringLiteral("UPDATE runs SET owner = 'elsewhere/1/live', lease_until = "
                                      "%1, updated_at = 0 WHERE id LIKE 'live-%'")
                           .arg(now + 60000)));
        QVERIFY(q.exec(QStringLiteral("UPDATE runs SET owner = 'elsewhere/2/dead', lease_until = "
                                      "%1, updated_at = %2 WHERE id = 'run-1'")
                           .arg(now - 1000)
                           .arg(now)));
        RunLeases first(store->database());
        RunLeases second(store->database());
        auto claimed = first.claimOrphans(16);
        QVERIFY2(claimed.ok(), qPrintable(claimed.error()));
        QCOMPARE(claimed.value(), QStringList{"run-1"});
        QCOMPARE(second.claimOrphans(16).value(), QStringList{});
        auto refused = second.claim("run-1");
        QVERIFY(!refused.ok());
    }

    void aServiceNameBelongsToTheProjectThatDeployedItFirst()
    {
        auto store = RunStore::open(newLocation("names.db")).value();
        ResourceAllocator resources(store->database());
        QCOMPARE(resources.serviceName("aaaaaa11", "clock").value(), QString("clock"));
        // Another project with the same title gets a name of its own, not the first one's.
        QCOMPARE(resources.serviceName("bbbbbb22", "clock").value(), QString("clock-bbbbbb"));
        // A project keeps its name even when its title changes later.
        QCOMPARE(resources.serviceName("aaaaaa11", "renamed").value(), QString("clock"));
        QCOMPARE(resources.serviceName("bbbbbb22", "other").value(), QString("clock-bbbbbb"));
        // When both are taken the answer says so.
        QVERIFY(resources.serviceName("cccccc33", "clock-dddddd").ok());
        auto refused = resources.serviceName("dddddd44", "clock");
        QVERIFY(!refused.ok());
        QCOMPARE(refused.code(), ErrorCode::Conflict);
        QVERIFY2(refused.error().contains("clock-dddddd"), qPrintable(refused.error()));
        QCOMPARE(resources.serviceName("dddddd44", "fresh").value(), QString("fresh"));
    }

    void runLookupByPrefix()
    {
        auto store = openWithRun(newLocation("o.db"));
        QVERIFY(store->createRun(runRecord("run-2"), {"run-2", 0, {}, {}}, {}).ok());
        QCOMPARE(store->run("run-1").value().id, QStringLiteral("run-1"));
        QVERIFY(store->run("run-").error().contains("ambiguous"));
        QVERIFY(store->run("nope").error().contains("no run"));
        // A person's text is matched literally: % and _ are not wildcards.
        QVERIFY(store->run("%").error().contains("no run"));
        QVERIFY(store->run("run_").error().contains("no run"));
        QVERIFY(store->run("_un-1").error().contains("no run"));
        QCOMPARE(store->runs({RunStatus::Running}).value().size(), size_t(2));
        QCOMPARE(store->runs({RunStatus::Completed}).value().size(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
