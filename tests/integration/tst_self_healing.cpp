// The watcher heals what it watches, end to end on this machine: a project started from
// Telegram is deployed by DevOps, its service is killed the way a crash would, and without
// anyone acting the watcher opens an incident, restarts the release, finds it answering again
// and closes the incident. A bad release (it answers its deploy's check, then fails) is
// restarted, then rolled back to the release before. The chat hears each incident in one
// message, edited at each step, in the person's words.

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

    // The one message that tells the incident about `service`: its id, after checking that no
    // other message about its health was sent since `sentBefore` messages.
    qint64 incidentMessage(const QString& service, int sentBefore)
    {
        qint64 id = 0;
        int count = 0;
        const QList<BotCall> sent = m_h.telegram->messagesTo(kUser);
        static const QStringList health{"is down", "keeps failing", "answers again", "is back up",
                                        "It needs you"};
        for (int i = sentBefore; i < sent.size(); ++i)
            if (const QString text = toQ(stringOr(sent[i].params, "text"));
                text.contains(service) &&
                std::any_of(health.begin(), health.end(),
                            [&](const QString& word) { return text.contains(word); })) {
                id = sent[i].messageId;
                ++count;
            }
        if (count != 1)
            qWarning("%d messages about %s", count, qPrintable(service));
        return count == 1 ? id : 0;
    }

    // Each text the message showed, in order (what the closing note quotes).
    QStringList stagesOf(qint64 messageId)
    {
        QStringList stages;
        for (const BotCall& call : m_h.telegram->calls())
            if (call.messageId == messageId &&
                (call.method == "sendMessage" || call.method == "editMessageText"))
                stages << toQ(stringOr(call.params, "text"));
        for (const QString& stage : stages)
            qInfo("stage:\n%s\n", qPrintable(stage));
        return stages;
    }

    bool shows(const QString& needle) { return m_h.telegram->shows(kUser, needle); }

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
        const int sentBefore = int(m_h.telegram->messagesTo(kUser).size());
        QVERIFY(killService(m_settings, live->service));
        if (!QTest::qWaitFor([this] { return shows("keeps failing its health checks"); }, 90000))
            for (const BotCall& message : m_h.telegram->messagesTo(kUser))
                qWarning("told: %s", dumpJson(message.params["text"]).c_str());
        QVERIFY(shows("keeps failing its health checks"));
        QVERIFY(shows("restarting release " + live->version.left(12)));
        QTRY_VERIFY_WITH_TIMEOUT(shows("answers again (after the restart)"), 90000);
        QCOMPARE(deployment()->health, DeploymentHealthState::Healthy);
        QVERIFY(!shows("rolling back"));
        QVERIFY(!shows("It needs you"));

        // One message told it all, edited at each step: down, restarting, answers again.
        const qint64 message = incidentMessage(live->service, sentBefore);
        QVERIFY(message != 0);
        const QStringList stages = stagesOf(message);
        QVERIFY2(stages.size() >= 3, qPrintable(stages.join("\n---\n")));
        QVERIFY(stages.first().contains("is down"));
        QVERIFY(stages.last().contains("is down")); // the story, not only its end
        QVERIFY(stages.last().contains("answers again (after the restart)"));
        QVERIFY(!stages.last().contains("is back up")); // the incident's end is told once

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

    // A release that answers its deploy's check and then fails: a restart brings the same
    // failure back, so the release before it is put back.
    void aBadReleaseIsRolledBack()
    {
        auto live = deployment();
        QVERIFY(live);
        const QString good = live->version;
        const QByteArray broken = httpService(
            "once()", "'greeting': 'hello'",
            "answers = [0]\n"
            "def once():\n"
            "    answers[0] += 1\n"
            "    return 'ok' if answers[0] == 1 else 'broken after its first answer'\n");
        m_script.script(
            "devops", {FakeReply::openAiToolCalls(
                           {toolCall("write_file",
                                     {{"path", "app.py"}, {"content", broken.toStdString()}}, "a"),
                            toolCall("git_commit", {{"message", "a bad release"}}, "c"),
                            toolCall("deploy", Json::object(), "d")}),
                       FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "live"}})})});
        const int sentBefore = int(m_h.telegram->messagesTo(kUser).size());
        m_h.telegram->pushText(kUser, "/change healed clock: a new greeting");
        QTRY_VERIFY_WITH_TIMEOUT(deployment() && deployment()->version != good &&
                                     deployment()->previous == good,
                                 120000);
        const QString bad = deployment()->version;
        engine().watchDeployments(1000);
        QTRY_VERIFY_WITH_TIMEOUT(shows("rolling back to release " + good.left(12)), 90000);
        QVERIFY(shows("restarting release " + bad.left(12)));
        QTRY_VERIFY_WITH_TIMEOUT(shows("answers again (after the rollback)"), 90000);
        QCOMPARE(deployment()->version, good);
        QCOMPARE(deployment()->health, DeploymentHealthState::Healthy);

        const qint64 message = incidentMessage(live->service, sentBefore);
        QVERIFY(message != 0);
        const QStringList stages = stagesOf(message);
        QVERIFY(stages.last().contains("never passed a check"));
        auto incidents = Incidents(inside(engine()).store().database()).since(0);
        QVERIFY(incidents && incidents->size() == 2);
        QVERIFY(incidents->front().newRelease);
        QCOMPARE(incidents->front().release, bad);
        engine().watchDeployments(0);
    }
};

QTEST_GUILESS_MAIN(TestSelfHealing)
#include "tst_self_healing.moc"
