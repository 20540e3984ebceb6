// What real models do that a recording does not, and how the run keeps moving: prose before
// acting, a final agent that talks instead of finishing, the same call again and again, two
// agents handing the work back and forth, a run over its token limit, a failed run that
// the person revives, and notes that travel with the work. Each scenario ends with the run
// moving again or waiting for the person with a question that says why.

#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"

#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

FakeReply text(const std::string& t)
{
    return FakeReply::openAiText(t);
}
FakeReply tools(std::vector<ToolCall> calls, const std::string& said = {})
{
    return FakeReply::openAiToolCalls(calls, said);
}
std::string lastMessage(const Json& request)
{
    return stringOr(request["messages"].back(), "content");
}
bool contains(const std::string& text, const char* part)
{
    return text.find(part) != std::string::npos;
}
Json specArguments()
{
    return {{"title", "Clock"}, {"summary", "tells the time"}};
}

// Two agents that can only hand the work to each other.
Json pingPongGraph()
{
    return testGraph(
        "dev",
        {testAgent("dev", {{"handoffs", {"ops"}}}), testAgent("ops", {{"handoffs", {"dev"}}})},
        Json::array());
}

} // namespace

class TestAgentGuards : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;

    Json questionOf(TestEngine& t, const QString& runId)
    {
        return inside(*t.engine).store().lastCheckpoint(runId).value().state["question"];
    }

