// The outcomes a process keeps for the forecasts of its new runs (OutcomeMemory), on SQLite and
// PostgreSQL: its own outcomes count at once, another process's once what it kept is older
// than its freshness, an outcome recorded again counts once, and no more than the newest 200
// of a kind are kept.

#include "StoreBackends.h"
#include "money/Forecasts.h"
#include "store/RunStore.h"

#include <QTest>

using namespace orch;
using namespace orch::test;

class TestOutcomeMemory : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;

    std::unique_ptr<RunStore> openStore()
    {
        QFETCH_GLOBAL(QString, backend);
        auto store = RunStore::open(m_backends.location(backend, QStringLiteral("o.db")));
        if (!store)
            qFatal("%s", qPrintable(store.error()));
        return std::move(store).value();
    }
    static int samples(Forecasts& forecasts, const RunFeatures& features)
    {
        auto forecast = forecasts.forecast(features);
        if (!forecast)
            qFatal("%s", qPrintable(forecast.error()));
        return forecast->samples;
    }

private slots:
    void initTestCase_data() { StoreBackends::addRows(); }

    void ownOutcomesCountAtOnceOthersWhenRead()
    {
        auto store = openStore();
        const RunFeatures todo{"new", "todo", 50, "openai/m"};
        OutcomeMemory memory;
        Forecasts here(store->database(), &memory);
        Forecasts elsewhere(store->database()); // another process: keeps nothing
        QVERIFY(elsewhere.recordOutcome("r1", todo, 1.0, 100, 1).ok());
        QCOMPARE(samples(here, todo), 1); // read from the store, then kept
        QVERIFY(here.recordOutcome("r2", todo, 3.0, 300, 2).ok());
        QCOMPARE(samples(here, todo), 2); // its own: at once
        QVERIFY(elsewhere.recordOutcome("r3", todo, 5.0, 500, 3).ok());
        QCOMPARE(samples(here, todo), 2); // another's: not before it reads again
        QCOMPARE(samples(elsewhere, todo), 3);

        // Recorded again: counted once, with the new figures.
        QVERIFY(here.recordOutcome("r2", todo, 9.0, 900, 4).ok());
        auto again = here.forecast(todo);
        QCOMPARE(again->samples, 2);
        QCOMPARE(again->costHigh, 9.0);

        OutcomeMemory stale(0); // never fresh: reads the store each time
        Forecasts rereading(store->database(), &stale);
        QCOMPARE(samples(rereading, todo), 3);
        QVERIFY(elsewhere.recordOutcome("r4", todo, 1.0, 100, 5).ok());
        QCOMPARE(samples(rereading, todo), 4);
    }

    void onlyTheNewestOfAKindAreKept()
    {
        auto store = openStore();
        const RunFeatures todo{"new", "todo", 50, "openai/m"};
        OutcomeMemory memory;
        Forecasts here(store->database(), &memory);
        QCOMPARE(samples(here, todo), 0);
        for (int i = 0; i < 205; ++i)
            QVERIFY(
                here.recordOutcome(QStringLiteral("r%1").arg(i), todo, i < 5 ? 1000.0 : 1.0, 10, i)
                    .ok());
        auto kept = here.forecast(todo);
        QCOMPARE(kept->samples, 200);
        QCOMPARE(kept->costHigh, 1.0); // the five oldest (and dearest) are gone
        QCOMPARE(samples(here, {"change", "todo", 50, "openai/m"}), 0); // another kind
    }
};

QTEST_GUILESS_MAIN(TestOutcomeMemory)
#include "tst_outcome_memory.moc"
