// The sandbox of run_command: what a command the model chose may do, and what it may not —
// read the data folder or another project, write outside its workspace, reach the network,
// outlive its timeout, exhaust memory or processes. Run as root (CI) and again, through
// setpriv, as the unprivileged user nobody.

#include "ToolHarness.h"
#include "UnprivilegedRerun.h"
#include "sandbox/CommandCgroup.h"
#include "sandbox/Sandbox.h"
#include "tools/CommandTool.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <unistd.h>

using namespace orch;
using namespace orch::test;

namespace {

constexpr const char* kSecret = "vault-key-bytes-3f9a";

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

std::string tailOf(const ToolResult& r)
{
    return r.output.value("output_tail", std::string()) + errorOf(r);
}

} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_data; // laid out as the engine's data folder
    QString m_workspace;
    SandboxSettings m_settings;
    std::unique_ptr<CommandTool> m_tool;

    ToolResult python(const QString& code, int timeoutS = 20)
    {
        return callTool(*m_tool,
                        {{"argv", {"python3", "-c", code.toStdString()}}, {"timeout_s", timeoutS}},
                        m_workspace);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        writeFile(m_data.filePath("vault.key"), kSecret);
        writeFile(m_data.filePath("orchestrator.db"), QByteArray("SQLite ") + kSecret);
        writeFile(m_data.filePath("workspaces/other/secret.txt"), "the other project's plans");
        m_workspace = m_data.filePath("workspaces/mine");
        QVERIFY(QDir().mkpath(m_workspace));
        m_settings.memoryMb = 512;
        m_settings.processes = 64;
        QVERIFY2(Sandbox(m_settings).check().ok(), qPrintable(Sandbox(m_settings).check().error()));
        CommandSettings commands{{"python3", "make"}, 20, 60, 64 * 1024};
        commands.sandbox = m_settings;
        m_tool = std::make_unique<CommandTool>(commands);
    }

    void theWorkspaceIsWritableAtItsOwnPathAsAnotherUser()
    {
        ToolResult r = python("import os; open('made.txt','w').write('ok'); "
                              "print(os.getcwd(), os.getuid(), os.getgid())");
        QVERIFY2(r.ok, r.output.dump().c_str());
        const std::string out = tailOf(r);
        QVERIFY2(out.find(m_workspace.toStdString() + " 65534 65534") != std::string::npos,
                 out.c_str());
        QFile made(QDir(m_workspace).filePath("made.txt"));
        QVERIFY(made.open(QIODevice::ReadOnly));
        QCOMPARE(made.readAll(), QByteArray("ok"));
    }

    void nothingOutsideTheWorkspaceIsVisible()
    {
        const QString probe =
            QStringLiteral(
                "import os\nfor p in %1:\n    try:\n        print(p, open(p).read())\n"
                "    except Exception as e:\n        print(p, 'refused', type(e).__name__)\n"
                "print(sorted(os.listdir('/')))")
                .arg(QStringLiteral("['%1', '%2', '%3', '/etc/shadow', '/root/.bashrc']")
                         .arg(m_data.filePath("vault.key"), m_data.filePath("orchestrator.db"),
                              m_data.filePath("workspaces/other/secret.txt")));
        ToolResult r = python(probe);
        QVERIFY2(r.ok, r.output.dump().c_str());
        const std::string out = tailOf(r);
        QVERIFY2(out.find(kSecret) == std::string::npos, out.c_str());
        QVERIFY(out.find("other project's plans") == std::string::npos);
        QVERIFY(out.find("refused FileNotFoundError") != std::string::npos);
        QVERIFY2(out.find("'root'") == std::string::npos && out.find("'home'") == std::string::npos,
                 out.c_str());
    }

    void writesOutsideTheWorkspaceNeverReachTheHost()
    {
        const QString outside = m_data.filePath("escaped.txt");
        const QString code =
            QStringLiteral("for p in ['%1', '/tmp/escaped-%2', '/usr/escaped']:\n    try:\n"
                           "        open(p, 'w').write('x'); print(p, 'written')\n"
                           "    except Exception as e:\n        print(p, 'refused')\n")
                .arg(outside)
                .arg(QCoreApplication::applicationPid());
        ToolResult r = python(code);
        QVERIFY2(r.ok, r.output.dump().c_str());
        QVERIFY(!QFile::exists(outside));
        QVERIFY(!QFile::exists(
            QStringLiteral("/tmp/escaped-%1").arg(QCoreApplication::applicationPid())));
        QVERIFY(!QFile::exists(QStringLiteral("/usr/escaped")));
    }

    void theNetworkIsUnreachable()
    {
        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost));
        ToolResult r = python(QStringLiteral("import socket\ntry:\n    socket.create_connection("
                                             "('127.0.0.1', %1), timeout=3); print('connected')\n"
                                             "except Exception as e:\n    print('no network', e)")
                                  .arg(listener.serverPort()));
        QVERIFY2(r.ok, r.output.dump().c_str());
        QVERIFY2(tailOf(r).find("no network") != std::string::npos, tailOf(r).c_str());
        QCoreApplication::processEvents();
        QVERIFY(!listener.hasPendingConnections());
    }

    void aProjectTheSettingsNameMayReachTheNetwork()
    {
        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost));
        CommandSettings commands{{"python3"}, 20, 60, 64 * 1024};
        commands.sandbox = m_settings;
        commands.sandbox.networkProjects = {"mine"}; // the workspace folder is the project id
        CommandTool tool(commands);
        const std::string code = "import socket; socket.create_connection(('127.0.0.1', " +
                                 std::to_string(listener.serverPort()) +
                                 "), timeout=3); print('connected')";
        ToolResult r = callTool(tool, {{"argv", {"python3", "-c", code}}}, m_workspace);
        QVERIFY2(r.ok && tailOf(r).find("connected") != std::string::npos, tailOf(r).c_str());
        // Another project, with the same settings, stays offline.
        const QString other = m_data.filePath("workspaces/other");
        ToolResult refused = callTool(tool, {{"argv", {"python3", "-c", code}}}, other);
        QVERIFY(!refused.ok);
        QVERIFY(tailOf(refused).find("connected") == std::string::npos);
    }

    void aTimeoutKillsEveryProcessTheCommandStarted()
    {
        const QString late = QDir(m_workspace).filePath("late.txt");
        ToolResult r = python(
            QStringLiteral("import subprocess, time\nsubprocess.Popen(['python3', '-c', "
                           "'import time; time.sleep(3); open(\"late.txt\", \"w\").write(\"x\")'], "
                           "start_new_session=True)\ntime.sleep(60)"),
            1);
        QVERIFY(!r.ok);
        QVERIFY2(errorOf(r).find("timed out after 1 s") != std::string::npos, errorOf(r).c_str());
        QTest::qWait(4000);
        QVERIFY2(!QFile::exists(late), "a detached child outlived the command's timeout");
    }

    void memoryIsLimited()
    {
        ToolResult r = python("b = bytearray(2 * 1024 * 1024 * 1024); print('allocated')");
        QVERIFY(!r.ok);
        QVERIFY2(tailOf(r).find("MemoryError") != std::string::npos, tailOf(r).c_str());
    }

    void processesAreLimitedForAnUnprivilegedOrchestrator()
    {
        if (geteuid() == 0)
            QSKIP("the kernel does not count processes of root; the unprivileged run checks it");
        ToolResult r = python("import os\nn = 0\ntry:\n    for i in range(500):\n"
                              "        if os.fork() == 0:\n            import time; time.sleep(5); "
                              "os._exit(0)\n        n += 1\nexcept OSError as e:\n"
                              "    print('stopped at', n, e)\n");
        QVERIFY2(tailOf(r).find("stopped at") != std::string::npos, tailOf(r).c_str());
    }

    // A fork bomb and a memory bomb spread over processes end that command; the next runs.
    void theKernelLimitsTheTreeWhoeverRunsTheOrchestrator()
    {
        if (CommandCgroup::mode().isEmpty()) {
            QVERIFY2(geteuid() != 0, qPrintable("root without cgroups: " + CommandCgroup::why()));
            QSKIP("no cgroups here: the per-user limits hold (the unprivileged run checks them)");
        }
        ToolResult forks = python("import os, time\nn = 0\ntry:\n    for i in range(400):\n"
                                  "        if os.fork() == 0:\n            time.sleep(5); "
                                  "os._exit(0)\n        n += 1\nexcept OSError as e:\n"
                                  "    print('stopped at', n, e)\n");
        QVERIFY2(tailOf(forks).find("stopped at") != std::string::npos, tailOf(forks).c_str());
        const std::string at = tailOf(forks).substr(tailOf(forks).find("stopped at") + 11);
        QVERIFY2(std::stoi(at) < m_settings.processes, at.c_str());
        // Eight processes of 300 MB each stay under the per-process 512 MB; the tree may not.
        ToolResult memory = python("import os, time\nfor i in range(8):\n    if os.fork() == 0:\n"
                                   "        b = b'x' * (300 * 1024 * 1024); time.sleep(3); "
                                   "os._exit(0)\nlived = 0\nfor i in range(8):\n"
                                   "    lived += os.wait()[1] == 0\nprint('lived', lived)",
                                   60);
        const std::string tail = tailOf(memory);
        const size_t lived = tail.find("lived ");
        QVERIFY2(lived == std::string::npos || std::stoi(tail.substr(lived + 6)) < 8, tail.c_str());
        ToolResult after = python("print('still here')");
        QVERIFY2(after.ok && tailOf(after).find("still here") != std::string::npos,
                 tailOf(after).c_str());
    }

    void withoutBubblewrapCommandsAreRefusedWithTheReason()
    {
        CommandSettings commands{{"python3"}, 10, 30, 4096};
        commands.sandbox.bwrap = QStringLiteral("/nonexistent/bwrap");
        CommandTool tool(commands);
        ToolResult r = callTool(tool, {{"argv", {"python3", "-c", "print(1)"}}}, m_workspace);
        QVERIFY(!r.ok);
        QVERIFY(!r.output.contains("exit_code"));
        QVERIFY2(errorOf(r).find("bubblewrap") != std::string::npos, errorOf(r).c_str());
    }

    void theSameHoldsWhenTheOrchestratorIsNotRoot()
    {
        if (geteuid() != 0)
            QSKIP("already unprivileged");
        if (insideUnprivilegedRerun())
            QSKIP("inside the unprivileged run");
        // The data folder of the unprivileged run belongs to nobody, as a service user's would.
        const Rerun child = rerunAsNobody(120000);
        const QByteArray& output = child.output;
        QVERIFY2(child.finished && child.exitCode == 0, output.constData());
        QVERIFY2(output.contains(
                     "PASS   : TestSandbox::processesAreLimitedForAnUnprivilegedOrchestrator"),
                 output.constData());
        QVERIFY2(output.contains("PASS   : TestSandbox::nothingOutsideTheWorkspaceIsVisible"),
                 output.constData());
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