private slots:
    void initTestCase() { QVERIFY(m_fake.listen()); }
    void init() { m_fake.reset(); }

    void proseBeforeActingIsNudgedAndTheRunGoesOn()
    {
        TestEngine t(m_fake.server);
        const Json graph =
            testGraph("a",
                      {testAgent("a", {{"tools", {"write_spec"}}, {"handoffs", {"b"}}}),
                       testAgent("b", {{"terminal", true}})},
                      Json::array());
        m_fake.model.script("a",
                            {text("Let me start by thinking about the clock."),
                             tools({toolCall("write_spec", specArguments()), handoffCall("b")})});
        m_fake.model.script("b", {text("done")});
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Completed);
        const std::string nudge = lastMessage(m_fake.server.requests().at(1).json());
        QVERIFY2(contains(nudge, "without calling a tool") && contains(nudge, "(to b)"),
                 nudge.c_str());
        // The model is told whom it may hand off to.
        bool listed = false;
        const Json first = m_fake.server.requests().at(0).json();
        for (const Json& tool : first["tools"])
            if (tool["function"]["name"] == "handoff")
                listed =
                    tool["function"]["parameters"]["properties"]["to"]["enum"].dump() == R"(["b"])";
        QVERIFY(listed);
    }

    void finalAgentWithFinishCompletesOnlyWhenItSaysSo()
    {
        TestEngine t(m_fake.server);
        const Json graph = testGraph(
            "a", {testAgent("a", {{"tools", {"finish"}}, {"terminal", true}})}, Json::array());
        m_fake.model.script("a", {text("I will now write the summary."),
                                  tools({toolCall("finish", {{"summary", "clock built"}})})});
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Completed);
        QCOMPARE(m_fake.model.callsFor("a"), 2);
        QVERIFY(contains(lastMessage(m_fake.server.requests().at(1).json()), "call `finish`"));
        QCOMPARE(inside(*t.engine).store().lastCheckpoint(run.id).value().state["summary"],
                 "clock built");
    }

    void finishIsRefusedToAnAgentThatIsNotFinal()
    {
        TestEngine t(m_fake.server);
        const Json graph = testGraph("a",
                                     {testAgent("a", {{"tools", {"finish"}}, {"handoffs", {"b"}}}),
                                      testAgent("b", {{"terminal", true}})},
                                     Json::array());
        m_fake.model.script(
            "a", {tools({toolCall("finish", {{"summary", "done?"}})}), tools({handoffCall("b")})});
        m_fake.model.script("b", {text("ok")});
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Completed);
        QVERIFY(contains(lastMessage(m_fake.server.requests().at(1).json()),
                         "only a final agent can finish"));
    }

    void theSameCallAgainIsWarnedThenThePersonIsAsked()
    {
        TestEngine t(m_fake.server);
        const Json graph =
            testGraph("a",
                      {testAgent("a", {{"tools", {"write_spec"}}, {"handoffs", {"b"}}}),
                       testAgent("b", {{"terminal", true}})},
                      Json::array());
        std::vector<FakeReply> same(5, tools({toolCall("write_spec", specArguments())}));
        m_fake.model.script("a", same);
        const RunRecord waiting = t.runToEnd(graph);
        QCOMPARE(waiting.status, RunStatus::WaitingHuman);
        QCOMPARE(m_fake.model.callsFor("a"), 5);
        QVERIFY(
            contains(lastMessage(m_fake.server.requests().at(3).json()), "same arguments 3 times"));
        QCOMPARE(questionOf(t, waiting.id)["kind"], "loop");
        // The person's instruction reaches the agent, and the run goes on.
        m_fake.model.script("a", {tools({handoffCall("b")})});
        m_fake.model.script("b", {text("ok")});
        const RunRecord done = t.answerAndWait(waiting.id, "Stop rewriting the spec; hand off");
        QCOMPARE(done.status, RunStatus::Completed);
        QVERIFY(contains(lastMessage(m_fake.server.requests().at(5).json()),
                         "The person says: Stop rewriting the spec; hand off"));
    }

    void handBacksBetweenTwoAgentsAskThePersonWithTheLastNote()
    {
        TestEngine t(m_fake.server);
        const Json graph = pingPongGraph();
        m_fake.model.setFallback([](const QString& agent, const Json&) {
            return agent == "dev"
                       ? tools({toolCall("handoff", {{"to", "ops"}, {"note", "fixed the port"}},
                                         "h")})
                       : tools({toolCall("handoff", {{"to", "dev"}, {"note", "port 8080 busy"}},
                                         "h")});
        });
        const RunRecord waiting = t.runToEnd(graph);
        QCOMPARE(waiting.status, RunStatus::WaitingHuman);
        const Json question = questionOf(t, waiting.id);
        QCOMPARE(question["kind"], "round_trips");
        QVERIFY2(contains(question["text"], "port 8080 busy") &&
                     contains(question["text"], "fixed the port"),
                 question.dump().c_str());
        // dev→ops, then hand-backs ops→dev, dev→ops, ops→dev, dev→ops: the fourth hand-back
        // asks (the default allows three) before ops acts again.
        QCOMPARE(m_fake.model.callsFor("dev") + m_fake.model.callsFor("ops"), 5);
        const RunRecord stopped = t.answerAndWait(waiting.id, "cancel");
        QCOMPARE(stopped.status, RunStatus::Cancelled);
    }

    // "Go on" would repeat the loop, so it is not offered; sending the work back is. When the
    // same question comes again about the same work, the run stops and says why.
    void aLoopIsAskedAboutOnceWithChoicesThatChangeSomething()
    {
        TestEngine t(m_fake.server);
        const Json graph = pingPongGraph();
        m_fake.model.setFallback([](const QString& agent, const Json&) {
            return tools({handoffCall(agent == "dev" ? "ops" : "dev")});
        });
        const RunRecord waiting = t.runToEnd(graph);
        QCOMPARE(waiting.status, RunStatus::WaitingHuman);
        const Json question = questionOf(t, waiting.id);
        QCOMPARE(question["options"], Json({"back to dev", "stop"}));
        const RunRecord stopped = t.answerAndWait(waiting.id, "back to dev");
        QCOMPARE(stopped.status, RunStatus::Failed);
        QVERIFY2(stopped.reason.startsWith("stuck: the person was asked this at step") &&
                     stopped.reason.contains("nothing has changed since") &&
                     stopped.reason.contains("handed the work back and forth"),
                 qPrintable(stopped.reason));
    }

    void aRunOverItsTokenLimitAsksAndGoesOnWhenAllowed()
    {
        TestEngine t(m_fake.server, false, 2, 5000,
                     [](EngineOptions& options) { options.llm.runTokens = 40; });
        m_fake.model.setFallback([](const QString& agent, const Json&) {
            return agent == "a3" ? text("done") : text("next"); // 15 tokens a call
        });
        const RunRecord waiting = t.runToEnd(chainGraph(5));
        QCOMPARE(waiting.status, RunStatus::WaitingHuman);
        QCOMPARE(m_fake.server.requestCount(), 3);
        QCOMPARE(questionOf(t, waiting.id)["kind"], "run_limit");
        QVERIFY2(waiting.reason.contains("45 tokens"), qPrintable(waiting.reason));
        const RunRecord done = t.answerAndWait(waiting.id, "да");
        QCOMPARE(done.status, RunStatus::Completed);
        QCOMPARE(m_fake.server.requestCount(), 5);
    }

    void thePersonRevivesAFailedRun()
    {
        TestEngine t(m_fake.server);
        m_fake.model.script("a1", {FakeReply::error(400, "bad request"), text("next")});
        m_fake.model.script("a2", {text("done")});
        const RunRecord failed = t.runToEnd(chainGraph(2));
        QCOMPARE(failed.status, RunStatus::Failed);
        const RunRecord done = t.answerAndWait(failed.id, "try once more");
        QCOMPARE(done.status, RunStatus::Completed);
        const Json retried = m_fake.server.requests().at(1).json();
        QVERIFY(contains(lastMessage(retried), "The person says: try once more"));
        const auto steps = inside(*t.engine).store().steps(done.id).value();
        QCOMPARE(steps.front().outcome, QStringLiteral("revived"));
    }

    void untestedOrUncommittedWorkIsNeverHandedToDeployment()
    {
        TestEngine t(m_fake.server);
        const Json graph = testGraph(
            "dev",
            {testAgent("dev", {{"tools", {"scaffold", "write_file", "run_tests", "git_commit"}},
                               {"handoffs", {"ops"}},
                               {"max_turns", 20}}),
             testAgent("ops",
                       {{"tools", {"deploy", "finish"}}, {"terminal", true}, {"max_turns", 1}})},
            {{{"from", "dev"}, {"to", "ops"}, {"when", "tests.passed"}}});
        const Json commit = {{"message", "work"}};
        m_fake.model.script(
            "dev",
            {tools({toolCall("scaffold", {{"template", "python-http-service"}}, "s"),
                    toolCall("run_tests", Json::object(), "t"),
                    toolCall("git_commit", commit, "c")}),
             // An edit after the tests passed: neither the handoff nor the edge may move.
             tools({toolCall("write_file", {{"path", "notes.md"}, {"content", "later"}}, "w"),
                    handoffCall("ops")}),
             text("Done, the tests passed."), tools({toolCall("run_tests", Json::object(), "t2")}),
             text("Tests pass again."), // still uncommitted
             tools({toolCall("git_commit", commit, "c2"), handoffCall("ops")})});
        m_fake.model.script("ops", {tools({toolCall("finish", {{"summary", "deployed"}})})});
        const RunRecord run = t.runToEnd(graph);
        // Ops deploys nothing here, so its `finish` is refused and the run waits for the person
        // (aDeployingAgentFinishesOnlyWithItsWorkLive); what counts is what reached ops.
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        QCOMPARE(m_fake.model.callsFor("ops"), 1);
        QCOMPARE(m_fake.model.callsFor("dev"), 6);
        auto toDev = [&](int i) { return lastMessage(m_fake.server.requests().at(i).json()); };
        QVERIFY2(contains(toDev(2), "Your handoff to ops was not taken: files changed since the "
                                    "tests last passed"),
                 toDev(2).c_str());
        QVERIFY2(contains(toDev(3), "held back: files changed since the tests last passed"),
                 toDev(3).c_str());
        QVERIFY2(contains(toDev(5), "held back: there are uncommitted changes (A notes.md)"),
                 toDev(5).c_str());
    }

    // A final agent that deploys cannot end the run "completed" with nothing live: `finish` is
    // refused with why, however often it is called.
    void aDeployingAgentFinishesOnlyWithItsWorkLive()
    {
        TestEngine t(m_fake.server);
        const Json graph = testGraph(
            "ops",
            {testAgent("ops",
                       {{"tools", {"deploy", "finish"}}, {"terminal", true}, {"max_turns", 3}})},
            Json::array());
        const auto finish = [] { return tools({toolCall("finish", {{"summary", "deployed"}})}); };
        m_fake.model.script("ops", {finish(), finish(), finish(), finish(), finish()});
        const RunRecord run = t.runToEnd(graph);
        // Out of turns: the person decides (more turns, send it back, stop).
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        QVERIFY2(run.reason.contains("used all 3 of its turns without finishing"),
                 qPrintable(run.reason));
        const std::string told = lastMessage(m_fake.server.requests().at(1).json());
        QVERIFY2(contains(told, "not finished: nothing is deployed yet: call `deploy` first"),
                 told.c_str());
    }

    void edgeHandoverCarriesTheLastWordsAndANoteIsReadOnce()
    {
        TestEngine t(m_fake.server);
        const Json graph = testGraph("a",
                                     {testAgent("a", {{"handoffs", {"b"}}}), testAgent("b"),
                                      testAgent("c", {{"terminal", true}})},
                                     {{{"from", "b"}, {"to", "c"}, {"when", "always"}}});
        m_fake.model.script(
            "a", {tools({toolCall("handoff", {{"to", "b"}, {"note", "use port 9000"}}, "h")})});
        m_fake.model.script("b", {text("The deploy failed: the health check timed out.")});
        m_fake.model.script("c", {text("ok")});
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Completed);
        const std::string toB = m_fake.server.requests().at(1).json()["messages"][1]["content"];
        QVERIFY2(contains(toB, "Their note: use port 9000"), toB.c_str());
        const std::string toC = m_fake.server.requests().at(2).json()["messages"][1]["content"];
        QVERIFY2(contains(toC, "Their note: The deploy failed: the health check timed out."),
                 toC.c_str());
        QVERIFY2(!contains(toC, "port 9000"), toC.c_str());
    }

    // A Developer sent back keeps no passing tests from its last round: entering it clears what
    // it produces, its words alone are nudged, and the edge moves only on tests it runs again.
    void aReenteredAgentMovesOnlyOnTheResultItProducesNow()
    {
        TestEngine t(m_fake.server);
        const Json graph =
            testGraph("dev",
                      {testAgent("dev", {{"tools", {"record_tests"}}, {"produces", {"tests"}}}),
                       testAgent("ops", {{"tools", {"write_spec"}}, {"handoffs", {"dev", "done"}}}),
                       testAgent("done", {{"terminal", true}})},
                      {{{"from", "dev"}, {"to", "ops"}, {"when", "tests.passed"}}});
        const Json passed = {{"passed", true}, {"summary", "3 passed"}};
        m_fake.model.script(
            "dev", {tools({toolCall("record_tests", passed)}), text("Tests pass."),
                    text("I'll start by looking at the files."), // sent back: words first
                    tools({toolCall("record_tests", passed, "t2")}), text("Fixed; tests pass.")});
        m_fake.model.script("ops", {tools({handoffCall("dev")}), tools({handoffCall("done")})});
        m_fake.model.script("done", {text("ok")});
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Completed);
        RunStore& store = inside(*t.engine).store();
        QStringList order;
        for (const StepRecord& step : store.steps(run.id).value())
            order << step.agent;
        QCOMPARE(order, QStringList({"dev", "dev", "ops", "dev", "dev", "dev", "ops", "done"}));
        // The hand-back cleared the old result; the words after it were nudged, not routed.
        const auto steps = store.steps(run.id).value();
        QCOMPARE(steps[2].diff.back()["key"], "tests");
        QVERIFY(steps[2].diff.back()["new"].is_null());
        const std::string nudge = lastMessage(m_fake.server.requests().at(4).json());
        QVERIFY2(contains(nudge, "has produced tests yet"), nudge.c_str());
    }

    void aGraphCannotClearTheEnginesOwnState()
    {
        TestEngine t(m_fake.server);
        for (const char* path : {"messages", "!tests", "errors.0", "always", "a..b"}) {
            const Json graph = testGraph(
                "a", {testAgent("a", {{"terminal", true}, {"produces", {path}}})}, Json::array());
            QVERIFY2(!t.graph(graph), path);
        }
        QVERIFY(t.graph(testGraph(
            "a", {testAgent("a", {{"terminal", true}, {"produces", {"deployment.healthy"}}})},
            Json::array())));
    }
};

QTEST_GUILESS_MAIN(TestAgentGuards)
#include "tst_agent_guards.moc"
