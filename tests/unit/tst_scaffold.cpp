// scaffold: the bundled templates produce a project whose own `make test` passes; a Copier
// template runs through a stand-in copier in the sandbox.

#include "JsonCompare.h"
#include "TestFiles.h"
#include "ToolHarness.h"
#include "tools/ScaffoldTool.h"
#include "tools/ToolRegistry.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

class TestScaffold : public QObject
{
    Q_OBJECT

    std::unique_ptr<ToolRegistry> m_tools = ToolRegistry::withBuiltins();

private slots:
    void bundledTemplatesPassTheirOwnTests_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("entry");
        QTest::newRow("http service") << "python-http-service"
                                      << "app.py";
        QTest::newRow("telegram bot") << "python-telegram-bot"
                                      << "bot.py";
        QTest::newRow("worker") << "python-worker"
                                << "worker.py";
    }

    void bundledTemplatesPassTheirOwnTests()
    {
        QFETCH(QString, name);
        QFETCH(QString, entry);
        QTemporaryDir ws;
        ToolResult made =
            callTool(*m_tools->find("scaffold"),
                     {{"template", toStd(name)}, {"project_name", "Clock"}}, ws.path());
        QVERIFY2(made.ok, errorOf(made).c_str());
        for (const char* file : {"Makefile", ".github/workflows/ci.yml", "README.md"})
            QVERIFY2(QFile::exists(QDir(ws.path()).filePath(file)), file);
        QVERIFY(QFile::exists(QDir(ws.path()).filePath(entry)));
        QFile readme(QDir(ws.path()).filePath("README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        QVERIFY(readme.readAll().startsWith("# Clock"));
        ToolResult tests =
            callTool(*m_tools->find("run_command"), {{"argv", {"make", "test"}}}, ws.path());
        QVERIFY2(tests.ok, tests.output.dump().c_str());
        QVERIFY(tests.output["output_tail"].get<std::string>().find("OK") != std::string::npos);
    }

    void aHostileProjectNameStaysTextInEveryTemplate_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("module");
        QTest::newRow("http service") << "python-http-service"
                                      << "app";
        QTest::newRow("telegram bot") << "python-telegram-bot"
                                      << "handlers";
    }

    void aHostileProjectNameStaysTextInEveryTemplate()
    {
        QFETCH(QString, name);
        QFETCH(QString, module);
        const std::string hostile = "Bob's \"app\" \"\"\"\nimport os; os.system('touch pwned') "
                                    "# \\ {{description}} \u2028x";
        QTemporaryDir ws;
        ToolResult made =
            callTool(*m_tools->find("scaffold"),
                     {{"template", toStd(name)}, {"project_name", hostile}}, ws.path());
        QVERIFY2(made.ok, errorOf(made).c_str());
        ToolResult tests =
            callTool(*m_tools->find("run_command"), {{"argv", {"make", "test"}}}, ws.path());
        QVERIFY2(tests.ok, tests.output.dump().c_str());
        const std::string print = "import sys, " + toStd(module) + "; sys.stdout.write(ascii(" +
                                  toStd(module) + ".PROJECT_NAME))";
        ToolResult named = callTool(*m_tools->find("run_command"),
                                    {{"argv", {"python3", "-c", print}}}, ws.path());
        QVERIFY2(named.ok, named.output.dump().c_str());
        // The module holds the name byte for byte, and nothing in it ran.
        QProcess python;
        python.start("python3", {"-c", "import sys; sys.stdout.write(ascii(sys.argv[1]))",
                                 QString::fromStdString(hostile)});
        QVERIFY(python.waitForFinished(10000));
        QCOMPARE(QString::fromStdString(named.output["output_tail"].get<std::string>()),
                 QString::fromUtf8(python.readAllStandardOutput()));
        QVERIFY(!QFile::exists(QDir(ws.path()).filePath("pwned")));
        QFile readme(QDir(ws.path()).filePath("README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        QVERIFY(readme.readLine().startsWith("# Bob's")); // the title stays one line
        QVERIFY(!readme.readLine().contains("import os"));
    }

    void keepsExistingFilesAndRefusesUnknownTemplates()
    {
        QTemporaryDir ws;
        QFile mine(QDir(ws.path()).filePath("app.py"));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("mine");
        mine.close();
        ToolResult made =
            callTool(*m_tools->find("scaffold"), {{"template", "python-http-service"}}, ws.path());
        QVERIFY(made.ok);
        QCOMPARE(made.output["kept"], Json({"app.py"}));
        QVERIFY(mine.open(QIODevice::ReadOnly));
        QCOMPARE(mine.readAll(), QByteArray("mine"));
        QVERIFY(
            !callTool(*m_tools->find("scaffold"), {{"template", "cobol-mainframe"}}, ws.path()).ok);
    }

    // With scaffold.copier_template set, a copier program runs in the sandbox with the
    // project's data, --trust only when the settings say so, and a timeout; the result lists
    // the files it wrote and the contract they declare. A stand-in records its arguments.
    void aCopierTemplateRunsInTheSandbox()
    {
        QTemporaryDir tools;
        QVERIFY(letOthersThrough(tools.path()));
        const QString copier = tools.filePath("copier");
        QFile program(copier);
        QVERIFY(program.open(QIODevice::WriteOnly));
        program.write("#!/usr/bin/python3\n"
                      "import json, os, sys, time\n"
                      "args = sys.argv[1:]\n"
                      "if 'project_name=Slow' in args:\n"
                      "    time.sleep(60)\n"
                      "dest = args[-1]\n"
                      "json.dump(args, open(os.path.join(dest, 'copier-args.json'), 'w'))\n"
                      "open(os.path.join(dest, 'worker.py'), 'w').write('print(1)\\n')\n"
                      "json.dump({'kind': 'worker', 'entry': ['python3', 'worker.py']},\n"
                      "          open(os.path.join(dest, 'deploy.json'), 'w'))\n");
        program.close();
        QVERIFY(program.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                       QFile::ReadOther | QFile::ExeOther));
        QTemporaryDir templateDir;
        ScaffoldSettings settings;
        settings.copierTemplate = templateDir.path();
        settings.copierProgram = copier;
        settings.copierTimeoutS = 3;
        ScaffoldTool scaffold(settings);
        QTemporaryDir ws;
        const ToolResult made = callTool(
            scaffold,
            {{"template", "python-worker"}, {"project_name", "Jobs"}, {"modules", {"jobs"}}},
            ws.path());
        QVERIFY2(made.ok, made.output.dump().c_str());
        QCOMPARE(made.output["via"], "copier");
        QCOMPARE(made.output["created"], Json({"copier-args.json", "deploy.json", "worker.py"}));
        QCOMPARE(made.output["contract"]["kind"], "worker");
        QCOMPARE(made.stateUpdate["scaffold"]["contract"]["kind"], "worker");
        const Json args = parseJson(readFile(ws.filePath("copier-args.json")));
        QCOMPARE(args, Json({"copy", "--defaults", "--data", "project_name=Jobs", "--data",
                             "modules=jobs", toStd(templateDir.path()), toStd(ws.path())}));

        settings.copierTrust = true;
        QTemporaryDir trusted;
        ScaffoldTool trusting(settings);
        QVERIFY(callTool(trusting, {{"template", "python-worker"}}, trusted.path()).ok);
        QVERIFY(toQ(dumpJson(parseJson(readFile(trusted.filePath("copier-args.json")))))
                    .contains("--trust"));

        QTemporaryDir slow;
        const ToolResult stopped = callTool(
            scaffold, {{"template", "python-worker"}, {"project_name", "Slow"}}, slow.path());
        QVERIFY(!stopped.ok);
        QVERIFY2(errorOf(stopped).find("longer than 3 s") != std::string::npos,
                 errorOf(stopped).c_str());
    }
};

QTEST_GUILESS_MAIN(TestScaffold)
#include "tst_scaffold.moc"
