// The store on SQLite and on PostgreSQL: migrations, spend, graph versions, leases, lookups.
// (Step commits and writes of one moment: tst_step_commit.)

#include "JsonCompare.h"
#include "StoreBackends.h"
#include "StoreFixtures.h"
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

private slots:
    void initTestCase_data() { StoreBackends::addRows(); }

    void migratesOnceAndReopens()
    {
        const QString path = m_backends.locationForRow("nested/folder/o.db");
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
        const QString path = m_backends.locationForRow("o.db");
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
        const QString path = m_backends.locationForRow("o.db");
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
        auto store = openWithRun(m_backends.locationForRow("o.db"));
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
        auto store = openWithRun(m_backends.locationForRow("o.db"));
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
        auto store = RunStore::open(m_backends.locationForRow("o.db")).value();
        const qint64 a = store->saveGraph("g", Json{{"v", 1}}).value();
        const qint64 b = store->saveGraph("g", Json{{"v", 1}}).value();
        const qint64 c = store->saveGraph("g", Json{{"v", 2}}).value();
        QCOMPARE(a, b);
        QVERIFY(c != a);
        QCOMPARE(store->graphBody(c).value()["v"], 2);
    }

    void oneProcessDrivesARun()
    {
        auto store = openWithRun(m_backends.locationForRow("o.db"));
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
        auto store = openWithRun(m_backends.locationForRow("orphans.db"));
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
        auto store = RunStore::open(m_backends.locationForRow("names.db")).value();
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
        auto store = openWithRun(m_backends.locationForRow("o.db"));
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
