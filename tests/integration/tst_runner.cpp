// The runner end to end on one event loop, against the local fake model server:
// handoffs, conditional edges, stalls, limits, cancel, human answers, failures and
// 50 concurrent runs.

#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {
QStringList agentsOf(RunStore& store, const QString& runId)
{
    QStringList agents;
    for (const auto& step : store.steps(runId).value())
        agents << step.agent;
    return agents;
}
FakeReply tools(std::vector<ToolCall> calls)
{
    return FakeReply::openAiToolCalls(calls);
}
FakeReply text(const std::string& t)
{
    return FakeReply::openAiText(t);
}
} // namespace

class TestRunner : public QObject
{
    Q_OBJECT

    FakeLlmServer m_server;
    ScriptedModel m_model;

private slots:
    void initTestCase() { QVERIFY(m_server.listen()); }
    void init()
    {
        m_model = ScriptedModel();
        m_server.reset();
        m_server.setHandler(m_model.handler());
    }

    void handoffWinsOverEdges()
    {
        TestEngine t(m_server);
        const Json graph =
            testGraph("a",
                      {testAgent("a", {{"handoffs", {"b", "c"}}}),
                       testAgent("b", {{"terminal", true}}), testAgent("c", {{"terminal", true}})},
                      {{{"from", "a"}, {"to", "c"}, {"when", "always"}}});
        m_model.script("a", {tools({handoffCall("b")})});
        m_model.script("b", {text("done")});
        RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Completed);
        QCOMPARE(agentsOf(inside(*t.engine).store(), run.id), QStringList({"a", "b"}));
        QCOMPARE(m_model.callsFor("c"), 0);
        // b's first request tells it who handed over.
        const Json request = m_server.requests().last().json();
        QVERIFY(request["messages"][1]["content"].get<std::string>().find(
                    "take over from the a agent") != std::string::npos);
    }

    void conditionalEdgesInOrder()
    {
        TestEngine t(m_server);
        const Json graph =
            testGraph("tester",
                      {testAgent("tester", {{"tools", {"record_tests"}}}), testAgent("dev"),
                       testAgent("ship", {{"terminal", true}})},
                      {{{"from", "tester"}, {"to", "ship"}, {"when", "tests.passed"}},
                       {{"from", "tester"}, {"to", "dev"}, {"when", "!tests.passed"}},
                       {{"from", "dev"}, {"to", "tester"}, {"when", "always"}}});
        m_model.script(
            "tester",
            {tools({toolCall("record_tests", {{"passed", false}, {"summary", "1 failed"}})}),
             text("failing"),
             tools({toolCall("record_tests", {{"passed", true}, {"summary", "all pass"}})}),
             text("passing")});
        m_model.script("dev", {text("fixed")});
        m_model.script("ship", {text("shipped")});
        RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Completed);
        QCOMPARE(agentsOf(inside(*t.engine).store(), run.id),
                 QStringList({"tester", "tester", "dev", "tester", "tester", "ship"}));
        const Checkpoint last = inside(*t.engine).store().lastCheckpoint(run.id).value();
        QCOMPARE(last.state["tests"]["passed"], true);
        QCOMPARE(last.state["messages"].size(), size_t(6));
    }

    void nonTerminalDeadEndIsNudgedThenAsksThePerson()
    {
        TestEngine t(m_server);
        const Json graph = testGraph("a", {testAgent("a"), testAgent("b", {{"terminal", true}})},
                                     {{{"from", "a"}, {"to", "b"}, {"when", "spec"}}});
        m_model.script("a", {text("I have nothing to hand over"), text("Still nothing"),
                             text("Really nothing")});
        RunRecord run = t.runToEnd(graph);
        // Two nudges (the graph's default), then the person is asked instead of a stall.
        QCOMPARE(m_model.callsFor("a"), 3);
        const std::string nudge = m_server.requests().at(1).json()["messages"].back()["content"];
        QVERIFY2(nudge.find("none of the ways forward holds yet (b (when spec))") !=
                     std::string::npos,
                 nudge.c_str());
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        const Json question =
            inside(*t.engine).store().lastCheckpoint(run.id).value().state["question"];
        QCOMPARE(question["kind"], "stalled");
        QVERIFY2(run.reason.contains("Really nothing"), qPrintable(run.reason));
        // "stop" ends it clearly.
        RunRecord stopped = t.answerAndWait(run.id, "stop");
        QCOMPARE(stopped.status, RunStatus::Cancelled);
        QVERIFY2(stopped.reason.startsWith("stopped by the person"), qPrintable(stopped.reason));
    }

    void maxStepsBoundsLoops()
    {
        TestEngine t(m_server);
        const Json graph = testGraph("a", {testAgent("a"), testAgent("b")},
                                     {{{"from", "a"}, {"to", "b"}, {"when", "always"}},
                                      {{"from", "b"}, {"to", "a"}, {"when", "always"}}},
                                     5);
        m_model.setFallback([](const QString&, const Json&) { return text("again"); });
        RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Failed);
        QCOMPARE(run.reason, QStringLiteral("max_steps (5) reached"));
        QCOMPARE(run.steps, 5);
        QCOMPARE(m_server.requestCount(), 5);
    }

    void maxTurnsAsksThePersonWhoCanGrantMore()
    {
        TestEngine t(m_server);
        const Json graph = testGraph(
            "a", {testAgent("a", {{"tools", {"record_tests"}}, {"max_turns", 3}})}, Json::array());
        // Each call differs, so the loop guard stays out of it.
        m_model.setFallback([attempt = std::make_shared<int>(0)](const QString&, const Json&) {
            const std::string summary = "attempt " + std::to_string(++*attempt);
            return tools({toolCall("record_tests", {{"passed", false}, {"summary", summary}})});
        });
        RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        QVERIFY2(run.reason.contains("used all 3 of its turns"), qPrintable(run.reason));
        QCOMPARE(m_server.requestCount(), 3);
        // At 80% of its turns the agent was warned.
        const std::string warning = m_server.requests().at(2).json()["messages"].back()["content"];
        QVERIFY2(warning.find("You have used 2 of your 3 turns") != std::string::npos,
                 warning.c_str());
        // More turns: three more model calls, then the same question.
        RunRecord again = t.answerAndWait(run.id, "more turns");
        QCOMPARE(m_server.requestCount(), 6);
        // Its turns changed nothing the question is about (no file, commit or result): asking
        // again would not help, so the run stops and says why.
        QCOMPARE(again.status, RunStatus::Failed);
        QVERIFY2(again.reason.contains("used all 6 of its turns") &&
                     again.reason.contains("nothing has changed since"),
                 qPrintable(again.reason));
    }

    void cancelStopsAStepInFlight()
    {
        TestEngine t(m_server);
        FakeReply slow = text("too late");
        slow.delayMs = 3000;
        m_model.script("a", {slow});
        auto runId = inside(*t.engine).startRun(
            "p", t.graph(testGraph("a", {testAgent("a", {{"terminal", true}})}, Json::array())));
        QVERIFY(runId.ok());
        QSignalSpy received(&m_server, &FakeLlmServer::requestReceived);
        QVERIFY(received.wait(5000));
        QVERIFY(inside(*t.engine).cancel(runId.value()).ok());
        RunRecord run = inside(*t.engine).store().run(runId.value()).value();
        QCOMPARE(run.status, RunStatus::Cancelled);
        QTest::qWait(200);
        QCOMPARE(inside(*t.engine).store().steps(run.id).value().size(), size_t(0));
        QCOMPARE(t.engine->activeRuns(), 0);
        bool sawFailedAgent = false;
        for (const auto& e : inside(*t.engine).store().events(run.id).value())
            sawFailedAgent =
                sawFailedAgent || (e.kind == EventKind::AgentState && e.payload["to"] == "failed");
        QVERIFY(sawFailedAgent);
        QVERIFY(!inside(*t.engine).cancel(runId.value()).ok()); // already finished
    }

    void humanAnswerResumesTheRun()
    {
        TestEngine t(m_server);
        const Json graph = testGraph(
            "a", {testAgent("a", {{"tools", {"ask_human", "write_spec"}}, {"terminal", true}})},
            Json::array());
        m_model.script(
            "a", {tools({toolCall("ask_human",
                                  {{"question", "Which city?"}, {"options", {"Moscow", "Paris"}}},
                                  "ask1")}),
                  tools({toolCall("write_spec", {{"title", "Clock"}, {"summary", "Paris time"}})}),
                  text("spec written")});
        RunRecord waiting = t.runToEnd(graph);
        QCOMPARE(waiting.status, RunStatus::WaitingHuman);
        QCOMPARE(waiting.reason, QStringLiteral("Which city?"));
        QCOMPARE(inside(*t.engine)
                     .store()
                     .lastCheckpoint(waiting.id)
                     .value()
                     .state["question"]["options"][1],
                 "Paris");
        QVERIFY(!inside(*t.engine).answer("no-such-run", "x").ok());

        QVERIFY(inside(*t.engine).answer(waiting.id, "Paris").ok());
        RunRecord done = t.waitForStop(waiting.id);
        QCOMPARE(done.status, RunStatus::Completed);
        const auto steps = inside(*t.engine).store().steps(done.id).value();
        QCOMPARE(steps.size(), size_t(4));
        QCOMPARE(steps[1].kind, QStringLiteral("human"));
        QCOMPARE(steps[1].detail["answer"], "Paris");
        // The model saw the answer as the result of its ask_human call.
        const Json after = m_server.requests().at(m_server.requestCount() - 2).json();
        const Json& answer = after["messages"].back();
        QCOMPARE(answer["role"], "tool");
        QCOMPARE(answer["tool_call_id"], "ask1");
        QVERIFY(answer["content"].get<std::string>().find("Paris") != std::string::npos);
        QVERIFY(
            inside(*t.engine).store().lastCheckpoint(done.id).value().state["question"].is_null());
    }

    void realServerDeploysWaitForApproval()
    {
        EngineOptions options;
        QTemporaryDir dir;
        options.databasePath = dir.filePath("a.db");
        options.workspaceRoot = dir.filePath("ws");
        options.reportsDir = dir.filePath("reports");
        options.tools.git.remoteRoot = dir.filePath("remotes");
        ProviderEndpoint endpoint;
        endpoint.baseUrl = m_server.baseUrl();
        options.llm.overrideEndpoint = endpoint;
        options.llm.stream = false;
        options.tools.deploy.settings = {dir.filePath("deploy"), {}, 80, 443, "example.com", 1000};
        auto engine = Engine::create(std::move(options)).value();
        const Json graph =
            testGraph("devops", {testAgent("devops", {{"tools", {"deploy"}}, {"terminal", true}})},
                      Json::array());
        m_model.script("devops",
                       {tools({toolCall("deploy", Json::object())}),
                        tools({toolCall("deploy", Json::object())}), text("not deployed")});
        auto runId = inside(*engine)
                         .startRun("p", inside(*engine).graphLoader().loadJson(graph, {}).graph)
                         .value();
        QSignalSpy stopped(engine.get(), &EngineApi::runStopped);
        QVERIFY(stopped.wait(10000));
        RunRecord waiting = inside(*engine).store().run(runId).value();
        QCOMPARE(waiting.status, RunStatus::WaitingHuman);
        const Json question =
            inside(*engine).store().lastCheckpoint(runId).value().state["question"];
        QCOMPARE(question["kind"], "approval");
        QCOMPARE(question["options"], Json({"approve", "reject"}));
        QVERIFY(question["text"].get<std::string>().find("example.com") != std::string::npos);

        QVERIFY(inside(*engine).answer(runId, "reject").ok());
        QVERIFY(stopped.wait(10000));
        const Json state = inside(*engine).store().lastCheckpoint(runId).value().state;
        QCOMPARE(state["approvals"]["deploy"], false);
        const auto steps = inside(*engine).store().steps(runId).value();
        QCOMPARE(steps[2].detail["tools"][0]["ok"], false); // the second deploy was refused
        QVERIFY(!state.contains("deployment"));
    }

    void malformedToolArgumentsGoBackToTheModel()
    {
        TestEngine t(m_server);
        const Json graph = testGraph(
            "a", {testAgent("a", {{"tools", {"write_spec"}}, {"terminal", true}})}, Json::array());
        m_model.script(
            "a", {tools({{"bad1", "write_spec", "{\"title\": oops"}, {"bad2", "teleport", "{}"}}),
                  // Refused calls are not work: its words end the run once it did something.
                  tools({toolCall("write_spec", {{"title", "t"}, {"summary", "s"}})}),
                  text("giving up politely")});
        RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Completed);
        const Json second = m_server.requests().at(1).json();
        const Json& messages = second["messages"];
        const std::string first = messages[messages.size() - 2]["content"];
        const std::string other = messages[messages.size() - 1]["content"];
        QVERIFY2(first.find("arguments are not a JSON object") != std::string::npos, first.c_str());
        QVERIFY2(other.find("tool 'teleport' is not available to you") != std::string::npos,
                 other.c_str());
        const auto steps = inside(*t.engine).store().steps(run.id).value();
        QCOMPARE(steps[0].detail["tools"][0]["ok"], false);
    }

    void modelFailureFailsRunAndResumeRetriesTheStep()
    {
        TestEngine t(m_server, false, 2);
        const Json graph = testGraph("a", {testAgent("a", {{"terminal", true}})}, Json::array());
        m_model.script("a", {FakeReply::error(503, "down for maintenance"),
                             FakeReply::error(503, "down for maintenance"), text("back")});
        RunRecord failed = t.runToEnd(graph);
        QCOMPARE(failed.status, RunStatus::Failed);
        QVERIFY2(failed.reason.contains("HTTP 503: down for maintenance"),
                 qPrintable(failed.reason));
        QCOMPARE(failed.steps, 0);

        QVERIFY(inside(*t.engine).resumeRun(failed.id).ok());
        RunRecord done = t.waitForStop(failed.id);
        QCOMPARE(done.status, RunStatus::Completed);
        QCOMPARE(done.steps, 1);
    }

    void bundledGraphRoutesThroughItsAgents()
    {
        TestEngine t(m_server, true);
        m_model.script("brainstorm",
                       {tools({toolCall("write_spec", {{"title", "City clock"},
                                                       {"summary", "Tells the time in a city"},
                                                       {"acceptance", {"GET /health is 200"}}}),
                               handoffCall("architect")})});
        m_model.script("architect",
                       {tools({toolCall("scaffold", {{"template", "python-http-service"}}),
                               toolCall("write_plan", {{"template", "python-http-service"},
                                                       {"steps", {"endpoint /time"}}}),
                               handoffCall("zavhoz")})});
        m_model.script("zavhoz", {tools({handoffCall("developer")})});
        // Tested and committed: the work may go to devops.
        m_model.script("developer", {tools({toolCall("run_tests", Json::object(), "t"),
                                            toolCall("git_commit", {{"message", "clock"}}, "c")}),
                                     text("tests pass"), text("still nothing to deploy")});
        m_model.script("devops", {text("I cannot deploy here."), text("Still cannot."),
                                  text("I really cannot.")});
        Json document = parseJson([] {
            QFile file(QStringLiteral(":/graphs/default.json"));
            file.open(QIODevice::ReadOnly);
            return file.readAll();
        }());
        document["limits"]["max_steps"] = 8;
        for (auto& agent : document["agents"])
            agent["prompt"] = {{"text", "agent:" + agent["id"].get<std::string>()}};
        RunRecord run = t.runToEnd(document, "a service that tells the time in a given city");
        QCOMPARE(run.status, RunStatus::Failed);
        QCOMPARE(run.reason, QStringLiteral("max_steps (8) reached"));
        // devops only talked: it was nudged, and its words never sent the work back.
        QCOMPARE(agentsOf(inside(*t.engine).store(), run.id),
                 QStringList({"brainstorm", "architect", "zavhoz", "developer", "developer",
                              "devops", "devops", "devops"}));
        const Json state = inside(*t.engine).store().lastCheckpoint(run.id).value().state;
        QCOMPARE(state["spec"]["title"], "City clock");
        QCOMPARE(state["scaffold"]["template"], "python-http-service");
        QCOMPARE(state["tests"]["passed"], true); // the template's own tests, really run
        QVERIFY(QFile::exists(inside(*t.engine).store().report(run.id).value().second));
        for (const auto& request : m_server.requests())
            QCOMPARE(request.json()["stream"], true);
    }

    void fiftyConcurrentRunsOnOneLoop()
    {
        TestEngine t(m_server);
        FakeReply reply = text("ok");
        reply.delayMs = 20;
        m_model.setFallback([reply](const QString&, const Json&) { return reply; });
        GraphPtr graph = t.graph(chainGraph(3));
        int thinking = 0;
        int maxThinking = 0;
        connect(t.engine.get(), &EngineApi::event, this, [&](const RunEvent& e) {
            if (e.kind != EventKind::AgentState)
                return;
            if (e.payload["to"] == "thinking")
                maxThinking = std::max(maxThinking, ++thinking);
            if (e.payload["from"] == "thinking")
                --thinking;
        });
        QSet<QString> pending;
        for (int i = 0; i < 50; ++i)
            pending.insert(
                inside(*t.engine).startRun(QStringLiteral("project %1").arg(i), graph).value());
        QSignalSpy idle(t.engine.get(), &EngineApi::idle);
        QVERIFY(idle.wait(60000));
        const auto runs = inside(*t.engine).store().runs().value();
        QCOMPARE(runs.size(), size_t(50));
        for (const RunRecord& run : runs) {
            QCOMPARE(run.status, RunStatus::Completed);
            QCOMPARE(run.steps, 3);
            QCOMPARE(agentsOf(inside(*t.engine).store(), run.id), QStringList({"a1", "a2", "a3"}));
        }
        QCOMPARE(m_server.requestCount(), 150);
        QVERIFY2(maxThinking >= 25, qPrintable(QString::number(maxThinking)));
    }
};

QTEST_GUILESS_MAIN(TestRunner)
#include "tst_runner.moc"
