// The deployment watcher in a real setting: the engine's DevOps deploys two releases of a
// project started from Telegram (this machine, Caddy, the local Bot API stand-in). The watcher
// finds it healthy; the service is stopped and the chat is told within one probe interval;
// /redeploy in the chat brings it back (and the chat hears that too); /rollback puts the first
// release back. The list shows uptime and measured memory, and the digest carries the uptime;
// a service torn down is forgotten, not reported down; the engine takes a project down.

#include "BotHarness.h"
#include "LocalPorts.h"
#include "ScriptedModel.h"
#include "ServerProject.h"
#include "TestFiles.h"
#include "WatchedService.h"
#include "api/AwaitAnswer.h"
#include "deploy/Deployer.h"
#include "store/Deployments.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

constexpr qint64 kUser = BotHarness::kUser;
constexpr int kProbeEveryMs = 1000;

QByteArray service(const char* greeting)
{
    return httpService("'ok'", QByteArray("'greeting': '") + greeting + "'");
}

const char* kPlainContract = "{\"kind\": \"http-service\", \"entry\": [\"python3\", \"app.py\"]}";

} // namespace

class TestDeployWatch : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeLlmServer m_model;
    ScriptedModel m_script;
    BotHarness m_h;
    DeploySettings m_settings;
    int m_port = 0;

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
        m_settings.healthTimeoutMs = 30000; // CI runs other deploys at the same time
        m_port = freePortRange(2);          // one port per project
        QVERIFY(m_h.start(m_model, [this](EngineOptions& options) {
            options.tools.deploy.settings = m_settings;
            options.tools.deploy.servicePortFirst = m_port;
            options.tools.deploy.servicePortLast = m_port + 1;
            options.healAfterFailures = 0; // only telling: the person acts here (tst_self_healing)
        }));
        QTRY_COMPARE(m_h.telegram->calls("setMyCommands").size(), 2);
        const Json graph = testGraph(
            "devops",
            Json::array({testAgent("devops",
                                   {{"terminal", true},
                                    {"tools", {"write_file", "git_commit", "deploy", "finish"}}})}),
            Json::array());
        QVERIFY(m_h.useGraph(graph));
    }

    void aStoppedServiceIsToldRedeployedAndRolledBack()
    {
        auto release = [](const char* greeting, const char* id) {
            return FakeReply::openAiToolCalls(
                {toolCall("write_file",
                          {{"path", "app.py"}, {"content", service(greeting).toStdString()}},
                          std::string(id) + "a"),
                 toolCall("write_file", {{"path", "deploy.json"}, {"content", kPlainContract}},
                          std::string(id) + "b"),
                 toolCall("git_commit", {{"message", greeting}}, std::string(id) + "c"),
                 toolCall("deploy", Json::object(), std::string(id) + "d")});
        };
        m_script.script("devops",
                        {release("first", "r1"), release("second", "r2"),
                         FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "live"}})})});
        m_h.telegram->pushText(kUser, "/new watched clock");
        QTRY_VERIFY_WITH_TIMEOUT(m_h.telegram->said(kUser, "is done"), 180000);

        auto live = deployment();
        QVERIFY(live);
        QVERIFY(!live->previous.isEmpty());
        QVERIFY(live->previous != live->version);
        QCOMPARE(live->health, DeploymentHealthState::Unknown);
        const QString first = live->previous, second = live->version;

        // The first round finds it healthy and says nothing.
        engine().watchDeployments(kProbeEveryMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            deployment() && deployment()->health == DeploymentHealthState::Healthy, 30000);
        QVERIFY(!m_h.telegram->said(kUser, "is down"));
        QTRY_VERIFY_WITH_TIMEOUT(deployment() && deployment()->memoryMb > 0, 30000);

        // Down: the chat is told within one interval plus the probe's own retries (20 s).
        QVERIFY(killService(m_settings, live->service));
        QElapsedTimer told;
        told.start();
        QTRY_VERIFY_WITH_TIMEOUT(m_h.telegram->said(kUser, "is down"), 60000);
        qInfo("stopped → chat told in %lld ms", told.elapsed());
        QVERIFY(told.elapsed() < kProbeEveryMs + 20000 + 10000);
        QCOMPARE(deployment()->health, DeploymentHealthState::Unhealthy);
        const BotCall down = m_h.telegram->messageWith(kUser, "is down");
        QVERIFY2(toQ(down.params["text"]).contains(live->url), dumpJson(down.params).c_str());

        // /redeploy in the chat: the same release again, and the watcher says it is back.
        m_h.telegram->pushText(kUser, "/redeploy watched clock");
        QTRY_VERIFY_WITH_TIMEOUT(m_h.telegram->said(kUser, "passed its health check"), 120000);
        QVERIFY(m_h.telegram->said(kUser, second.left(12)));
        // Its end is told in the same message, edited: one message per stretch of trouble.
        QTRY_VERIFY_WITH_TIMEOUT(m_h.telegram->shownText(down.messageId).contains("is back up"),
                                 30000);
        QVERIFY(!m_h.telegram->said(kUser, "is back up"));
        QCOMPARE(deployment()->version, second);

        // /rollback: the first release runs, and a second rollback would undo it.
        const int repliesBefore = int(m_h.telegram->messagesTo(kUser).size());
        m_h.telegram->pushText(kUser, "/rollback watched clock");
        QTRY_VERIFY_WITH_TIMEOUT(int(m_h.telegram->messagesTo(kUser).size()) >= repliesBefore + 2 &&
                                     m_h.telegram->said(kUser, first.left(12)),
                                 120000);
        auto back = deployment();
        QVERIFY(back);
        QCOMPARE(back->version, first);
        QCOMPARE(back->previous, second);

        // Uptime counts the probes: some failed while it was down, most passed.
        QTRY_VERIFY_WITH_TIMEOUT(
            deployment() && deployment()->uptime > 0 && deployment()->uptime < 1, 30000);
        auto summaries = api::awaitAnswer(engine(), &EngineApi::projectSummaries, {}, 10000);
        QVERIFY(summaries && summaries->size() == 1);
        QVERIFY(summaries->front().uptime > 0);
        auto digest = api::awaitAnswer(engine(), &EngineApi::writeDigest, {0}, 10000);
        QVERIFY(digest);
        QVERIFY2(digest->markdown.contains("% this week"), qPrintable(digest->markdown));

        // A project with nothing deployed, or a name nobody has, is refused plainly.
        auto unknown = api::awaitAnswer(engine(), &EngineApi::rollback, {"no such project"}, 10000);
        QVERIFY(!unknown);
        QCOMPARE(unknown.code(), ErrorCode::NotFound);

        // Torn down (as `orchestratord teardown` does): forgotten, not reported down.
        auto downMessages = [this] {
            int count = 0;
            for (const BotCall& message : m_h.telegram->messagesTo(kUser))
                count += toQ(message.params["text"]).contains("is down") ? 1 : 0;
            return count;
        };
        QCOMPARE(downMessages(), 1);
        Deployer cleanup(m_settings, nullptr);
        QSignalSpy gone(&cleanup, &Deployer::tornDown);
        cleanup.teardown(live->service);
        QVERIFY(gone.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(!deployment(), 60000);
        QCOMPARE(downMessages(), 1);
        engine().watchDeployments(0);
    }

    // deployments.teardown: the service stops and its folder goes; the project and its runs stay,
    // and what is no longer deployed cannot be taken down twice.
    void theEngineTakesAProjectDown()
    {
        m_script.script(
            "devops",
            {FakeReply::openAiToolCalls(
                 {toolCall("write_file",
                           {{"path", "app.py"}, {"content", service("brief").toStdString()}}, "t1"),
                  toolCall("write_file", {{"path", "deploy.json"}, {"content", kPlainContract}},
                           "t2"),
                  toolCall("git_commit", {{"message", "brief"}}, "t3"),
                  toolCall("deploy", Json::object(), "t4")}),
             FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "live"}})})});
        m_h.telegram->pushText(kUser, "/new brief clock");
        if (!QTest::qWaitFor([&] { return deployment().has_value(); }, 120000))
            for (const BotCall& message : m_h.telegram->messagesTo(kUser))
                qInfo("%s", dumpJson(message.params).c_str());
        QVERIFY(deployment());
        QTRY_VERIFY_WITH_TIMEOUT(m_h.telegram->said(kUser, "\"brief clock\" is done"), 60000);
        const DeploymentRecord live = deployment().value();
        const QString folder = m_settings.deployRoot + "/" + live.service;
        QVERIFY(QDir(folder).exists());

        auto unknown = api::awaitAnswer(engine(), &EngineApi::teardown, {"no such project"}, 10000);
        QCOMPARE(unknown.code(), ErrorCode::NotFound);
        auto down = api::awaitAnswer(engine(), &EngineApi::teardown, {"brief clock"}, 120000);
        QVERIFY2(down, qPrintable(down.error()));
        QVERIFY(!deployment());
        QVERIFY(!QDir(folder).exists());
        auto projects = api::awaitAnswer(engine(), &EngineApi::projects, {}, 10000);
        QVERIFY(projects); // the project stays, with its runs
        QVERIFY(std::any_of(projects->begin(), projects->end(),
                            [](const ProjectRecord& p) { return p.name == "brief clock"; }));
        auto again = api::awaitAnswer(engine(), &EngineApi::teardown, {"brief clock"}, 10000);
        QCOMPARE(again.code(), ErrorCode::NotFound);
        QVERIFY2(again.error().contains("nothing deployed"), qPrintable(again.error()));
    }

    void cleanupTestCase()
    {
        m_h.stop();
        QProcess::execute("pkill", {"-f", m_settings.deployRoot});
    }
};

QTEST_GUILESS_MAIN(TestDeployWatch)
#include "tst_deploy_watch.moc"
