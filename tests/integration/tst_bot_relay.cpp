// The host's Bot API relay (bot_relay.py) between a real bot process and the Telegram-faithful
// stand-in: a check's message reaches the bot in its own getUpdates and its answer stays in the
// relay; real users' messages pass both ways; Telegram's offset never moves past what the bot
// has seen, a restart of the relay loses no update, the token stays out of its log and answers,
// a second poller's 409 and a refused token are named, and hostile requests leave it serving.

#include "BotRelayProcess.h"
#include "FakeTelegramServer.h"
#include "deploy/BotConversation.h"

#include <QLocalSocket>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace orch;
using namespace orch::test;

namespace {

const QByteArray kToken = "5150:relay-test-token-secret";
constexpr qint64 kPerson = 1001;

// A bot as people write them: long polling, one reply per message; it prints what it got.
const QByteArray kBot = R"(import json, os, sys, urllib.request
API, TOKEN = os.environ["TELEGRAM_API"], os.environ["BOT_TOKEN"]
def call(method, **params):
    request = urllib.request.Request("%s/bot%s/%s" % (API, TOKEN, method),
        data=json.dumps(params).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())
offset = 0
while True:
    try:
        updates = call("getUpdates", offset=offset, timeout=20)["result"]
    except Exception as error:
        print("poll failed: %s" % error, flush=True)
        import time; time.sleep(0.3)
        continue
    for update in updates:
        offset = update["update_id"] + 1
        text = update["message"]["text"]
        print("got %d %s" % (update["update_id"], text), flush=True)
        if text == "crash":
            sys.exit(1)
        if text != "silence":
            call("sendMessage", chat_id=update["message"]["chat"]["id"], text="got: " + text)
)";

} // namespace

