// The Tester against a deployed project, as real models behave: a check written with a wrong
// expectation is corrected under the same id and the project goes on to the report; a service
// that is really wrong goes back to the Developer with the failed check (what was sent, what
// was expected, what came back) in the state and the Tester's words as the note.

#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"

#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

// The project's checks route it: passed → documentator, failed → developer.
Json testerGraph()
{
    return testGraph(
        "architect",
        {testAgent("architect",
                   {{"tools", {"write_spec"}}, {"handoffs", {"tester"}}, {"terminal", true}}),
         testAgent("tester", {{"tools", {"check_http"}}, {"handoffs", {"developer"}}}),
         testAgent("developer", {{"terminal", true}}),
         testAgent("documentator", {{"terminal", true}})},
        {{{"from", "tester"}, {"to", "documentator"}, {"when", "probes.passed"}},
         {{"from", "tester"}, {"to", "developer"}, {"when", "!probes.passed"}}});
}

FakeReply tools(std::vector<ToolCall> calls)
{
    return FakeReply::openAiToolCalls(calls);
}

ToolCall check(const std::string& id, Json arguments, const std::string& callId)
{
    arguments["id"] = id;
    return toolCall("check_http", arguments, callId);
}

} // namespace

class TestTesterScenarios : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;
    FakeLlmServer m_service; // the deployed project
    int m_greetStatus = 200;

    // A project whose last run left a deployment at the stand-in service, as DevOps would.
    QString deployedProject(TestEngine& t)
    {
        m_fake.model.script(
            "architect",
            {tools({toolCall("write_spec",
                             {{"title", "Greeter"},
                              {"summary", "greets"},
                              {"acceptance", {"GET /health is ok", "GET /greet says hello"}}})}),
             FakeReply::openAiText("specified")});
        const RunRecord first = t.runToEnd(testerGraph());
        if (first.status != RunStatus::Completed)
            return {};
        RunStore& store = inside(*t.engine).store();
        Checkpoint checkpoint = store.lastCheckpoint(first.id).value();
        checkpoint.stepNo += 1;
        checkpoint.state["deployment"] = {
            {"url", toStd(QStringLiteral("http://127.0.0.1:%1/").arg(m_service.port()))},
            {"version", "abc123"},
            {"healthy", true}};
        StepRecord step{first.id, checkpoint.stepNo, QStringLiteral("devops"),
                        QStringLiteral("builtin"), QStringLiteral("continue")};
        if (!store.commitStep({step, checkpoint, first, {}, {}, std::nullopt}))
            return {};
        return first.projectId;
    }

    // The change run: the architect hands to the tester, whose first check expects "OK"
    // where the service says "ok"; it corrects the check, then checks the greeting.
    RunRecord changeWithTesterScript(TestEngine& t, const QString& project, FakeReply last)
    {
        m_fake.model.script("architect", {tools({handoffCall("tester")})});
        m_fake.model.script(
            "tester",
            {tools({check(
                 "health",
                 {{"criterion", 1}, {"path", "/health"}, {"expect_json", {{"status", "OK"}}}},
                 "c1")}),
             tools(
                 {check(
                      "health",
                      {{"criterion", 1}, {"path", "/health"}, {"expect_json", {{"status", "ok"}}}},
                      "c2"),
                  check("greeting",
                        {{"criterion", 2},
                         {"path", "/greet?name=Ann"},
                         {"expect_text", "hello, Ann"}},
                        "c3")}),
             std::move(last)});
        auto changeId = inside(*t.engine).changeProject(project, "greet by name");
        if (!changeId)
            return {};
        return t.waitForStop(changeId.value());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_fake.listen());
        QVERIFY(m_service.listen());
        m_service.setHandler([this](const RecordedRequest& r) {
            if (r.path == "/health")
                return FakeReply::raw(200, R"({"status":"ok","version":"abc123"})");
            if (r.path.startsWith("/greet"))
                return m_greetStatus == 200 ? FakeReply::raw(200, "hello, Ann")
                                            : FakeReply::raw(m_greetStatus, "Traceback: KeyError");
            return FakeReply::raw(404, "not found");
        });
    }
    void init() { m_fake.reset(); }

    void aMistakenCheckIsCorrectedAndTheProjectGoesOn()
    {
        m_greetStatus = 200;
        TestEngine t(m_fake.server);
        const QString project = deployedProject(t);
        QVERIFY(!project.isEmpty());
        m_fake.model.script("documentator", {FakeReply::openAiText("reported")});
        const RunRecord run = changeWithTesterScript(
            t, project, FakeReply::openAiText("Both checks pass after I fixed my expectation."));
        QCOMPARE(run.status, RunStatus::Completed);
        const Json probes =
            inside(*t.engine).store().lastCheckpoint(run.id).value().state["probes"];
        QCOMPARE(probes["passed"], true);
        QCOMPARE(probes["checks"].size(), size_t(2)); // the wrong "health" was replaced
        QCOMPARE(probes["version"], "abc123");
        QCOMPARE(m_fake.model.callsFor("documentator"), 1);
        QCOMPARE(m_fake.model.callsFor("developer"), 0);
    }

    void aWrongServiceGoesBackToTheDeveloperWithTheEvidence()
    {
        m_greetStatus = 500;
        TestEngine t(m_fake.server);
        const QString project = deployedProject(t);
        QVERIFY(!project.isEmpty());
        m_fake.model.script("developer", {FakeReply::openAiText("fixing")});
        const RunRecord run = changeWithTesterScript(
            t, project, FakeReply::openAiText("/greet answers 500 with a KeyError traceback."));
        QCOMPARE(run.status, RunStatus::Completed);
        QCOMPARE(m_fake.model.callsFor("documentator"), 0);
        Json first;
        for (const RecordedRequest& request : m_fake.server.requests())
            if (const Json body = request.json();
                first.is_null() && ScriptedModel::agentOf(body) == QLatin1String("developer"))
                first = body;
        const std::string briefing = stringOr(first["messages"].back(), "content");
        QVERIFY2(briefing.find("KeyError traceback") != std::string::npos, briefing.c_str());
        // The failed check itself travels in the state: what was sent, expected and got.
        QVERIFY(briefing.find("\"check\": \"greeting\"") != std::string::npos);
        QVERIFY(briefing.find("\"status\": 500") != std::string::npos);
        QVERIFY(briefing.find("hello, Ann") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestTesterScenarios)
#include "tst_tester_scenarios.moc"
