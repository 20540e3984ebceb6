// The run-level tools validate their arguments and refuse what the agent may not do.

#include "JsonCompare.h"
#include "graph/GraphDefinition.h"
#include "tools/ToolRegistry.h"

#include <QTest>

using namespace orch;

class TestStateTools : public QObject
{
    Q_OBJECT

    std::unique_ptr<ToolRegistry> m_tools = ToolRegistry::withBuiltins();
    AgentDefinition m_agent;

    ToolResult call(const char* tool, const Json& arguments)
    {
        const Json state = Json::object();
        ToolResult out;
        bool called = false;
        m_tools->find(QLatin1String(tool))
            ->invoke(arguments, {state, m_agent, "run", "/tmp", nullptr}, [&](ToolResult r) {
                out = std::move(r);
                called = true;
            });
        if (!called)
            qWarning("tool did not answer");
        return out;
    }

private slots:
    void init()
    {
        m_agent.id = QStringLiteral("brainstorm");
        m_agent.handoffs = {QStringLiteral("architect")};
    }

    void handoffToAllowedAgent()
    {
        ToolResult r = call("handoff", {{"to", "architect"}, {"note", "spec is ready"}});
        QVERIFY(r.ok);
        QCOMPARE(r.handoffTo.value(), QStringLiteral("architect"));
        QCOMPARE(r.stateUpdate["handoff_note"], "spec is ready");
    }

    void handoffRefusals()
    {
        ToolResult r = call("handoff", {{"to", "devops"}});
        QVERIFY(!r.ok);
        QVERIFY(!r.handoffTo);
        QVERIFY(r.output["error"].get<std::string>().find("allowed: architect") !=
                std::string::npos);
        QVERIFY(!call("handoff", Json::object()).ok);
        QVERIFY(!call("handoff", {{"to", 42}}).ok);
    }

    void askHumanCarriesQuestionAndOptions()
    {
        ToolResult r =
            call("ask_human", {{"question", "Which city?"}, {"options", {"Moscow", "Paris"}}});
        QVERIFY(r.ok);
        QCOMPARE((*r.question)["text"], "Which city?");
        QCOMPARE((*r.question)["options"].size(), size_t(2));
        QCOMPARE(r.stateUpdate["question"]["agent"], "brainstorm");
        QVERIFY(!call("ask_human", {{"question", "x"}, {"options", "Moscow"}}).ok);
        QVERIFY(!call("ask_human", {{"question", ""}}).ok);
    }

    void writeSpecValidates()
    {
        ToolResult ok =
            call("write_spec",
                 {{"title", "Clock"}, {"summary", "Tells time"}, {"requirements", {"GET /time"}}});
        QVERIFY(ok.ok);
        QCOMPARE(ok.stateUpdate["spec"]["title"], "Clock");
        QVERIFY(!call("write_spec", {{"title", "Clock"}}).ok);                         // missing
        QVERIFY(!call("write_spec", {{"title", 1}, {"summary", "s"}}).ok);             // type
        QVERIFY(!call("write_spec", {{"title", "t"}, {"summary", "s"}, {"x", 1}}).ok); // unknown
        ToolResult tests = call("record_tests", {{"passed", true}, {"summary", "3 passed"}});
        QCOMPARE(tests.stateUpdate["tests"]["passed"], true);
    }
};

QTEST_GUILESS_MAIN(TestStateTools)
#include "tst_state_tools.moc"
