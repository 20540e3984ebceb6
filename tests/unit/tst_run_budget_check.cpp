// The budget check before a run's calls (RunBudgetCheck), on SQLite and PostgreSQL: what it
// read inside a step's commit includes that step's cost; it is read again after a top-up or
// another transaction of the same connection, once it is older than its freshness (another
// process's spend), and after it was used once.

#include "StoreBackends.h"
#include "money/RunBudgetCheck.h"
#include "store/Database.h"
#include "store/RunStore.h"

#include <QTest>

using namespace orch;
using namespace orch::test;

class TestRunBudgetCheck : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;
    const QString m_project = QStringLiteral("p1");

    QString newDatabase()
    {
        QFETCH_GLOBAL(QString, backend);
        return m_backends.location(backend, QStringLiteral("b.db"));
    }
    static std::unique_ptr<RunStore> openStore(const QString& location)
    {
        auto store = RunStore::open(location);
        if (!store)
            qFatal("%s", qPrintable(store.error()));
        return std::move(store).value();
    }
    LedgerEntry call(double cost) const
    {
        return {
            QStringLiteral("r1"), m_project,    1,   QStringLiteral("a"), QStringLiteral("openai"),
            QStringLiteral("m"),  {100, 10, 0}, cost};
    }
    // A step's commit: its call in the ledger, then the reading, in one transaction.
    static void commitStep(RunStore& store, RunBudgetCheck& check, const LedgerEntry& entry)
    {
        auto done = store.database().transaction([&] {
            auto written = store.recordLedger(entry);
            check.readWithinCommit(entry.projectId);
            return written;
        });
        QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error()));
    }
    static bool refused(RunBudgetCheck& check, const QString& project, double estimate)
    {
        auto refusal = check.refusal(project, estimate);
        if (!refusal)
            qFatal("%s", qPrintable(refusal.error()));
        return refusal->has_value();
    }

private slots:
    void initTestCase_data() { StoreBackends::addRows(); }

    void aStepsOwnCostIsInItsReading()
    {
        auto store = openStore(newDatabase());
        Budgets budgets(store->database(), {std::nullopt, 1.0});
        RunBudgetCheck check(budgets, store->database(), QStringLiteral("r1"), 60000);
        commitStep(*store, check, call(0.5));
        QVERIFY(!refused(check, m_project, 0.4));
        commitStep(*store, check, call(0.45));
        QVERIFY(refused(check, m_project, 0.1)); // 0.95 of 1.0 spent
    }

    void aTopUpOrAnotherTransactionHereIsSeenAtOnce()
    {
        auto store = openStore(newDatabase());
        Budgets budgets(store->database(), {std::nullopt, 1.0});
        RunBudgetCheck check(budgets, store->database(), QStringLiteral("r1"), 60000);
        commitStep(*store, check, call(1.0));
        QVERIFY(budgets.topUp(m_project, 2.0, QStringLiteral("admin")).ok());
        QVERIFY(!refused(check, m_project, 0.5)); // the limit written here: read again

        commitStep(*store, check, call(0.5)); // 1.5 of 3.0
        auto other = store->database().transaction([&] { return store->recordLedger(call(1.4)); });
        QVERIFY(other.ok()); // another run of this process
        QVERIFY(refused(check, m_project, 0.2));
    }

    void anotherProcessesSpendIsSeenOnceTheReadingIsOld()
    {
        const QString location = newDatabase();
        auto store = openStore(location);
        auto elsewhere = openStore(location); // another process on the same database
        Budgets budgets(store->database(), {std::nullopt, 1.0});
        RunBudgetCheck keeping(budgets, store->database(), QStringLiteral("r1"), 60000);
        RunBudgetCheck keepingNone(budgets, store->database(), QStringLiteral("r1"), 0);
        commitStep(*store, keepingNone, call(0.0));
        commitStep(*store, keeping, call(0.5)); // the last transaction here
        QVERIFY(elsewhere->recordLedger(call(0.45)).ok());
        QVERIFY(!refused(keeping, m_project, 0.1));    // read with the commit, 0.5 then
        QVERIFY(refused(keepingNone, m_project, 0.1)); // read now: 0.95
        QVERIFY(refused(keeping, m_project, 0.1));     // used once: read again
    }

    void aReadingOfAnotherProjectIsNotUsed()
    {
        auto store = openStore(newDatabase());
        Budgets budgets(store->database(), {std::nullopt, 1.0});
        RunBudgetCheck check(budgets, store->database(), QStringLiteral("r1"), 60000);
        LedgerEntry elsewhere = call(1.0);
        elsewhere.projectId = QStringLiteral("p2");
        commitStep(*store, check, elsewhere);
        QVERIFY(!refused(check, m_project, 0.5)); // p1 has spent nothing
    }
};

QTEST_GUILESS_MAIN(TestRunBudgetCheck)
#include "tst_run_budget_check.moc"
