// Forecasts from history, on a real engine and store: the first run of its kind has none and
// says so (in its state, its report and runs.forecast); runs that completed before make the
// next one's forecast (median, 10th and 90th percentile of the most alike), whose range holds
// what that run then cost, and the report puts the two side by side. A change of a project
// whose template no run had yet has no history; a forecast more than the budget left is
// flagged, so front ends ask first.

#include "EngineInternals.h"
#include "TestGraphs.h"
#include "api/AwaitAnswer.h"
#include "core/Redaction.h"
#include "money/Forecasts.h"
#include "report/ReportBuilder.h"
#include "report/ReportWriter.h"
#include "runtime/GraphCatalog.h"
#include "store/RunStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestForecasts : public QObject
{
    Q_OBJECT

    FakeLlmServer m_server;
    QTemporaryDir m_dir;
    QString m_pricing;

    static double forecastCost(const Json& state, const char* which)
    {
        return doubleOr(objectAt(state, "forecast"), which, -1);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        m_server.setHandler(
            [](const RecordedRequest&) { return FakeReply::openAiText("done", 100000, 10000); });
        m_pricing = m_dir.filePath("pricing.json");
        QFile file(m_pricing);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"models": {"fake-model": {"input": 1.0, "output": 2.0}}})");
    }

    void historyMakesTheForecastAndTheReportShowsBoth()
    {
        TestEngine t(m_server, false, 2, 5000,
                     [this](EngineOptions& o) { o.pricingFile = m_pricing; });
        Engine& engine = *t.engine;
        QVERIFY(inside(engine).graphs().save(chainGraph(2))); // the graph new runs use
        // Nothing ran yet: no numbers, and it says why.
        auto none = api::awaitAnswer(engine, &EngineApi::forecast, {"a greeter", {}}, 10000);
        QVERIFY2(none, qPrintable(none.error()));
        QCOMPARE(none->samples, 0);
        QVERIFY2(none->basis.contains("no earlier new run like it"), qPrintable(none->basis));

        const RunRecord first = t.runToEnd(chainGraph(2), "a greeter");
        QCOMPARE(first.status, RunStatus::Completed);
        const Json firstState = inside(engine).store().lastState(first.id).value();
        QCOMPARE(intOr(objectAt(firstState, "forecast"), "samples", -1), 0);
        auto firstReport = inside(engine).report(first.id);
        QVERIFY(firstReport);
        QVERIFY2(firstReport->contains("Forecast: none (no earlier new run like it"),
                 qPrintable(*firstReport));

        for (int i = 0; i < 2; ++i)
            QCOMPARE(t.runToEnd(chainGraph(2), "a greeter").status, RunStatus::Completed);
        auto asked = api::awaitAnswer(engine, &EngineApi::forecast, {"a greeter", {}}, 10000);
        QVERIFY(asked);
        QCOMPARE(asked->samples, 3);
        QVERIFY(asked->costLow <= asked->costMid && asked->costMid <= asked->costHigh);
        QVERIFY(asked->costMid > 0);
        QVERIFY2(asked->basis.contains("3 earlier new run(s) with these models and a description "
                                       "of this size"),
                 qPrintable(asked->basis));
        QVERIFY(!asked->budgetLeft); // nothing limits it
        QVERIFY(!asked->exceedsBudget);

        // The next run: its forecast holds what it then cost, and its report shows both.
        const RunRecord next = t.runToEnd(chainGraph(2), "a greeter");
        const Json state = inside(engine).store().lastState(next.id).value();
        double actual = 0;
        for (const LedgerEntry& charge : inside(engine).store().ledger(next.id).value())
            actual += charge.cost.value_or(0);
        QVERIFY(forecastCost(state, "cost_low") <= actual + 1e-9);
        QVERIFY(actual <= forecastCost(state, "cost_high") + 1e-9);
        auto report = inside(engine).report(next.id);
        QVERIFY(report);
        QVERIFY2(report->contains("Forecast: $") && report->contains("; actual: $"),
                 qPrintable(*report));
        qInfo("%s", qPrintable(report->section("Forecast:", 1).prepend("Forecast:").left(300)));
        // Written from what the run held (its state, steps and charges); the store's copies of
        // them make the same report.
        RunStore& store = inside(engine).store();
        auto rebuilt = ReportWriter::gather(store, store.run(next.id).value());
        QVERIFY2(rebuilt, qPrintable(rebuilt.error()));
        QCOMPARE(rebuilt->steps.size(), size_t(2));
        QCOMPARE(redaction::text(buildReport(rebuilt.value())), *report);

        // A change of this project: no change run happened yet, so no history.
        auto change = api::awaitAnswer(engine, &EngineApi::forecast,
                                       {"add a farewell", next.projectId}, 10000);
        QVERIFY(change);
        QCOMPARE(change->samples, 0);
        QVERIFY(change->basis.contains("no earlier change run"));

        // A budget the median does not fit in: flagged, with what is left.
        QVERIFY(api::awaitAnswer(engine, &EngineApi::topUp, {kGlobalScope, 0.0001, "test"}, 10000));
        auto tight = api::awaitAnswer(engine, &EngineApi::forecast, {"a greeter", {}}, 10000);
        QVERIFY(tight);
        QVERIFY(tight->budgetLeft.has_value());
        QVERIFY(tight->exceedsBudget);
    }

    // Against a seeded history: the most alike runs decide; a template nobody used has none.
    void theClosestHistoryDecides()
    {
        TestEngine t(m_server);
        Forecasts forecasts(inside(*t.engine).store().database());
        const QString models = "openai/fake-model";
        for (int i = 1; i <= 10; ++i) // short new runs: $0.10 … $1.00, i minutes
            QVERIFY(forecasts.recordOutcome(QString("s%1").arg(i), {"new", "", 50, models}, 0.1 * i,
                                            i * 60000, i));
        for (int i = 1; i <= 4; ++i) // long ones cost more
            QVERIFY(forecasts.recordOutcome(QString("l%1").arg(i), {"new", "", 5000, models},
                                            10.0 * i, 600000, 100 + i));
        QVERIFY(forecasts.recordOutcome("c1", {"change", "python-http-service", 100, models}, 0.5,
                                        60000, 200));
        auto shortOne = forecasts.forecast({"new", "", 80, models});
        QVERIFY(shortOne);
        QCOMPARE(shortOne->samples, 10);
        QVERIFY(qAbs(shortOne->costLow - 0.1) < 1e-9);
        QVERIFY(qAbs(shortOne->costMid - 0.5) < 1e-9);
        QVERIFY(qAbs(shortOne->costHigh - 0.9) < 1e-9);
        QCOMPARE(shortOne->msMid, 5 * 60000);
        auto longOne = forecasts.forecast({"new", "", 3000, models});
        QVERIFY(longOne && longOne->samples == 4 && longOne->costMid >= 10);
        // Other models: the size still counts, the models are let go.
        auto otherModels = forecasts.forecast({"new", "", 80, "anthropic/claude"});
        QVERIFY(otherModels && otherModels->samples == 14);
        QVERIFY(otherModels->basis.contains("with any models"));
        auto sameTemplate = forecasts.forecast({"change", "python-http-service", 100, models});
        QVERIFY(sameTemplate && sameTemplate->samples == 1);
        auto newTemplate = forecasts.forecast({"change", "python-worker", 100, models});
        QVERIFY(newTemplate && newTemplate->samples == 0);
        QVERIFY(newTemplate->basis.contains("no earlier change run like it"));
    }
};

QTEST_GUILESS_MAIN(TestForecasts)
#include "tst_forecasts.moc"
