// A deployment that a restart cannot bring back gets a repair run, end to end on this machine:
// a project started from Telegram keeps its settings in its data folder; the file is broken the
// way a bad write would break it, so the service fails its health checks whatever release
// runs. With the policy `ask` the incident's one message asks, and nothing starts until the
// person presses its button; then a repair run starts at the Developer, given the evidence
// (the failing probes, the service's log, what changed), and its fix is deployed by DevOps:
// the incident ends "after the repair run". Once the month's repair budget is spent, the next
// incident is given up with a message that says so, and asking for a repair is refused.

#include "BotHarness.h"
#include "BrokenSettingsService.h"
#include "EngineInternals.h"
#include "LocalPorts.h"
#include "ScriptedModel.h"
#include "ServerProject.h"
#include "TestFiles.h"
#include "WatchedService.h"
#include "api/AwaitAnswer.h"
#include "deploy/Deployer.h"
#include "store/Incidents.h"
#include "store/RunStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {
constexpr qint64 kUser = BotHarness::kUser;

FakeReply tools(std::vector<ToolCall> calls)
{
    return FakeReply::openAiToolCalls(calls);
}

} // namespace

class TestRepairRuns : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeLlmServer m_model;
    ScriptedModel m_script;
    BotHarness m_h;
    DeploySettings m_settings;

    Engine& engine() { return *m_h.engine->engine; }
    std::optional<DeploymentRecord> deployment() { return onlyDeployment(engine()); }
    bool shows(const QString& needle) { return m_h.telegram->shows(kUser, needle); }

    // The message that tells the current incident (the newest showing `needle`).
    BotCall incidentMessage(const QString& needle)
    {
        BotCall found;
        for (const BotCall& call : m_h.telegram->calls())
            if ((call.method == "sendMessage" || call.method == "editMessageText") &&
                toQ(stringOr(call.params, "text")).contains(needle))
                found = call;
        return found;
    }

    void scriptRepair()
    {
        m_script.script("developer", {tools(developerCalls(true))});
        m_script.script("devops", {tools({toolCall("deploy", Json::object(), "d")}),
                                   tools({toolCall("finish", {{"summary", "fixed"}})})});
    }

    RepairStanding standing()
    {
        auto answer = api::awaitAnswer(engine(), &EngineApi::repairPolicy,
                                       {"settings clock", QString(), -1}, 10000);
        return answer ? answer.value() : RepairStanding{};
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<orch::DeployOutcome>();
        QVERIFY(letOthersThrough(m_dir.path()));
        QVERIFY(m_model.listen());
        m_script.setFallback([](const QString& agent, const Json& request) {
            qWarning("unscripted %s: %s", qPrintable(agent),
                     dumpJson(request["messages"].back()).substr(0, 1500).c_str());
            return FakeReply::openAiText("nothing scripted");
        });
        m_model.setHandler(m_script.handler());
        m_settings.deployRoot = m_dir.filePath("deploy");
        m_settings.httpPort = freePort();
        m_settings.httpsPort = freePort();
        m_settings.healthTimeoutMs = 30000;
        const int port = freePort();
        // A priced model: repairs spend from their budget.
        QFile pricing(m_dir.filePath("pricing.json"));
        QVERIFY(pricing.open(QIODevice::WriteOnly));
        pricing.write(R"({"models": {"fake-model": {"input": 1.0, "output": 2.0}}})");
        pricing.close();
        QVERIFY(m_h.start(m_model, [&](EngineOptions& options) {
            options.tools.deploy.settings = m_settings;
            options.tools.deploy.servicePortFirst = port;
            options.tools.deploy.servicePortLast = port;
            options.healAfterFailures = 2;
            options.pricingFile = pricing.fileName();
            options.budgets.repair = {RepairPolicy::Ask, 5.0};
        }));
        QVERIFY(m_h.useGraph(testGraph(
            "developer",
            Json::array(
                {testAgent("developer",
                           {{"tools", {"write_file", "run_tests", "git_commit", "handoff"}},
                            {"handoffs", {"devops"}}}),
                 testAgent("devops", {{"terminal", true}, {"tools", {"deploy", "finish"}}})}),
            Json::array())));
    }

    void aBrokenDependencyIsRepairedOnceThePersonApproves()
    {
        m_script.script("developer", {tools(developerCalls(false))});
        m_script.script("devops", {tools({toolCall("deploy", Json::object(), "d")}),
                                   tools({toolCall("finish", {{"summary", "live"}})})});
        m_h.telegram->pushText(kUser, "/new settings clock");
        QTRY_VERIFY_WITH_TIMEOUT(m_h.telegram->said(kUser, "is done"), 180000);
        auto live = deployment();
        QVERIFY(live);
        engine().watchDeployments(1000);
        QTRY_VERIFY_WITH_TIMEOUT(
            deployment() && deployment()->health == DeploymentHealthState::Healthy, 30000);

        // Broken settings: the restart brings the same failure back; the message asks.
        QVERIFY(breakSettings(m_settings.deployRoot, live->service));
        QTRY_VERIFY_WITH_TIMEOUT(shows("Start it?"), 90000);
        QVERIFY(shows("restarting release " + live->version.left(12)));
        QVERIFY(shows("settings.json is not valid JSON"));
        const BotCall asking = incidentMessage("Start it?");
        const Json button = asking.params["reply_markup"]["inline_keyboard"][0][0];
        QCOMPARE(toQ(stringOr(button, "callback_data")), "r:" + live->projectId);
        QVERIFY(shows("this month's repair budget has $5.00 of $5.00 left"));

        // `ask`: nothing starts while the button waits, however long the probes keep failing.
        const int requestsBefore = m_model.requestCount();
        QTest::qWait(4000);
        QCOMPARE(m_model.requestCount(), requestsBefore);
        QCOMPARE(standing().runsThisMonth, 0);

        scriptRepair();
        m_h.telegram->pushButton(kUser, asking.messageId, toQ(stringOr(button, "callback_data")));
        QTRY_VERIFY_WITH_TIMEOUT(shows("A repair run works on"), 30000);
        if (!QTest::qWaitFor([&] { return shows("answers again (after the repair run)"); },
                             120000)) {
            for (const BotCall& call : m_h.telegram->calls())
                if (call.params.contains("text"))
                    qWarning("%s: %s", qPrintable(call.method),
                             qPrintable(toQ(stringOr(call.params, "text"))));
            for (const RunRecord& run : inside(engine()).runs().value())
                qWarning("run %s: %s %s (%s)", qPrintable(run.id.left(8)),
                         qPrintable(RunStatus::name(run.status)), qPrintable(run.currentAgent),
                         qPrintable(run.reason));
            for (const RecordedRequest& r : m_model.requests())
                qWarning("%s: %s", qPrintable(ScriptedModel::agentOf(r.json())),
                         r.json()["messages"].back().dump().substr(0, 400).c_str());
            QFAIL("the repair did not end the incident");
        }
        QCOMPARE(deployment()->health, DeploymentHealthState::Healthy);
        QVERIFY(deployment()->version != live->version); // the fix runs

        // The whole incident in that one message; its button went with the step after it.
        const QString told = m_h.telegram->shownText(asking.messageId);
        qInfo("the incident's message at its end:\n%s", qPrintable(told));
        for (const char* step : {"is down", "keeps failing", "Start it?", "A repair run works on",
                                 "answers again (after the repair run)"})
            QVERIFY2(told.contains(step), step);
        const BotCall last = incidentMessage("answers again (after the repair run)");
        QVERIFY(!last.params.contains("reply_markup"));

        // The Developer began from the evidence: the failing probes and the service's log.
        bool evidence = false;
        for (const RecordedRequest& request : m_model.requests()) {
            const std::string first = dumpJson(request.json()["messages"]);
            if (ScriptedModel::agentOf(request.json()) == "developer" &&
                first.find("fails its health checks") != std::string::npos)
                evidence = first.find("service_log") != std::string::npos &&
                           first.find("settings.json: not valid JSON") != std::string::npos &&
                           first.find("settings.json is not valid JSON") != std::string::npos;
        }
        QVERIFY(evidence);

        // It was a repair, paid from the repair budget.
        const RepairStanding after = standing();
        QCOMPARE(after.runsThisMonth, 1);
        QVERIFY2(after.spentThisMonth > 0, qPrintable(QString::number(after.spentThisMonth)));
        auto incidents = Incidents(inside(engine()).store().database()).since(0);
        QVERIFY(incidents && incidents->size() == 1);
        QCOMPARE(incidents->front().state, IncidentState::Resolved);
    }

    void aSpentRepairBudgetStopsRepairs()
    {
        auto live = deployment();
        QVERIFY(live);
        const double spent = standing().spentThisMonth;
        QVERIFY(spent > 0);
        m_h.telegram->pushText(
            kUser, QStringLiteral("/repair settings clock ask %1").arg(spent / 2, 0, 'f', 6));
        QTRY_VERIFY_WITH_TIMEOUT(m_h.telegram->said(kUser, "Repairs of \"settings clock\": ask"),
                                 10000);

        // The fixed release writes defaults over broken settings: break its code path instead
        // by making the folder unusable for it.
        const QString data = m_settings.deployRoot + "/" + live->service + "/data";
        QVERIFY(QFile::remove(data + "/settings.json"));
        QVERIFY(QDir().mkdir(data + "/settings.json")); // a folder: neither read nor written
        QTRY_VERIFY_WITH_TIMEOUT(shows("this month's repair budget is used up"), 90000);
        QVERIFY(shows("It needs you"));
        QVERIFY(!incidentMessage("repair budget is used up").params.contains("reply_markup"));
        qInfo(
            "given up:\n%s",
            qPrintable(toQ(stringOr(incidentMessage("repair budget is used up").params, "text"))));

        const int repliesBefore = int(m_h.telegram->messagesTo(kUser).size());
        m_h.telegram->pushText(kUser, "/repair settings clock");
        QTRY_VERIFY_WITH_TIMEOUT(int(m_h.telegram->messagesTo(kUser).size()) > repliesBefore,
                                 10000);
        QVERIFY(m_h.telegram->said(kUser, "repair budget is used up"));
        QCOMPARE(standing().runsThisMonth, 1);
        QVERIFY(QDir(data + "/settings.json").removeRecursively());
        engine().watchDeployments(0);
    }
};

QTEST_GUILESS_MAIN(TestRepairRuns)
#include "tst_repair_runs.moc"
