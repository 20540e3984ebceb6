// The desktop in remote mode against a real `orchestratord serve` process: the views' models
// fill over the WebSocket; when the server is killed the session shows it, the rows stay,
// and a project started meanwhile is sent once the restarted server is back. The real
// `orchestrator` binary keeps running through the same outage.

#include "CliProcess.h"
#include "LocalPorts.h"
#include "ProjectsModel.h"
#include "ScriptedModel.h"
#include "remote/RemoteEngine.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;
using namespace orch::ui;

namespace {
const QByteArray kToken = "desktop-remote-token-77";
}

class TestUiRemote : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_vaultEnv{"ORCHESTRATOR_VAULT_KEY=" + QByteArray(32, 'd').toBase64()};
    FakeLlmServer m_model;
    QString m_config;
    int m_port = 0;

    void startServe(QProcess& serve)
    {
        startCli(serve, {"serve", "--config", m_config}, m_vaultEnv);
        QVERIFY(serve.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(listening(m_port), 10000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_model.listen());
        m_model.setHandler([](const RecordedRequest&) { return FakeReply::openAiText("done"); });
        QProcess set;
        startCli(set, {"secrets", "set", "server:remote", "--db", m_dir.filePath("o.db")},
                 m_vaultEnv);
        QVERIFY(set.waitForStarted());
        set.write(kToken + "\n");
        set.closeWriteChannel();
        QVERIFY(set.waitForFinished());
        QCOMPARE(set.exitCode(), 0);
        m_port = freePort();
        const Json config = {{"database", "o.db"},
                             {"workspace_root", "ws"},
                             {"reports_dir", "reports"},
                             {"route_all_to", {{"base_url", toStd(m_model.baseUrl().toString())}}},
                             {"deploy",
                              {{"root", "deploy"},
                               {"http_port", freePort()},
                               {"https_port", freePort()},
                               {"caddy_admin_port", freePort()},
                               {"service_ports", {{"first", 19100}, {"last", 19199}}}}},
                             {"remote_api", {{"port", m_port}, {"token_secret", "server:remote"}}}};
        m_config = m_dir.filePath("orchestratord.json");
        QFile file(m_config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toBytes(config));
    }

    // Help is printed on a machine without a display (no platform plugin is loaded for it).
    void helpNeedsNoDisplay()
    {
        QProcess desktop;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("QT_QPA_PLATFORM");
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        desktop.setProcessEnvironment(env);
        desktop.start(DESKTOP_BINARY, {"--help"});
        QVERIFY(desktop.waitForFinished(20000));
        const QString out = QString::fromUtf8(desktop.readAllStandardOutput());
        QCOMPARE(desktop.exitStatus(), QProcess::NormalExit);
        QVERIFY2(desktop.exitCode() == 0, qPrintable(desktop.readAllStandardError()));
        QVERIFY2(out.contains("--remote"), qPrintable(out));
    }

    void survivesTheServerGoingAway()
    {
        QProcess serve;
        startServe(serve);
        RemoteEngine remote(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_port)), kToken);
        Session session(&remote, true, QStringLiteral("test server"));
        QObject::connect(&remote, &RemoteEngine::connectionChanged, &session,
                         &Session::setConnected);
        remote.open();
        QTRY_VERIFY(session.connected());
        ProjectsModel projects;
        projects.setSession(&session);
        QSignalSpy finished(session.startRun("first over the wire"), &PendingAction::finished);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QTRY_COMPARE(projects.count(), 1);

        // The real desktop binary rides out the same outage.
        QProcess desktop;
        desktop.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("ORCHESTRATOR_VAULT_KEY", QString::fromLatin1(QByteArray(32, 'd').toBase64()));
        desktop.setProcessEnvironment(env);
        desktop.start(QStringLiteral(DESKTOP_BINARY),
                      {"--remote", QStringLiteral("ws://127.0.0.1:%1").arg(m_port),
                       "--token-secret", "server:remote", "--db", m_dir.filePath("o.db")});
        QVERIFY(desktop.waitForStarted());
        QTest::qWait(1000);
        QCOMPARE(desktop.state(), QProcess::Running);

        serve.kill(); // gone without a goodbye
        QVERIFY(serve.waitForFinished());
        QTRY_VERIFY(!session.connected());
        QCOMPARE(projects.count(), 1); // what was shown stays
        QSignalSpy queued(session.startRun("typed while the server was away"),
                          &PendingAction::finished);
        QTest::qWait(500);
        QCOMPARE(queued.size(), 0); // waiting, not lost
        QCOMPARE(desktop.state(), QProcess::Running);

        startServe(serve);
        QTRY_VERIFY_WITH_TIMEOUT(session.connected(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(queued.size(), 1, 10000);
        QVERIFY(queued.first().at(0).toBool());
        projects.reload();
        QTRY_COMPARE(projects.count(), 2);
        QCOMPARE(desktop.state(), QProcess::Running);
        desktop.terminate();
        QVERIFY(desktop.waitForFinished(5000));
        serve.terminate();
        QVERIFY(serve.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(TestUiRemote)
#include "tst_ui_remote.moc"