class TestBotRelay : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeTelegramServer m_telegram{kToken};
    std::unique_ptr<BotRelayProcess> m_relay;
    QProcess m_bot;
    DeploySettings m_host;

    BotExchange converse(const QString& text, int timeoutMs = 5000,
                         const QByteArray& token = kToken)
    {
        BotConversation talk(m_host, token, timeoutMs, nullptr);
        QSignalSpy finished(&talk, &BotConversation::finished);
        talk.send(text);
        if (!finished.wait(timeoutMs + 20000))
            return {};
        return finished.first().first().value<BotExchange>();
    }
    void startBot()
    {
        QFile script(m_dir.filePath("bot.py"));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(kBot);
        script.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("TELEGRAM_API", m_relay->url().toString());
        env.insert("BOT_TOKEN", QString::fromUtf8(kToken));
        m_bot.setProcessEnvironment(env);
        m_bot.setProcessChannelMode(QProcess::MergedChannels);
        m_bot.start("python3", {script.fileName()});
        QVERIFY(m_bot.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.getUpdatesCalls() > 0, 10000);
    }
    void stopBot()
    {
        m_bot.kill();
        m_bot.waitForFinished();
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<orch::BotExchange>();
        QVERIFY(m_telegram.listen());
        m_host.deployRoot = m_dir.filePath("root");
        m_relay = std::make_unique<BotRelayProcess>(m_host.deployRoot, m_telegram.baseUrl());
        QVERIFY(m_relay->start());
        startBot();
    }

    void aCheckReachesTheBotAndItsAnswerStaysInTheRelay()
    {
        const BotExchange exchange = converse("/start");
        QVERIFY2(exchange.ok, qPrintable(exchange.error));
        QCOMPARE(exchange.replies, QStringList{"got: /start"});
        QCOMPARE(exchange.fault, BotFault::None);
        QVERIFY(m_telegram.calls("sendMessage").isEmpty()); // never sent to Telegram
    }

    // Real and check messages interleave; Telegram is never told more was seen than was.
    void aPersonsMessagesPassAndTheOffsetNeverRunsAhead()
    {
        const qint64 first = m_telegram.pushText(kPerson, "hello");
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.said(kPerson, "got: hello"), 10000);
        QVERIFY(converse("check one").ok);
        QVERIFY(converse("check two").ok); // two checks in a row, no real update between
        const qint64 second = m_telegram.pushText(kPerson, "again");
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.said(kPerson, "got: again"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_telegram.confirmedOffset(), second + 1, 10000);
        QVERIFY(m_telegram.confirmedOffset() > first);
        QCOMPARE(m_telegram.messagesTo(kPerson).size(), 2); // each answered once
    }

    void aRestartOfTheRelayLosesNoUpdate()
    {
        m_relay->stop();
        const qint64 during = m_telegram.pushText(kPerson, "while away");
        QVERIFY(m_relay->start());
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.said(kPerson, "got: while away"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(m_telegram.confirmedOffset(), during + 1, 10000);
        QVERIFY(converse("after the restart").ok); // the shift survived: ids still rise
        const qint64 next = m_telegram.pushText(kPerson, "and after");
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.said(kPerson, "got: and after"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_telegram.confirmedOffset(), next + 1, 10000);
    }

    void aBotThatTakesTheMessageAndSaysNothing()
    {
        const BotExchange exchange = converse("silence", 1500);
        QVERIFY(exchange.ok);
        QVERIFY(exchange.replies.isEmpty());
        QCOMPARE(exchange.fault, BotFault::NoReply);
    }

    void aSecondPollerOfTheTokenIsNamed()
    {
        // Another process polls the same token straight at Telegram, again and again.
        QNetworkAccessManager network;
        bool polling = true;
        std::function<void()> poll = [&] {
            if (!polling)
                return;
            QNetworkRequest request(
                QUrl(m_telegram.baseUrl().toString() + "/bot" + kToken + "/getUpdates?timeout=1"));
            QNetworkReply* reply = network.get(request);
            connect(reply, &QNetworkReply::finished, this, [&, reply] {
                reply->deleteLater();
                QTimer::singleShot(10, this, poll);
            });
        };
        poll();
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.conflicts() > 2, 15000);
        // The bot's own polls end in 409 now and then; a check that it misses says why.
        const BotExchange exchange = converse("/start", 1500);
        polling = false;
        if (!exchange.ok) {
            QCOMPARE(exchange.fault, BotFault::Conflict);
            QVERIFY2(exchange.error.contains("another process polls"), qPrintable(exchange.error));
        }
        QVERIFY(!exchange.error.contains(kToken));
        QTest::qWait(1500); // the other poller's last request ends
    }

    void aStoppedBotAndAnUnknownBotAreTold()
    {
        stopBot();
        BotExchange exchange = converse("/start", 1000);
        QVERIFY(!exchange.ok);
        QCOMPARE(exchange.fault, BotFault::NotPolling);
        QVERIFY2(exchange.error.contains("stopped fetching updates"), qPrintable(exchange.error));
        exchange = converse("/start", 1000, "999:never-deployed");
        QCOMPARE(exchange.fault, BotFault::NotPolling);
        QVERIFY2(exchange.error.contains("never fetched updates"), qPrintable(exchange.error));
    }

    void aRefusedTokenIsNamed()
    {
        // The bot's token was revoked: Telegram answers its polls 401.
        QProcessEnvironment env = m_bot.processEnvironment();
        env.insert("BOT_TOKEN", "5150:revoked");
        m_bot.setProcessEnvironment(env);
        m_bot.start("python3", {m_dir.filePath("bot.py")});
        QVERIFY(m_bot.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.tokensSeen().contains("5150:revoked"), 10000);
        const BotExchange exchange = converse("/start", 1000);
        QCOMPARE(exchange.fault, BotFault::TokenRefused);
        QVERIFY2(exchange.error.contains("refuses the bot's token"), qPrintable(exchange.error));
        stopBot();
    }

    void hostileRequestsLeaveItServing()
    {
        QNetworkAccessManager network;
        auto status = [&](QNetworkReply* reply) {
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(10000);
            reply->deleteLater();
            return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        };
        const QString base = m_relay->url().toString();
        QCOMPARE(status(network.get(QNetworkRequest(QUrl(base + "/testuser1:x/sendMessage")))),
                 404);
        QCOMPARE(status(network.get(QNetworkRequest(QUrl(base + "/../../etc/passwd")))), 404);
        // A token whose bot id is no number: refused as Telegram refuses it, never forwarded.
        const qsizetype seenBefore = m_telegram.tokensSeen().size();
        QCOMPARE(status(network.get(
                     QNetworkRequest(QUrl(base + "/bot" + QString(5000, 'x') + ":y/getMe")))),
                 401);
        QCOMPARE(m_telegram.tokensSeen().size(), seenBefore);
        QTcpSocket huge; // a body bigger than the Bot API takes: refused before it is read
        huge.connectToHost("127.0.0.1", quint16(m_relay->url().port()));
        QVERIFY(huge.waitForConnected(3000));
        huge.write("POST /bot5150:x/sendMessage HTTP/1.1\r\nHost: x\r\n"
                   "Content-Length: 999999999999\r\n\r\n{}");
        QVERIFY(huge.waitForReadyRead(5000));
        QVERIFY(huge.readAll().startsWith("HTTP/1.1 413"));
        QNetworkRequest broken(QUrl(base + "/bot5150:x/getUpdates"));
        broken.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QVERIFY(status(network.post(broken, QByteArray("{\"offset\": \"x\", \"timeout\": []"))) >
                0);
        // Garbage on the control socket: an answer, and the relay still serves.
        QLocalSocket control;
        control.connectToServer(m_relay->folder() + "/control.sock");
        QVERIFY(control.waitForConnected(3000));
        control.write("{\"op\": \"converse\", \"bot\": [], \"timeout_ms\": \"soon\"}\n");
        QVERIFY(control.waitForReadyRead(5000));
        QVERIFY(control.readAll().contains("\"ok\": false"));
        startBot();
        QVERIFY(converse("/start").ok);
    }

    void theTokenIsInNoLogAndNoAnswer()
    {
        QFile log(m_relay->folder() + "/relay.log");
        if (log.open(QIODevice::ReadOnly))
            QVERIFY(!log.readAll().contains("relay-test-token-secret"));
        QProcess stats;
        stats.start("python3", {m_relay->scriptPath(), "stats", m_relay->folder()});
        QVERIFY(stats.waitForFinished(10000));
        const QByteArray answer = stats.readAllStandardOutput();
        QVERIFY2(answer.contains("\"5150\""), answer.constData());
        QVERIFY(!answer.contains("relay-test-token-secret"));
        const Json counts = parseJson(answer)["bots"]["5150"];
        QVERIFY(counts["updates"].get<int>() >= 2); // since its restart
        QVERIFY(counts["errors"].contains("401"));
    }

    void cleanupTestCase() { stopBot(); }
};

QTEST_GUILESS_MAIN(TestBotRelay)
#include "tst_bot_relay.moc"
