// Telegram bots deployed for real (ansible-playbook, the host's Bot API relay) against the
// Telegram-faithful stand-in: the bundled long-polling template goes live, is checked as a user
// through the relay and then answers a person; and what a person must fix is told to the person
// (a token Telegram refuses, a second process polling the token, the Bot API out of reach) while
// what the code must fix (a bot that never answers, one that crashes on a message) goes to the
// Developer. A first release that fails is stopped, not left running.

#include "DeployHarness.h"
#include "FakeTelegramServer.h"
#include "JsonCompare.h"
#include "LocalPorts.h"
#include "TestFiles.h"
#include "deploy/ServiceHealth.h"
#include "graph/GraphDefinition.h"
#include "tools/DeployTools.h"
#include "tools/ToolRegistry.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace orch;
using namespace orch::test;

namespace {
const QByteArray kToken = "8080:bot-deploys-token-secret";
constexpr qint64 kPerson = 2002;
const Json kResources = {{"env", {{"BOT_TOKEN", "bot:clock"}}}};
} // namespace

class TestBotDeploys : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeTelegramServer m_telegram{kToken};
    DeploySettings m_settings;
    DeployHarness m_harness{m_dir.path()};

    bool running(const QString& name) const
    {
        return ServiceHealth::processAlive(m_settings, name);
    }
    void checkNoTokenIn(const DeployOutcome& outcome)
    {
        QVERIFY(!outcome.reason.toUtf8().contains(kToken));
        QVERIFY(!outcome.healthBody.contains(kToken));
    }
    // A bot whose handler does `body` with each message.
    QString commitBot(const QString& name, const QByteArray& body)
    {
        auto files = DeployHarness::bundled("python-telegram-bot");
        files["handlers.py"] = "import os, time\n\ndef reply(text):\n    " + body + "\n";
        return m_harness.commit(name, files);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        qRegisterMetaType<orch::DeployOutcome>();
        QVERIFY(m_telegram.listen());
        m_telegram.setUsername("clock_test_bot");
        m_settings.deployRoot = m_dir.filePath("root");
        m_settings.httpPort = freePort();
        m_settings.httpsPort = freePort();
        m_settings.caddyAdminPort = freePort();
        m_settings.healthTimeoutMs = 8000;
        m_settings.telegramApiBase = m_telegram.baseUrl().toString();
        m_harness.start(m_settings);
    }

    void theTemplateGoesLiveAndAnswersAPerson()
    {
        m_harness.commit("clock", DeployHarness::bundled("python-telegram-bot"));
        const DeployOutcome outcome = m_harness.deploy("clock", {{"BOT_TOKEN", kToken}});
        QVERIFY2(outcome.ok, qPrintable(outcome.reason));
        const Json evidence = parseJson(outcome.healthBody);
        QCOMPARE(evidence["bot"], "@clock_test_bot");
        QVERIFY(toQ(evidence["reply"].get<std::string>()).contains("Hello! I am Clock"));
        QCOMPARE(deployedUrl(outcome), "https://t.me/clock_test_bot");
        QVERIFY(m_telegram.calls("sendMessage").isEmpty()); // the check stayed in the relay
        m_telegram.pushText(kPerson, "what time is it");
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.said(kPerson, "what time is it"), 15000);
        checkNoTokenIn(outcome);

        // The watcher's look at it reads what the relay counted: the person's message in, the
        // answer out (the checks' own messages are not counted as people's).
        ServiceHealth watch(m_settings, nullptr);
        HealthTarget target{"clock", {}, outcome.release, outcome.contract, kToken, false};
        bool healthy = false;
        bool done = false;
        watch.check(target, [&](bool ok, const QString&, const QByteArray&) {
            healthy = ok;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY(healthy);
        QVERIFY(watch.botActivity().known);
        QCOMPARE(watch.botActivity().updates, 1);
        QCOMPARE(watch.botActivity().messages, 1);
        QCOMPARE(watch.botActivity().blocked, 0);
    }

    void aSecondPollerOfTheTokenGoesToThePerson()
    {
        QNetworkAccessManager network; // another copy of the bot, somewhere, polling
        bool polling = true;
        std::function<void()> poll = [&] {
            QNetworkReply* reply = network.get(QNetworkRequest(
                QUrl(m_telegram.baseUrl().toString() + "/bot" + kToken + "/getUpdates?timeout=2")));
            connect(reply, &QNetworkReply::finished, this, [&, reply] {
                reply->deleteLater();
                if (polling)
                    QTimer::singleShot(20, this, poll);
            });
        };
        poll();
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.conflicts() > 1, 20000);
        m_harness.commit("clock", {{"README.md", "# Clock, again\n"}});
        const DeployOutcome outcome = m_harness.deploy("clock", {{"BOT_TOKEN", kToken}});
        polling = false;
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.botFault, BotFault::Conflict);
        QVERIFY2(outcome.reason.contains("another process polls"), qPrintable(outcome.reason));
        QVERIFY(outcome.rolledBack); // to the release before, which is just as conflicted
        const auto ask = personQuestionFor(outcome, kResources, "devops");
        QVERIFY(ask.has_value());
        QVERIFY(toQ((*ask)["text"].get<std::string>()).contains("retry"));
        checkNoTokenIn(outcome);
        QTest::qWait(2500); // the other poller's last request ends
        QVERIFY(m_harness.teardown("clock"));
    }

    void aRefusedTokenGoesToThePersonAndTheReleaseIsStopped()
    {
        m_harness.commit("refused", DeployHarness::bundled("python-telegram-bot"));
        const DeployOutcome outcome = m_harness.deploy("refused", {{"BOT_TOKEN", "8080:revoked"}});
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.botFault, BotFault::TokenRefused);
        QVERIFY2(outcome.reason.contains("refuses the bot's token"), qPrintable(outcome.reason));
        QVERIFY(outcome.stopped);
        QVERIFY(!running("refused"));
        const auto ask = personQuestionFor(outcome, kResources, "devops");
        QVERIFY(ask.has_value());
        QCOMPARE((*ask)["kind"], "secret");
        QCOMPARE((*ask)["handle"], "bot:clock");
        QVERIFY(!toQ(ask->dump()).contains("8080:revoked"));
        // Written for the person: what happened and what to do, not the agents' reason.
        const QString text = toQ((*ask)["text"].get<std::string>());
        QVERIFY2(text.contains("stopped until then") && !text.contains("ask the person"),
                 qPrintable(text));
        QVERIFY(m_harness.teardown("refused"));
    }

    // Through DevOps's deploy tool: the run waits for the person's new token instead of
    // handing the failure to the Developer.
    void theDeployToolAsksThePersonForANewToken()
    {
        ToolSettings settings;
        settings.deploy.settings = m_settings;
        settings.deploy.revealSecret = [](const QString& handle,
                                          const QString&) -> Result<QByteArray> {
            if (handle == QLatin1String("bot:clock"))
                return QByteArray("8080:revoked-again");
            return Error{QStringLiteral("no secret %1").arg(handle)};
        };
        auto tools = ToolRegistry::withBuiltins(settings);
        m_harness.commit("asking", DeployHarness::bundled("python-telegram-bot"));
        const Json state = {{"spec", {{"title", "Asking"}}}, {"resources", kResources}};
        static const AgentDefinition devops{QStringLiteral("devops")};
        ToolResult result;
        bool answered = false;
        tools->find("deploy")->invoke(
            Json::object(), {state, devops, "run", m_harness.workspace("asking"), nullptr},
            [&](ToolResult r) {
                result = std::move(r);
                answered = true;
            });
        QVERIFY(QTest::qWaitFor([&] { return answered; }, 120000));
        QVERIFY2(result.question.has_value(), result.output.dump().c_str());
        QCOMPARE((*result.question)["kind"], "secret");
        QCOMPARE((*result.question)["handle"], "bot:clock");
        QCOMPARE((*result.question)["agent"], "devops");
        QVERIFY(toQ((*result.question)["text"].get<std::string>()).contains("@BotFather"));
        QCOMPARE(result.stateUpdate["question"], *result.question);
        QCOMPARE(result.stateUpdate["deployment"]["healthy"], false);
        QVERIFY(result.output.dump().find("revoked-again") == std::string::npos);
        QVERIFY(!running("asking"));
        QVERIFY(m_harness.teardown("asking"));
    }

    void theBotApiOutOfReachGoesToThePerson()
    {
        DeploySettings away = m_settings;
        away.telegramApiBase = QStringLiteral("http://127.0.0.1:%1").arg(freePort());
        away.healthTimeoutMs = 2000;
        DeployHarness harness(m_dir.path());
        harness.start(away);
        harness.commit("away", DeployHarness::bundled("python-telegram-bot"));
        const DeployOutcome outcome = harness.deploy("away", {{"BOT_TOKEN", kToken}});
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.botFault, BotFault::ApiUnreachable);
        QVERIFY2(outcome.reason.contains("cannot be reached"), qPrintable(outcome.reason));
        QVERIFY(outcome.stopped);
        QVERIFY(personQuestionFor(outcome, kResources, "devops").has_value());
        QVERIFY(harness.teardown("away"));
    }

    void aBotThatNeverAnswersGoesToTheDeveloper()
    {
        commitBot("mute", "time.sleep(3600)");
        const DeployOutcome outcome = m_harness.deploy("mute", {{"BOT_TOKEN", kToken}});
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.botFault, BotFault::NoReply);
        QVERIFY2(outcome.reason.contains("answered nothing"), qPrintable(outcome.reason));
        QVERIFY(outcome.stopped);
        QVERIFY(!running("mute"));
        QVERIFY(!personQuestionFor(outcome, kResources, "devops").has_value());
        QVERIFY(m_harness.teardown("mute"));
    }

    void aBotThatCrashesOnAMessageGoesToTheDeveloper()
    {
        commitBot("crashy", "os._exit(3)");
        const DeployOutcome outcome = m_harness.deploy("crashy", {{"BOT_TOKEN", kToken}});
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.reason.contains("stopped") && outcome.reason.contains("read_service_log"),
                 qPrintable(outcome.reason));
        QVERIFY(!personQuestionFor(outcome, kResources, "devops").has_value());
        QVERIFY(!running("crashy"));
        QVERIFY(m_harness.teardown("crashy"));
    }

    void cleanupTestCase()
    {
        for (const QString name : {"clock", "refused", "asking", "away", "mute", "crashy"})
            if (QFile::exists(m_dir.filePath("root/" + name)))
                m_harness.teardown(name);
    }
};

QTEST_GUILESS_MAIN(TestBotDeploys)
#include "tst_bot_deploys.moc"
