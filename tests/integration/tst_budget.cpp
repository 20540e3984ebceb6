// Money: every model call lands in the ledger with its price; a run stops before a call that
// could exceed the global or the project's budget, says why, and a top-up resumes it. A model
// missing from the pricing table is recorded and reported as "unknown", never as free.

#include "CliProcess.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {
// 100k prompt + 10k completion tokens of gpt-4o: 0.25 + 0.10 = 0.35 USD per call.
constexpr double kCallCost = 0.35;

Json pricedChain(int length, const std::string& model)
{
    Json graph = chainGraph(length);
    graph["models"]["default"]["model"] = model;
    return graph;
}

bool hasEvent(RunStore& store, const QString& runId, EventKind::Value kind)
{
    for (const RunEvent& e : store.events(runId).value())
        if (e.kind == kind)
            return true;
    return false;
}
} // namespace

class TestBudget : public QObject
{
    Q_OBJECT

    FakeLlmServer m_server;

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        m_server.setHandler(
            [](const RecordedRequest&) { return FakeReply::openAiText("done", 100000, 10000); });
    }

    void globalBudgetStopsTheRunAndATopUpResumesIt()
    {
        TestEngine t(m_server, false, 2, 5000, [](EngineOptions& o) { o.budgets.global = 0.5; });
        GraphPtr graph = t.graph(pricedChain(3, "gpt-4o"));
        const QString runId = inside(*t.engine).startRun("priced", graph).value();
        RunRecord stopped = t.waitForStop(runId);
        QCOMPARE(stopped.status, RunStatus::WaitingBudget);
        QCOMPARE(stopped.steps, 1); // 0.35 spent; 0.15 left cannot pay for another 0.35 call
        QVERIFY2(stopped.reason.contains("global budget"), qPrintable(stopped.reason));
        QVERIFY(hasEvent(inside(*t.engine).store(), runId, EventKind::BudgetWaiting));
        QCOMPARE(inside(*t.engine).store().run(runId).value().status, RunStatus::WaitingBudget);

        auto status = inside(*t.engine).topUp(kGlobalScope, 1.0, "test");
        QVERIFY2(status.ok(), qPrintable(status.error()));
        QCOMPARE(*status->limit, 1.5);
        RunRecord finished = t.waitForStop(runId);
        QCOMPARE(finished.status, RunStatus::Completed);
        QCOMPARE(finished.steps, 3);

        const auto ledger = inside(*t.engine).store().ledger(runId).value();
        QCOMPARE(ledger.size(), size_t(3));
        for (const LedgerEntry& e : ledger) {
            QVERIFY(e.cost.has_value());
            QVERIFY(qAbs(*e.cost - kCallCost) < 1e-9);
            QCOMPARE(e.usage.prompt, 100000);
            QCOMPARE(e.model, QString("gpt-4o"));
        }
        auto balances = inside(*t.engine).balances().value();
        QVERIFY(qAbs(balances.global.spent - 3 * kCallCost) < 1e-9);
        QCOMPARE(balances.byAgent.size(), size_t(3));
        QCOMPARE(balances.byModel.size(), size_t(1));
        QCOMPARE(balances.byModel[0].key, QString("gpt-4o"));
        QCOMPARE(balances.byModel[0].calls, 3);
        QCOMPARE(balances.byDay.size(), size_t(1));
        QCOMPARE(balances.byProject.size(), size_t(1));
        QCOMPARE(balances.byProject[0].label, QString("priced"));
    }

    void projectBudgetStopsOnlyThatProject()
    {
        TestEngine t(m_server, false, 2, 5000,
                     [](EngineOptions& o) { o.budgets.perProject = 0.3; });
        GraphPtr graph = t.graph(pricedChain(2, "gpt-4o"));
        const QString runId = inside(*t.engine).startRun("limited", graph).value();
        RunRecord stopped = t.waitForStop(runId);
        QCOMPARE(stopped.status, RunStatus::WaitingBudget);
        QVERIFY2(stopped.reason.contains("project's budget"), qPrintable(stopped.reason));
        // A top-up of another scope changes nothing for this run.
        QVERIFY(inside(*t.engine).topUp(kGlobalScope, 5, "test").ok());
        QTest::qWait(50);
        QCOMPARE(inside(*t.engine).store().run(runId).value().status, RunStatus::WaitingBudget);
        QVERIFY(!inside(*t.engine).topUp("no-such-project", 5, "test").ok());
        QVERIFY(!inside(*t.engine).topUp(stopped.projectId, -1, "test").ok());
        QVERIFY(inside(*t.engine).topUp(stopped.projectId, 1, "test").ok());
        QCOMPARE(t.waitForStop(runId).status, RunStatus::Completed);
    }

    void budgetWaitSurvivesARestart()
    {
        QTemporaryDir shared;
        auto sameDatabase = [&](EngineOptions& o) {
            o.databasePath = shared.filePath("o.db");
            o.budgets.global = 0.1;
        };
        QString runId;
        {
            TestEngine t(m_server, false, 2, 5000, sameDatabase);
            runId =
                inside(*t.engine).startRun("restart", t.graph(pricedChain(2, "gpt-4o"))).value();
            QCOMPARE(t.waitForStop(runId).status, RunStatus::WaitingBudget);
        }
        TestEngine again(m_server, false, 2, 5000, sameDatabase);
        QVERIFY(again.engine->resumeUnfinished().ok());
        QCOMPARE(inside(*again.engine).store().run(runId).value().status, RunStatus::WaitingBudget);
        QVERIFY(inside(*again.engine).topUp(kGlobalScope, 2, "test").ok());
        QCOMPARE(again.waitForStop(runId).status, RunStatus::Completed);
    }

    void aTopUpFromTheCommandLineReachesTheServingProcess()
    {
        QTemporaryDir shared;
        const QString db = shared.filePath("o.db");
        TestEngine t(m_server, false, 2, 5000, [&](EngineOptions& o) {
            o.databasePath = db;
            o.budgets.global = 0.1;
        });
        t.engine->watchBudgets(50);
        const QString runId =
            inside(*t.engine).startRun("cli top-up", t.graph(pricedChain(2, "gpt-4o"))).value();
        QCOMPARE(t.waitForStop(runId).status, RunStatus::WaitingBudget);
        CliResult topup = runCli({"topup", "3", "--db", db});
        QVERIFY2(topup.exitCode == 0, qPrintable(topup.err));
        QVERIFY2(topup.out.contains("of $3.1000"), qPrintable(topup.out)); // the 0.1 limit + 3
        QCOMPARE(t.waitForStop(runId).status, RunStatus::Completed);
        CliResult balance = runCli({"balance", "--db", db, "--json"});
        QCOMPARE(balance.exitCode, 0);
        const Json parsed = parseJson(balance.out.toUtf8());
        QVERIFY(qAbs(parsed["global"]["spent"].get<double>() - 2 * kCallCost) < 1e-9);
        QCOMPARE(parsed["by_model"][0]["key"], "gpt-4o");
        QVERIFY(parsed["storage"]["database_bytes"].get<qint64>() > 0);
        QCOMPARE(parsed["storage"]["last_prune_ms"], 0);
        QCOMPARE(runCli({"topup", "-2", "--db", db}).exitCode, 2);
        // The retention policy applied by hand; balance then says when.
        CliResult prune = runCli({"prune", "--db", db, "--json"});
        QVERIFY2(prune.exitCode == 0, qPrintable(prune.err));
        const Json pruned = parseJson(prune.out.toUtf8());
        QCOMPARE(pruned["runs_thinned"], 0); // finished just now: within the 30 days
        QVERIFY(pruned["database_bytes_after"].get<qint64>() > 0);
        CliResult text = runCli({"balance", "--db", db});
        QVERIFY2(text.out.contains(QRegularExpression("database: [0-9.]+ MB \\([0-9.]+ MB free\\), "
                                                      "pruned 20[0-9-]+ ")),
                 qPrintable(text.out));
    }

    void unknownPriceIsRecordedAsUnknown()
    {
        TestEngine t(m_server, false, 2, 5000, [](EngineOptions& o) { o.budgets.global = 10; });
        RunRecord run = t.runToEnd(pricedChain(1, "mystery-model"));
        QCOMPARE(run.status, RunStatus::Completed);
        const auto ledger = inside(*t.engine).store().ledger(run.id).value();
        QCOMPARE(ledger.size(), size_t(1));
        QVERIFY(!ledger[0].cost.has_value());
        auto balances = inside(*t.engine).balances().value();
        QCOMPARE(balances.global.unknownCostCalls, 1);
        QCOMPARE(balances.global.spent, 0.0);
        QCOMPARE(balances.byModel[0].unknownCostCalls, 1);
        const QString report = inside(*t.engine).report(run.id).value();
        QVERIFY2(report.contains("unknown"), qPrintable(report));
    }

    // The offline demo model's calls have a simulated price: the demo shows spend, labelled
    // simulated everywhere, and no budget pays for it (a tiny budget does not stop the run).
    void theOfflineDemoModelCostsSimulatedMoney()
    {
        QTemporaryDir shared;
        const QString script = shared.filePath("demo.replay.json");
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toBytes(Json{{"format", "codegen-orchestrator.replay/1"},
                                {"label", "test demo"},
                                {"agents",
                                 {{"a1", Json::array({{{"content", std::string(4000, 'x')}}})},
                                  {"a2", Json::array({{{"content", "done"}}})}}}}));
        file.close();
        const QString db = shared.filePath("o.db");
        TestEngine t(m_server, false, 2, 5000, [&](EngineOptions& o) {
            o.databasePath = db;
            o.llm.replayScript = script;
            o.budgets.global = 0.000001;
        });
        const int requestsBefore = m_server.requestCount();
        RunRecord run = t.runToEnd(chainGraph(2), "demo");
        QCOMPARE(run.status, RunStatus::Completed);
        QCOMPARE(m_server.requestCount(), requestsBefore); // replayed, not asked
        const auto ledger = inside(*t.engine).store().ledger(run.id).value();
        QCOMPARE(ledger.size(), size_t(2));
        QVERIFY(ledger[0].cost.value_or(0) > 0); // priced by the table's offline-demo entry
        auto balances = inside(*t.engine).balances().value();
        QCOMPARE(balances.global.spent, 0.0);
        QVERIFY(qAbs(balances.global.simulated - (*ledger[0].cost + *ledger[1].cost)) < 1e-12);
        QCOMPARE(balances.byProject.size(), size_t(1));
        QCOMPARE(balances.byProject[0].simulatedCost, balances.byProject[0].cost);
        const QString report = inside(*t.engine).report(run.id).value();
        QVERIFY2(report.contains("(simulated)") && report.contains("not spent"),
                 qPrintable(report));
        CliResult text = runCli({"balance", "--db", db});
        QVERIFY2(text.out.contains("simulated by the offline demo model"), qPrintable(text.out));
        QVERIFY2(text.out.contains("(simulated)"), qPrintable(text.out));
        // The overview the chat and the desktop show carries the simulated part.
        RunOverview overview = inside(*t.engine).runOverview(run.id).value();
        QVERIFY(overview.simulatedCost > 0 && overview.simulatedCost == overview.cost);
    }

    void pricingTableFromSettings()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("pricing.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"models": {"fake-model": {"input": 1.0, "output": 2.0}}})");
        file.close();
        TestEngine t(m_server, false, 2, 5000, [&](EngineOptions& o) { o.pricingFile = path; });
        RunRecord run = t.runToEnd(chainGraph(1));
        const auto ledger = inside(*t.engine).store().ledger(run.id).value();
        QCOMPARE(ledger.size(), size_t(1));
        QVERIFY(qAbs(ledger[0].cost.value() - (0.1 + 0.02)) < 1e-9);

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"models": {"fake-model": {"input": "cheap"}}})");
        file.close();
        EngineOptions broken;
        broken.databasePath = dir.filePath("o.db");
        broken.pricingFile = path;
        auto engine = Engine::create(broken);
        QVERIFY(!engine.ok());
        QVERIFY2(engine.error().contains("$.models.fake-model"), qPrintable(engine.error()));
    }
};

QTEST_GUILESS_MAIN(TestBudget)
#include "tst_budget.moc"
