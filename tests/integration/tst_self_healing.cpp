// The watcher heals what it watches, end to end on this machine: a project started from
// Telegram is deployed by DevOps, its service is killed the way a crash would, and without
// anyone acting the watcher opens an incident, restarts the release, finds it answering again
// and closes the incident; the chat hears each step, in the person's words.

#include "BotHarness.h"
#include "EngineInternals.h"
#include "LocalPorts.h"
#include "ScriptedModel.h"
#include "ServerProject.h"
#include "TestFiles.h"
#include "WatchedService.h"
#include "api/AwaitAnswer.h"
#include "deploy/Deployer.h"
#include "store/Incidents.h"
#include "store/RunStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {
constexpr qint64 kUser = BotHarness::kUser;
const char* kPlainContract = "{\"kind\": \"http-service\", \"entry\": [\"python3\", \"app.py\"]}";
} // namespace

class TestSelfHealing : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeLlmServer m_model;
    ScriptedModel m_script;
    BotHarness m_h;
    DeploySettings m_settings;

    Engine& engine() { return *m_h.engine->engine; }

    std::optional<DeploymentRecord> deployment() { return onlyDeployment(engine()); }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<orch::DeployOutcome>();
        QVERIFY(letOthersThrough(m_dir.path()));
        QVERIFY(m_model.listen());
        m_model.setHandler(m_script.handler());
        m_settings.deployRoot = m_dir.filePath("deploy");
        m_settings.httpPort = freePort();
        m_settings.httpsPort = freePort();
        m_settings.healthTimeoutMs = 30000;
        const int port = freePort();
        QVERIFY(m_h.start(m_model, [&](EngineOptions& options) {
            options.tools.deploy.settings = m_settings;
            options.tools.deploy.servicePortFirst = port;
            options.tools.deploy.servicePortLast = port;
            options.healAfterFailures = 2;
        }));
        QVERIFY(m_h.useGraph(testGraph(
            "devops",
            Json::array({testAgent("devops",
                                   {{"terminal", true},
                                    {"tools", {"write_file", "git_commit", "deploy", "finish"}}})}),
            Json::array())));
    }

    void aCrashedServiceIsRestartedWithoutAPerson()
    {
        const QByteArray app = httpService("'ok'", "'greeting': 'hello'");
        m_script.script(
            "devops",
            {FakeReply::openAiToolCalls(
                 {toolCall("write_file", {{"path", "app.py"}, {"content", app.toStdString()}}, "a"),
                  toolCall("write_file", {{"path", "deploy.json"}, {"content", kPlainContract}},
                           "b"),
                  toolCall("git_commit", {{"message", "hello"}}, "c"),
                  toolCall("deploy", Json::object(), "d")}),
             FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "live"}})})});
        m_h.telegram->pushText(kUser, "/new healed clock");
        QTRY_VERIFY_WITH_TIMEOUT(m_h.telegram->said(kUser, "is done"), 180000);
        auto live = deployment();
        QVERIFY(live);
        engine().watchDeployments(1000);
        QTRY_VERIFY_WITH_TIMEOUT(
            deployment() && deployment()->health == DeploymentHealthState::Healthy, 30000);

        // Killed as a crash would: nothing of the service's own restarts it.
        QVERIFY(killService(m_settings, live->service));
        if (!QTest::qWaitFor(
                [this] { return m_h.telegram->said(kUser, "keeps failing its health checks"); },
                90000))
            for (const BotCall& message : m_h.telegram->messagesTo(kUser))
                qWarning("told: %s", dumpJson(message.params["text"]).c_str());
        QVERIFY(m_h.telegram->said(kUser, "keeps failing its health checks"));
        QVERIFY(m_h.telegram->said(kUser, "restarting release " + live->version.left(12)));
        QTRY_VERIFY_WITH_TIMEOUT(m_h.telegram->said(kUser, "answers again (after the restart)"),
                                 90000);
        QCOMPARE(deployment()->health, DeploymentHealthState::Healthy);
        QVERIFY(!m_h.telegram->said(kUser, "rolling back"));
        QVERIFY(!m_h.telegram->said(kUser, "It needs you"));

        // The incident's timeline, as the store keeps it.
        auto incidents = Incidents(inside(engine()).store().database()).since(0);
        QVERIFY(incidents && incidents->size() == 1);
        const Incident& incident = incidents->front();
        QCOMPARE(incident.state, IncidentState::Resolved);
        QStringList steps;
        for (const Json& step : incident.timeline)
            steps << toQ(stringOr(step, "action"));
        QCOMPARE(steps, (QStringList{"detected", "restart", "restart_done", "resolved"}));
        engine().watchDeployments(0);
    }
};

QTEST_GUILESS_MAIN(TestSelfHealing)
#include "tst_self_healing.moc"
