// The dependency install runs model-written code's neighbours: pip and venv in the project's
// folder. A project that ships its own `venv.py` and `pip/` (which Python would import from
// the working folder) must not run them, and an index that sends pip elsewhere must not be
// followed: the sandbox's only network is the proxy to the index. Judged from outside: a
// listener that must stay silent, a marker the shadowing modules would write, the host the
// failure names. Run as root and again as nobody.

#include "DeployHarness.h"
#include "LocalPorts.h"
#include "PackageIndex.h"
#include "PythonServices.h"
#include "TestFiles.h"
#include "UnprivilegedRerun.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

const QByteArray kService = jsonService(R"("dependency": tinyclock.stamp())", "import tinyclock");

const QByteArray kContract = R"({"kind": "http-service", "entry": ["python3", "app.py"],
                                  "dependencies": "requirements.txt"})";

// Imported instead of the standard modules when Python puts the working folder first.
QByteArray shadow(int port)
{
    return QByteArray(R"(import os, socket
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "SHADOW-RAN"), "w").close()
try:
    socket.create_connection(("127.0.0.1", @PORT@), timeout=2).sendall(b"shadow")
except OSError:
    pass
raise SystemExit(0)
)")
        .replace("@PORT@", QByteArray::number(port));
}

} // namespace

class TestInstallContainment : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PackageIndex m_index;
    QTcpServer m_listener; // "elsewhere": nothing may connect
    DeploySettings m_settings;
    DeployHarness m_harness{m_dir.path()};

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        qRegisterMetaType<orch::DeployOutcome>();
        QVERIFY(m_listener.listen(QHostAddress::LocalHost));
        QCOMPARE(m_index.addPackage("tinyclock", "1.0", "def stamp():\n    return 'tiny-1.0'\n"),
                 QString());
        QCOMPARE(
            m_index.addExternalLink(
                "elsewhere", QStringLiteral("http://127.0.0.1:%1/elsewhere-1.0-py3-none-any.whl")
                                 .arg(m_listener.serverPort())),
            QString());
        QCOMPARE(m_index.start(), QString());
        m_settings.deployRoot = m_dir.filePath("root");
        m_settings.httpPort = freePort();
        m_settings.httpsPort = freePort();
        m_settings.healthTimeoutMs = 8000;
        m_settings.python.indexUrl = m_index.url();
        m_settings.python.installTimeoutS = 120;
        m_harness.start(m_settings);
    }

    void theProjectsOwnVenvAndPipNeverRun()
    {
        const QByteArray code = shadow(m_listener.serverPort());
        m_harness.commit("shadowed", {{"app.py", kService},
                                      {"requirements.txt", "tinyclock==1.0\n"},
                                      {"deploy.json", kContract},
                                      {"venv.py", code},
                                      {"venv/__init__.py", code},
                                      {"pip/__init__.py", code},
                                      {"ensurepip.py", code}});
        const DeployOutcome outcome = m_harness.deploy("shadowed", {}, freePort());
        QVERIFY2(outcome.ok, qPrintable(outcome.reason));
        QVERIFY(outcome.healthBody.contains("tiny-1.0"));
        QCoreApplication::processEvents();
        QVERIFY(!m_listener.hasPendingConnections());
        const QString release = m_dir.filePath("root/shadowed/current");
        QVERIFY(QFile::exists(release + "/venv.py"));
        for (const char* marker : {"SHADOW-RAN", "venv/SHADOW-RAN", "pip/SHADOW-RAN"})
            QVERIFY2(!QFile::exists(release + "/" + marker), marker);
        QVERIFY(m_harness.teardown("shadowed"));
    }

    void anIndexThatSendsPipElsewhereIsNotFollowed()
    {
        m_harness.commit("elsewhere", {{"app.py", kService},
                                       {"requirements.txt", "elsewhere==1.0\n"},
                                       {"deploy.json", kContract}});
        const DeployOutcome outcome = m_harness.deploy("elsewhere", {}, freePort());
        QVERIFY(!outcome.ok);
        const QString where = QStringLiteral("127.0.0.1:%1").arg(m_listener.serverPort());
        QVERIFY2(outcome.reason.contains("pip was sent to " + where), qPrintable(outcome.reason));
        QCOMPARE(outcome.failure, FailureClass::Environment);
        QCoreApplication::processEvents();
        QVERIFY(!m_listener.hasPendingConnections());
    }

    void theSameHoldsWhenTheOrchestratorIsNotRoot()
    {
        if (geteuid() != 0 || insideUnprivilegedRerun())
            QSKIP("already unprivileged");
        const Rerun rerun = rerunAsNobody(240000);
        QVERIFY2(rerun.finished && rerun.exitCode == 0, rerun.output.constData());
        QVERIFY2(rerun.output.contains("PASS   : TestInstallContainment::"
                                       "anIndexThatSendsPipElsewhereIsNotFollowed"),
                 rerun.output.constData());
    }
};

QTEST_GUILESS_MAIN(TestInstallContainment)
#include "tst_install_containment.moc"
