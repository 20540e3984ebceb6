// Placement in a real run: the engine's DevOps writes, commits and deploys a project while the
// only production server (Debian's sshd on loopback) has too little memory. The run waits
// (waiting_resources) and says why once; when a bigger server is registered and checked,
// serve's watcher resumes it, the deploy lands on that server, and the Tester's tools reach
// the project there.

#include "EngineInternals.h"
#include "LocalPorts.h"
#include "PackageIndex.h"
#include "ScriptedModel.h"
#include "ServerProject.h"
#include "SshServer.h"
#include "TestFiles.h"
#include "TestGraphs.h"
#include "api/AwaitAnswer.h"
#include "api/RunEvents.h"
#include "deploy/Deployer.h"
#include "vault/Vault.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestServerPlacement : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SshServer m_sshd;
    PackageIndex m_index;
    DeploySettings m_local;
    int m_port = 0;
    int m_httpPort = 0;
    int m_httpsPort = 0;
    int m_adminPort = 0;

    QString remoteRoot() const { return m_dir.filePath("server-root"); }

private slots:
    void initTestCase()
    {
        if (const QString why = SshServer::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        qRegisterMetaType<orch::DeployOutcome>();
        QVERIFY(letOthersThrough(m_dir.path()));
        QCOMPARE(m_sshd.start(), QString());
        QCOMPARE(m_index.addPackage("tinyclock", "1.0", "def stamp():\n    return 'tiny-1.0'\n"),
                 QString());
        QCOMPARE(m_index.start(), QString());
        m_local.deployRoot = m_dir.filePath("local-root");
        m_local.httpPort = freePort();
        m_local.httpsPort = freePort();
        m_local.healthTimeoutMs = 30000; // CI runs other deploys at the same time
        m_local.python.indexUrl = m_index.url();
        m_local.python.installTimeoutS = 120;
        m_port = freePort();
        m_httpPort = freePort();
        m_httpsPort = freePort();
        m_adminPort = freePort();
    }

    void aRunWaitsForRoomThenDeploysThere()
    {
        ScriptedServer llm;
        QVERIFY(llm.listen());
        llm.reset();
        TestEngine t(llm.server, false, 2, 20000, [this](EngineOptions& options) {
            options.tools.deploy.settings = m_local;
            options.tools.deploy.servicePortFirst = m_port;
            options.tools.deploy.servicePortLast = m_port;
        });
        QVERIFY(t.engine);
        Engine& engine = *t.engine;
        QVERIFY(inside(engine).vault().value()->put("server:prod-2", m_sshd.clientPrivateKey()));
        api::ServerParams small{"prod-2", "127.0.0.1",  m_sshd.port(), "root",      "server:prod-2",
                                128,      remoteRoot(), m_httpPort,    m_httpsPort, m_adminPort};
        auto added = api::awaitAnswer(engine, &EngineApi::addServer, small, 10000);
        QVERIFY2(added, added ? "" : qPrintable(added.error()));
        auto checked = api::awaitAnswer(engine, &EngineApi::checkServer, {"prod-2"}, 120000);
        QVERIFY2(checked && checked->server.status == ServerStatus::Ready,
                 checked ? qPrintable(checked->server.statusReason) : qPrintable(checked.error()));

        QByteArray app = kService;
        app.replace("STATUS", "'ok'");
        llm.model.script(
            "devops",
            {FakeReply::openAiToolCalls(
                 {toolCall("write_file", {{"path", "app.py"}, {"content", app.toStdString()}},
                           "c1"),
                  toolCall("write_file",
                           {{"path", "deploy.json"}, {"content", kContract.toStdString()}}, "c2"),
                  toolCall("write_file",
                           {{"path", "requirements.txt"}, {"content", "tinyclock==1.0\n"}}, "c3"),
                  toolCall("git_commit", {{"message", "the service"}}, "c4"),
                  toolCall("deploy", Json::object(), "c5")}),
             // The Tester's tools reach the project where it lives: its server.
             FakeReply::openAiToolCalls(
                 {toolCall(
                      "check_http",
                      {{"id", "health"}, {"path", "/health"}, {"expect_json", {{"status", "ok"}}}},
                      "c6"),
                  toolCall("read_service_log", Json::object(), "c7")}),
             FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "deployed"}}, "c8")})});
        const Json graph = testGraph(
            "devops",
            Json::array({testAgent("devops", {{"terminal", true},
                                              {"tools",
                                               {"write_file", "git_commit", "deploy", "check_http",
                                                "read_service_log", "finish"}}})}),
            Json::array());
        auto runId = inside(engine).startRun("servers clock", t.graph(graph));
        QVERIFY2(runId, runId ? "" : qPrintable(runId.error()));
        RunRecord run = t.waitForStop(runId.value(), 60000);
        QCOMPARE(run.status, RunStatus::WaitingResources);
        QVERIFY2(run.reason.contains("prod-2: 128 MB free of 128"), qPrintable(run.reason));
        auto events = inside(engine).eventsOf(runId.value(), 0);
        QVERIFY(events);
        int told = 0;
        for (const RunEvent& event : events.value())
            if (auto waiting = ResourcesWaiting::from(event))
                told += waiting->reason.contains("no production server has 256 MB free") ? 1 : 0;
        QCOMPARE(told, 1);

        // A bigger server (the same machine, registered again): the run goes on by itself.
        QVERIFY(api::awaitAnswer(engine, &EngineApi::removeServer, {"prod-2"}, 10000));
        small.capacityMb = 1024;
        QVERIFY(api::awaitAnswer(engine, &EngineApi::addServer, small, 10000));
        checked = api::awaitAnswer(engine, &EngineApi::checkServer, {"prod-2"}, 120000);
        QVERIFY(checked && checked->server.status == ServerStatus::Ready);
        engine.watchResources(200, 3600000);
        run = t.waitForStop(runId.value(), 180000);
        QVERIFY2(run.status == RunStatus::Completed, qPrintable(run.reason));
        auto state =
            api::awaitAnswer(engine, &EngineApi::checkpoint, {runId.value(), run.steps}, 10000);
        QVERIFY2(state, state ? "" : qPrintable(state.error()));
        QVERIFY2(state->state.is_object(), dumpJson(state->state).c_str());
        const Json deployment = member(state->state, "deployment");
        QVERIFY2(deployment.is_object(), dumpJson(state->state).substr(0, 2000).c_str());
        QCOMPARE(deployment["server"], "prod-2");
        QCOMPARE(deployment["healthy"], true);
        const Json probes = member(state->state, "probes");
        // read_service_log answered from the server (the service writes no log: it says so).
        const Json last = llm.lastRequest();
        bool logRead = false;
        for (const Json& message : arrayAt(last, "messages"))
            if (stringOr(message, "tool_call_id") == "c7")
                logRead = stringOr(message, "content").find("written no log") != std::string::npos;
        QVERIFY(logRead);
        QVERIFY2(boolOr(probes, "passed", false), dumpJson(probes).c_str());
        auto listed = api::awaitAnswer(engine, &EngineApi::servers, {}, 10000);
        QVERIFY(listed && listed->size() == 1);
        QCOMPARE(listed->front().projects.size(), 1);
        QCOMPARE(listed->front().freeMb, 1024 - 256);
        QCOMPARE(QFileInfo(remoteRoot() + "/" + toQ(deployment["service"].get<std::string>()) +
                           "/current")
                     .isSymLink(),
                 true);
        // Done: the service goes, and the server cannot be removed while the project is placed.
        auto refused = api::awaitAnswer(engine, &EngineApi::removeServer, {"prod-2"}, 10000);
        QVERIFY(!refused);
        QCOMPARE(refused.code(), ErrorCode::Conflict);
        DeploySettings there = m_local;
        there.deployRoot = remoteRoot();
        there.httpPort = m_httpPort;
        there.httpsPort = m_httpsPort;
        Deployer cleanup(there, nullptr); // the "server" is this machine: its user goes too
        QSignalSpy gone(&cleanup, &Deployer::tornDown);
        cleanup.teardown(toQ(deployment["service"].get<std::string>()));
        QVERIFY(gone.wait(60000));
    }

    void cleanupTestCase() { QProcess::execute("pkill", {"-f", remoteRoot()}); }
};

QTEST_GUILESS_MAIN(TestServerPlacement)
#include "tst_server_placement.moc"
