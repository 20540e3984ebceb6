// The Developer as real models behave: an edit whose old text does not match (wrong
// indentation, a misremembered line) is fixed from the error, which shows the closest region;
// a failing test is fixed from its traceback, which run_tests puts first. Real files, a real
// `make test` in the sandbox, and the run ends with the tests passing on the committed code.

#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"

#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

FakeReply tools(std::vector<ToolCall> calls)
{
    return FakeReply::openAiToolCalls(calls);
}

// Every tool result the model was sent in `request`, joined.
std::string toolResults(const Json& request)
{
    std::string all;
    for (const Json& message : request["messages"])
        if (stringOr(message, "role") == "tool")
            all += stringOr(message, "content") + "\n";
    return all;
}

const char* kCode = "def greet(name):\n"
                    "    if not name:\n"
                    "        return 'hello, stranger'\n"
                    "    return 'hello ' + name\n";
const char* kTest = "import unittest\n"
                    "from greet import greet\n\n\n"
                    "class GreetTest(unittest.TestCase):\n"
                    "    def test_greets_by_name(self):\n"
                    "        self.assertEqual(greet('Ann'), 'hello, Ann')\n\n"
                    "    def test_greets_a_stranger(self):\n"
                    "        self.assertEqual(greet(''), 'hello, stranger')\n";

} // namespace

class TestDeveloperScenarios : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;

private slots:
    void initTestCase() { QVERIFY(m_fake.listen()); }
    void init() { m_fake.reset(); }

    void aWrongEditAndAFailingTestAreFixedFromTheErrors()
    {
        TestEngine t(m_fake.server);
        const Json graph = testGraph("dev",
                                     {testAgent("dev", {{"tools",
                                                         {"create_file", "edit_file", "view_file",
                                                          "run_tests", "git_commit", "handoff"}},
                                                        {"handoffs", {"done"}},
                                                        {"max_turns", 20}}),
                                      testAgent("done", {{"terminal", true}})},
                                     Json::array());
        m_fake.model.script(
            "dev",
            {tools(
                 {toolCall("create_file", {{"path", "greet.py"}, {"content", kCode}}, "f1"),
                  toolCall("create_file", {{"path", "test_greet.py"}, {"content", kTest}}, "f2"),
                  toolCall("create_file",
                           {{"path", "Makefile"}, {"content", "test:\n\tpython3 -m unittest -v\n"}},
                           "f3")}),
             // The model misremembers the indentation of the line it wants to change.
             tools({toolCall("edit_file",
                             {{"path", "greet.py"},
                              {"old_text", "\treturn 'hello ' + name"},
                              {"new_text", "\treturn 'hello, ' + name"}},
                             "e1")}),
             // It copies the line from the region the error showed; the edit lands.
             tools({toolCall("edit_file",
                             {{"path", "greet.py"},
                              {"old_text", "    return 'hello ' + name\n"},
                              {"new_text", "    return 'hello ' + name.title()\n"}},
                             "e2")}),
             tools({toolCall("run_tests", Json::object(), "t1")}),
             // The traceback shows the missing comma: fixed, the tests pass, committed.
             tools({toolCall("edit_file",
                             {{"path", "greet.py"},
                              {"old_text", "'hello ' + name.title()"},
                              {"new_text", "'hello, ' + name.title()"}},
                             "e3"),
                    toolCall("run_tests", Json::object(), "t2"),
                    toolCall("git_commit", {{"message", "Greet by name"}}, "c1"),
                    handoffCall("done")})});
        m_fake.model.script("done", {FakeReply::openAiText("ok")});
        const RunRecord run = t.runToEnd(graph, "a greeter", 60000);
        QVERIFY2(run.status == RunStatus::Completed, qPrintable(run.reason));

        auto request = [&](int i) { return m_fake.server.requests().at(i).json(); };
        // After the missed edit the model saw where the text really is, with line numbers.
        const std::string missed = toolResults(request(2));
        QVERIFY2(missed.find("Lines 4-4 match if indentation is ignored") != std::string::npos &&
                     missed.find("4|     return 'hello ' + name") != std::string::npos,
                 missed.c_str());
        // After the failing run, the failing test's name and traceback come first.
        const std::string failed = toolResults(request(4));
        QVERIFY2(failed.find("failing_tests") != std::string::npos &&
                     failed.find("test_greets_by_name") != std::string::npos &&
                     failed.find("AssertionError: 'hello Ann' != 'hello, Ann'") !=
                         std::string::npos,
                 failed.c_str());
        const Json state = inside(*t.engine).store().lastCheckpoint(run.id).value().state;
        QCOMPARE(state["tests"]["passed"], true);
        QVERIFY(state["repo"]["last_commit"].is_string());
    }
};

QTEST_GUILESS_MAIN(TestDeveloperScenarios)
#include "tst_developer_scenarios.moc"
