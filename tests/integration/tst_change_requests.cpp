// A change to a project that exists: a new run on the same project and workspace, starting at
// the architect with the last run's spec and plan and the request in its state; refused while
// another run of the project is unfinished, and for a project that does not exist.

#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"

#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

Json twoAgentGraph()
{
    return testGraph(
        "brainstorm",
        {testAgent("brainstorm", {{"tools", {"write_spec"}}, {"handoffs", {"architect"}}}),
         testAgent("architect", {{"tools", {"write_plan", "list_files"}}, {"handoffs", {"dev"}}}),
         testAgent("dev",
                   {{"tools", {"write_file", "list_files", "git_commit"}}, {"terminal", true}})},
        Json::array());
}

FakeReply tools(std::vector<ToolCall> calls)
{
    return FakeReply::openAiToolCalls(calls);
}

} // namespace

class TestChangeRequests : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;

private slots:
    void initTestCase() { QVERIFY(m_fake.listen()); }
    void init() { m_fake.reset(); }

    void aChangeStartsAtTheArchitectWithWhatTheProjectHas()
    {
        TestEngine t(m_fake.server);
        m_fake.model.script(
            "brainstorm", {tools({toolCall("write_spec", {{"title", "Greeter"}, {"summary", "hi"}}),
                                  handoffCall("architect")})});
        m_fake.model.script(
            "architect",
            {tools({toolCall("write_plan", {{"steps", {"hello.txt says hello"}}}),
                    handoffCall("dev")}),
             // The change: the architect sees the existing files and plans the addition.
             tools({toolCall("list_files", Json::object(), "ls")}),
             tools(
                 {toolCall("write_plan", {{"steps", {"add goodbye.txt"}}}), handoffCall("dev")})});
        m_fake.model.script(
            "dev", {tools({toolCall("write_file", {{"path", "hello.txt"}, {"content", "hello"}}),
                           toolCall("git_commit", {{"message", "hello"}}, "commit")}),
                    FakeReply::openAiText("done"),
                    tools({toolCall("write_file", {{"path", "goodbye.txt"}, {"content", "bye"}})}),
                    FakeReply::openAiText("done")});
        const RunRecord first = t.runToEnd(twoAgentGraph(), "a greeter");
        QCOMPARE(first.status, RunStatus::Completed);
        const int requestsBefore = m_fake.server.requestCount();

        auto changeId = inside(*t.engine).changeProject(first.projectId, "add a goodbye");
        QVERIFY2(changeId, qPrintable(changeId.error()));
        const RunRecord changed = t.waitForStop(changeId.value());
        if (changed.status != RunStatus::Completed)
            for (const RecordedRequest& r : m_fake.server.requests())
                qWarning("%s: %s", qPrintable(ScriptedModel::agentOf(r.json())),
                         r.json()["messages"].back().dump().substr(0, 300).c_str());
        QVERIFY2(changed.status == RunStatus::Completed, qPrintable(changed.reason));
        QCOMPARE(changed.projectId, first.projectId);
        // The change began at the architect, not at brainstorm, with the request and the spec.
        const Json opening = m_fake.server.requests().at(requestsBefore).json();
        QCOMPARE(ScriptedModel::agentOf(opening), QStringLiteral("architect"));
        const std::string brief = opening["messages"][1]["content"];
        QVERIFY2(brief.find("the person asks for a change: add a goodbye") != std::string::npos,
                 brief.c_str());
        QVERIFY(brief.find("\"title\": \"Greeter\"") != std::string::npos);
        QVERIFY(brief.find("hello.txt says hello") != std::string::npos);
        // Same workspace: the first run's file is there.
        const std::string listed =
            m_fake.server.requests().at(requestsBefore + 1).json()["messages"].back()["content"];
        QVERIFY2(listed.find("hello.txt") != std::string::npos, listed.c_str());
        const Json state = inside(*t.engine).store().lastCheckpoint(changed.id).value().state;
        QCOMPARE(state["change"]["request"], "add a goodbye");
        QCOMPARE(state["change_from_run"], first.id.toStdString());
        // Where the change started, for the report: the first run's commit.
        const Json before = inside(*t.engine).store().lastCheckpoint(first.id).value().state;
        QVERIFY(before["repo"]["last_commit"].is_string());
        QCOMPARE(state["change"]["from_commit"], before["repo"]["last_commit"]);
        QCOMPARE(state["change"]["from_run"], first.id.toStdString());
        // The project's summary (what the Projects list shows and opens) is its newest run.
        const auto summaries = inside(*t.engine).projectSummaries().value();
        QCOMPARE(summaries.size(), size_t(1));
        QVERIFY(summaries.front().latestRun);
        QCOMPARE(summaries.front().latestRun->id, changed.id);
    }

    void aChangeWaitsForTheRunInProgressAndNeedsAProject()
    {
        TestEngine t(m_fake.server);
        m_fake.model.script("brainstorm",
                            {tools({toolCall("ask_human", {{"question", "Which language?"}})})});
        Json graph = twoAgentGraph();
        graph["agents"][0]["tools"].push_back("ask_human");
        const RunRecord waiting = t.runToEnd(graph, "a greeter");
        QCOMPARE(waiting.status, RunStatus::WaitingHuman);
        auto refused = inside(*t.engine).changeProject(waiting.projectId, "add a goodbye");
        QVERIFY(!refused);
        QCOMPARE(refused.code(), ErrorCode::Conflict);
        QVERIFY2(refused.error().contains("has a run in progress"), qPrintable(refused.error()));
        auto unknown = inside(*t.engine).changeProject("no-such-project", "x");
        QCOMPARE(unknown.code(), ErrorCode::NotFound);
        auto empty = inside(*t.engine).changeProject(waiting.projectId, "   ");
        QVERIFY(!empty);
    }
};

QTEST_GUILESS_MAIN(TestChangeRequests)
#include "tst_change_requests.moc"
