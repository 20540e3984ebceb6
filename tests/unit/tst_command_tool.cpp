// run_command: argv only, allow-listed programs, timeouts, output caps, a clean environment;
// run_tests with the project's dependencies installed from a package index the test serves.

#include "JsonCompare.h"
#include "PackageIndex.h"
#include "ToolHarness.h"
#include "tools/CommandTool.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

namespace {
void writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
}
} // namespace

class TestCommandTool : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    CommandTool m_tool{CommandSettings{{"python3", "make"}, 10, 30, 4096}};

private slots:
    void runsInTheWorkspace()
    {
        ToolResult r = callTool(
            m_tool, {{"argv", {"python3", "-c", "import os; print(os.getcwd())"}}}, m_dir.path());
        QVERIFY2(r.ok, r.output.dump().c_str());
        QCOMPARE(r.output["exit_code"], 0);
        QVERIFY(r.output["output_tail"].get<std::string>().find(m_dir.path().toStdString()) !=
                std::string::npos);
    }

    void reportsFailureWithExitCode()
    {
        ToolResult r = callTool(
            m_tool, {{"argv", {"python3", "-c", "import sys; print('boom'); sys.exit(3)"}}},
            m_dir.path());
        QVERIFY(!r.ok);
        QCOMPARE(r.output["exit_code"], 3);
        QVERIFY(r.output["output_tail"].get<std::string>().find("boom") != std::string::npos);
    }

    void refusesWhatIsNotAllowed_data()
    {
        QTest::addColumn<QStringList>("argv");
        QTest::newRow("not allowed") << QStringList{"rm", "-rf", "."};
        QTest::newRow("a path") << QStringList{"/usr/bin/python3", "-V"};
        QTest::newRow("a shell string") << QStringList{"python3 -c 'print(1)'"};
        QTest::newRow("empty") << QStringList{};
    }

    void refusesWhatIsNotAllowed()
    {
        QFETCH(QStringList, argv);
        Json list = Json::array();
        for (const QString& a : argv)
            list.push_back(a.toStdString());
        ToolResult r = callTool(m_tool, {{"argv", list}}, m_dir.path());
        QVERIFY(!r.ok);
        QVERIFY(!r.output.contains("exit_code"));
        QVERIFY(!callTool(m_tool, {{"argv", "python3 -V"}}, m_dir.path()).ok); // not a list
    }

    void timesOut()
    {
        ToolResult r = callTool(
            m_tool,
            {{"argv", {"python3", "-c", "import time; print('start', flush=True); time.sleep(30)"}},
             {"timeout_s", 1}},
            m_dir.path());
        QVERIFY(!r.ok);
        QVERIFY2(errorOf(r).find("timed out after 1 s") != std::string::npos, errorOf(r).c_str());
        QVERIFY(r.output["output_tail"].get<std::string>().find("start") != std::string::npos);
    }

    void capsOutputKeepingTheTail()
    {
        ToolResult r =
            callTool(m_tool, {{"argv", {"python3", "-c", "print('x' * 100000); print('THE END')"}}},
                     m_dir.path());
        QVERIFY(r.ok);
        const std::string tail = r.output["output_tail"];
        QVERIFY(tail.size() <= 4096);
        QVERIFY(tail.find("THE END") != std::string::npos);
    }

    void longOutputKeepsHeadTailAndTheCountLeftOut()
    {
        ToolResult r = callTool(
            m_tool, {{"argv", {"python3", "-c", "for i in range(1000): print('line', i)"}}},
            m_dir.path());
        QVERIFY(r.ok);
        const std::string head = r.output["output_head"];
        const std::string tail = r.output["output_tail"];
        QVERIFY(head.rfind("line 0\n", 0) == 0);
        QVERIFY(tail.find("line 999\n") != std::string::npos);
        const long long shown =
            std::count(head.begin(), head.end(), '\n') + std::count(tail.begin(), tail.end(), '\n');
        QCOMPARE(intOr(r.output, "lines_left_out", -1) + shown, 1000LL);
        // Short output is all in the tail, with nothing left out.
        ToolResult small =
            callTool(m_tool, {{"argv", {"python3", "-c", "print(1)"}}}, m_dir.path());
        QVERIFY(!small.output.contains("output_head"));
    }

    void failingTestsComeFirstWithTheirTracebacks()
    {
        QFile test(m_dir.filePath("test_clock.py"));
        QVERIFY(test.open(QIODevice::WriteOnly));
        test.write("import unittest\n"
                   "class Clock(unittest.TestCase):\n"
                   "    def test_ok(self):\n        self.assertTrue(True)\n"
                   "    def test_tokyo(self):\n        self.assertEqual('UTC', 'Asia/Tokyo')\n"
                   "    def test_boom(self):\n        raise KeyError('atlantis')\n");
        test.close();
        QFile makefile(m_dir.filePath("Makefile"));
        QVERIFY(makefile.open(QIODevice::WriteOnly));
        makefile.write("test:\n\tpython3 -m unittest -v 2>&1\n");
        makefile.close();
        RunTestsTool tests(CommandSettings{{"python3", "make"}, 30, 30, 65536});
        const ToolResult r = callTool(tests, Json::object(), m_dir.path());
        QVERIFY(!r.ok);
        const Json& failures = r.output["failing_tests"];
        QCOMPARE(failures.size(), size_t(2));
        QCOMPARE(failures[0]["test"], "test_clock.Clock.test_boom");
        QCOMPARE(failures[0]["kind"], "error");
        QVERIFY(failures[0]["traceback"].get<std::string>().find("KeyError: 'atlantis'") !=
                std::string::npos);
        QCOMPARE(failures[1]["test"], "test_clock.Clock.test_tokyo");
        QVERIFY(failures[1]["traceback"].get<std::string>().find("AssertionError") !=
                std::string::npos);
    }

    // run_tests installs what deploy.json's dependency file names into the workspace's own
    // environment (once: an unchanged file is not installed again) and the tests import it;
    // a requirement the index lacks and a contract the deploy would refuse fail the tests.
    void theProjectsDependenciesAreThereForItsTests()
    {
        PackageIndex index;
        QCOMPARE(index.addPackage("tinyclock", "1.0", "def stamp():\n    return 'tiny'\n"),
                 QString());
        QCOMPARE(index.start(), QString());
        QTemporaryDir ws;
        writeFile(ws.filePath("deploy.json"),
                  R"({"kind": "worker", "entry": ["python3", "w.py"],
                      "dependencies": "requirements.txt"})");
        writeFile(ws.filePath("requirements.txt"), "tinyclock==1.0\n");
        writeFile(
            ws.filePath("test_stamp.py"),
            "import unittest, tinyclock\n"
            "class T(unittest.TestCase):\n"
            "    def test_stamp(self):\n        self.assertEqual(tinyclock.stamp(), 'tiny')\n");
        writeFile(ws.filePath("Makefile"), "test:\n\tpython3 -m unittest -v 2>&1\n");
        CommandSettings settings{{"python3", "make"}, 60, 60, 65536};
        settings.python.indexUrl = index.url();
        RunTestsTool tests(settings);
        const ToolResult first = callTool(tests, Json::object(), ws.path(), nullptr, 120000);
        QVERIFY2(first.ok, first.output.dump().c_str());
        QCOMPARE(first.stateUpdate["tests"]["passed"], true);
        const QString stamp = ws.filePath(".venv/orchestrator-requirements");
        const QDateTime installed = QFileInfo(stamp).lastModified();
        QVERIFY(installed.isValid());
        QTest::qWait(20);
        QVERIFY(callTool(tests, Json::object(), ws.path(), nullptr, 120000).ok);
        QCOMPARE(QFileInfo(stamp).lastModified(), installed); // not installed again

        writeFile(ws.filePath("requirements.txt"), "tinyclock==1.0\nnotinindex==1\n");
        const ToolResult missing = callTool(tests, Json::object(), ws.path(), nullptr, 120000);
        QVERIFY(!missing.ok);
        QCOMPARE(missing.stateUpdate["tests"]["passed"], false);
        QVERIFY2(errorOf(missing).find("notinindex") != std::string::npos,
                 errorOf(missing).c_str());

        writeFile(ws.filePath("deploy.json"), R"({"kind": "worker", "entry": ["/bin/sh"]})");
        const ToolResult refused = callTool(tests, Json::object(), ws.path());
        QVERIFY(!refused.ok);
        QVERIFY2(errorOf(refused).find("deploy.json") != std::string::npos,
                 errorOf(refused).c_str());
    }

    void doesNotLeakTheEnvironment()
    {
        qputenv("ORCH_TEST_SECRET", "hunter2-secret");
        ToolResult r =
            callTool(m_tool, {{"argv", {"python3", "-c", "import os; print(sorted(os.environ))"}}},
                     m_dir.path());
        QVERIFY(r.ok);
        QVERIFY(r.output["output_tail"].get<std::string>().find("ORCH_TEST_SECRET") ==
                std::string::npos);
    }

    void cancellingTheOwnerKillsTheProcess()
    {
        auto owner = std::make_unique<QObject>();
        bool answered = false;
        static const AgentDefinition agent{QStringLiteral("developer")};
        const Json state = Json::object();
        m_tool.invoke({{"argv", {"python3", "-c", "import time; time.sleep(30)"}}},
                      {state, agent, "run", m_dir.path(), owner.get()},
                      [&](ToolResult) { answered = true; });
        QTest::qWait(200);
        owner.reset(); // the agent goes away: its processes go with it
        QVERIFY(!answered);
    }
};

QTEST_GUILESS_MAIN(TestCommandTool)
#include "tst_command_tool.moc"
