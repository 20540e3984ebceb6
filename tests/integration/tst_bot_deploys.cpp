// Telegram bots deployed for real (ansible-playbook, the host's Bot API relay) against the
// Telegram-faithful stand-in: the bundled template goes live with long polling and with a
// webhook behind Caddy, is checked as a user through the relay and then answers a person; a
// second process polling its token is told to the person. (What goes wrong otherwise:
// tst_bot_failures.)

#include "BotDeploySetup.h"
#include "JsonCompare.h"
#include "tools/DeployTools.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
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

    BotDeploySetup m_bot{kToken};
    FakeTelegramServer& m_telegram = m_bot.telegram;
    DeploySettings& m_settings = m_bot.settings;
    DeployHarness& m_harness = m_bot.harness;

private slots:
    void initTestCase() { QVERIFY(m_bot.start()); }

    void theTemplateGoesLiveAndAnswersAPerson()
    {
        m_harness.commit("tgclock", DeployHarness::bundled("python-telegram-bot"));
        const DeployOutcome outcome = m_harness.deploy("tgclock", {{"BOT_TOKEN", kToken}});
        QVERIFY2(outcome.ok, qPrintable(outcome.reason));
        const Json evidence = parseJson(outcome.healthBody);
        QCOMPARE(evidence["bot"], "@clock_test_bot");
        QVERIFY(toQ(evidence["reply"].get<std::string>()).contains("Hello! I am Clock"));
        QCOMPARE(deployedUrl(outcome), "https://t.me/clock_test_bot");
        QVERIFY(m_telegram.calls("sendMessage").isEmpty()); // the check stayed in the relay
        m_telegram.pushText(kPerson, "what time is it");
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.said(kPerson, "what time is it"), 15000);
        QVERIFY(m_bot.leaksNoToken(outcome));

        // The watcher's look at it reads what the relay counted: the person's message in, the
        // answer out (the checks' own messages are not counted as people's).
        ServiceHealth watch(m_settings, nullptr);
        HealthTarget target{"tgclock", {}, outcome.release, outcome.contract, kToken, false};
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
        m_harness.commit("tgclock", {{"README.md", "# Clock, again\n"}});
        const DeployOutcome outcome = m_harness.deploy("tgclock", {{"BOT_TOKEN", kToken}});
        polling = false;
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.botFault, BotFault::Conflict);
        QVERIFY2(outcome.reason.contains("another process polls"), qPrintable(outcome.reason));
        QVERIFY(outcome.rolledBack); // to the release before, which is just as conflicted
        const auto ask = personQuestionFor(outcome, kResources, "devops");
        QVERIFY(ask.has_value());
        QVERIFY(toQ((*ask)["text"].get<std::string>()).contains("retry"));
        QVERIFY(m_bot.leaksNoToken(outcome));
        QTest::qWait(2500); // the other poller's last request ends
        QVERIFY(m_harness.teardown("tgclock"));
    }

    // Telegram posts to a webhook only on ports 443, 80, 88 or 8443: this deploy's own Caddy
    // takes 8443 (no other test listens there). Last: the stand-in keeps the webhook set.
    void aWebhookBotGoesLiveAndAnswersAPerson()
    {
        DeploySettings hooked = m_settings;
        hooked.deployRoot = m_bot.dir.filePath("hook-root");
        hooked.httpPort = freePort();
        hooked.httpsPort = 8443;
        DeployHarness harness(m_bot.dir.path());
        harness.start(hooked);
        auto files = DeployHarness::bundled("python-telegram-bot");
        files["deploy.json"] = R"({"kind": "telegram-bot", "updates": "webhook",
            "entry": ["python3", "bot.py"], "health": {"message": "/start"},
            "secrets": ["BOT_TOKEN"]})";
        harness.commit("hook", files);
        const DeployOutcome outcome = harness.deploy("hook", {{"BOT_TOKEN", kToken}}, freePort());
        QVERIFY2(outcome.ok, qPrintable(outcome.reason));
        QVERIFY(outcome.contract.webhook);
        QCOMPARE(m_telegram.webhook(), "https://hook.localhost:8443/telegram");
        const Json evidence = parseJson(outcome.healthBody);
        QVERIFY(toQ(evidence["reply"].get<std::string>()).contains("Hello! I am Clock"));

        // A person's message: Telegram posts it to the webhook through Caddy, the bot answers.
        m_telegram.setWebhookTrust(QSslCertificate::fromPath(hooked.caRootFile()));
        m_telegram.pushText(kPerson + 1, "through the webhook");
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.said(kPerson + 1, "through the webhook"), 20000);
        QCOMPARE(m_telegram.webhookDeliveries(), 1);

        // An update without the secret Telegram was given is refused by the bot.
        ProbeRequest forged{QUrl(m_telegram.webhook()),
                            QStringLiteral("127.0.0.1"),
                            QSslCertificate::fromPath(hooked.caRootFile()),
                            5000,
                            "POST",
                            toBytes({{"update_id", 1}, {"message", {{"text", "forged"}}}}),
                            "application/json"};
        HttpProbe probe(forged, nullptr);
        QSignalSpy answered(&probe, &HttpProbe::finished);
        probe.start();
        QVERIFY(answered.wait(10000));
        QCOMPARE(answered.first().first().value<ProbeResult>().status, 403);
        QVERIFY(harness.teardown("hook"));
    }

    void cleanupTestCase()
    {
        for (const QString name : {"tgclock"})
            if (QFile::exists(m_bot.dir.filePath("root/" + name)))
                m_harness.teardown(name);
    }
};

QTEST_GUILESS_MAIN(TestBotDeploys)
#include "tst_bot_deploys.moc"
