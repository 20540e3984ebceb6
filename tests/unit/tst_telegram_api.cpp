// The Bot API client and long polling against a local stand-in of the Bot API: results and
// errors (the token never in a message), retry_after, backoff on 502, offsets that survive a
// restart, message splitting, and the stand-in's deleteMessage as strict as Telegram's.

#include "FakeLlmServer.h"
#include "FakeTelegramServer.h"
#include "telegram/TelegramApi.h"
#include "telegram/TelegramPoller.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestTelegramApi : public QObject
{
    Q_OBJECT

    const QByteArray m_token = "123456:telegram-test-token";

    struct Answer
    {
        Json result;
        std::optional<TelegramError> error;
    };
    Answer call(TelegramApi& api, const QString& method, const Json& params)
    {
        Answer answer;
        bool done = false;
        api.call(method, params, [&](Json r, std::optional<TelegramError> e) {
            answer = {std::move(r), std::move(e)};
            done = true;
        });
        (void)QTest::qWaitFor([&] { return done; }, 10000);
        return answer;
    }

private slots:
    void resultsAndErrors()
    {
        FakeLlmServer bot;
        QVERIFY(bot.listen());
        TelegramApi api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(bot.port())), m_token,
                        nullptr);
        bot.enqueue(FakeReply::raw(200, R"({"ok":true,"result":{"message_id":7}})"));
        Answer sent = call(api, "sendMessage", {{"chat_id", 42}, {"text", "hello"}});
        QVERIFY(!sent.error);
        QCOMPARE(sent.result["message_id"], 7);
        QCOMPARE(bot.requests().at(0).path, "/bot" + m_token + "/sendMessage");
        QCOMPARE(bot.requests().at(0).json()["chat_id"], 42);

        bot.enqueue(FakeReply::raw(
            400, R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})"));
        Answer bad = call(api, "sendMessage", {{"chat_id", 1}, {"text", "x"}});
        QVERIFY(bad.error);
        QCOMPARE(bad.error->message,
                 QStringLiteral("Telegram sendMessage: HTTP 400: Bad Request: chat not found"));

        bot.enqueue(FakeReply::raw(
            429,
            R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}})"));
        Answer limited = call(api, "editMessageText", Json::object());
        QCOMPARE(limited.error->retryAfterS.value_or(0), 3);

        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        TelegramApi down(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort())),
                         m_token, nullptr);
        closed.close();
        Answer outage = call(down, "getMe", Json::object());
        QVERIFY(outage.error);
        QCOMPARE(outage.error->httpStatus, 0);
        for (const auto* error : {&bad.error, &limited.error, &outage.error})
            QVERIFY(!(*error)->message.contains(QString::fromUtf8(m_token)));
    }

    // A Bot API that never answers, or answers without end: the call ends with an error that
    // says which, never holds the answer in memory past its cap, and never names the token.
    void aSilentOrEndlessAnswerEndsTheCall()
    {
        FakeLlmServer bot;
        QVERIFY(bot.listen());
        TelegramApi api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(bot.port())), m_token,
                        nullptr);
        FakeReply silent = FakeReply::raw(200, R"({"ok":true,"result":true})");
        silent.delayMs = 3000;
        bot.enqueue(silent);
        Answer answer;
        bool done = false;
        QElapsedTimer clock;
        clock.start();
        api.call(
            "getMe", Json::object(),
            [&](Json r, std::optional<TelegramError> e) {
                answer = {std::move(r), std::move(e)};
                done = true;
            },
            300);
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        QVERIFY(clock.elapsed() < 2500);
        QVERIFY(answer.error);
        QCOMPARE(answer.error->message,
                 QStringLiteral("Telegram getMe: no answer (none within 300 ms)"));

        // 17 MB in chunks: cut at 16 MB.
        FakeReply endless;
        endless.stream = true;
        endless.headers = {{"Content-Type", "application/json"}};
        for (int i = 0; i < 17; ++i)
            endless.chunks << QByteArray(1024 * 1024, ' ');
        bot.enqueue(endless);
        Answer huge = call(api, "getUpdates", Json::object());
        QVERIFY(huge.error);
        QVERIFY2(huge.error->message.contains("an answer larger than 16777216 bytes"),
                 qPrintable(huge.error->message));
        QVERIFY(!huge.error->message.contains(QString::fromUtf8(m_token)));
    }

    void pollingHandlesEachUpdateOnceAcrossRestarts()
    {
        FakeLlmServer bot;
        QVERIFY(bot.listen());
        bot.enqueue(FakeReply::raw(502, "<html>Bad Gateway</html>"));
        bot.setHandler([](const RecordedRequest& r) {
            const qint64 offset = r.json().value("offset", qint64(0));
            Json updates = Json::array();
            for (qint64 id = 1; id <= 3; ++id)
                if (id >= offset)
                    updates.push_back(
                        {{"update_id", id}, {"message", {{"text", "m" + std::to_string(id)}}}});
            FakeReply reply = FakeReply::raw(200, toBytes({{"ok", true}, {"result", updates}}));
            if (updates.empty())
                reply.delayMs = 100; // a long poll with nothing new
            return reply;
        });
        TelegramApi api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(bot.port())), m_token,
                        nullptr);
        qint64 saved = 0;
        QStringList seen;
        {
            TelegramPoller poller(
                &api, saved, [&](qint64 o) { saved = o; }, {1, 50, 1000}, nullptr);
            QSignalSpy failures(&poller, &TelegramPoller::pollFailed);
            connect(&poller, &TelegramPoller::updateReceived, this, [&](const Json& u) {
                seen << toQ(u["message"]["text"]);
                if (seen.size() == 2)
                    poller.stop(); // stop in the middle, as a crash or a restart would
            });
            poller.start();
            QVERIFY(QTest::qWaitFor([&] { return seen.size() == 2; }, 10000));
            QCOMPARE(failures.count(), 1);
            QVERIFY(failures.at(0).at(0).toString().contains("HTTP 502"));
            QCOMPARE(saved, 3);
        }
        TelegramPoller again(
            &api, saved, [&](qint64 o) { saved = o; }, {1, 50, 1000}, nullptr);
        connect(&again, &TelegramPoller::updateReceived, this,
                [&](const Json& u) { seen << toQ(u["message"]["text"]); });
        again.start();
        QVERIFY(QTest::qWaitFor([&] { return seen.size() == 3; }, 10000));
        QTest::qWait(400); // more polls: nothing new may arrive
        again.stop();
        QCOMPARE(seen, QStringList({"m1", "m2", "m3"}));
        QCOMPARE(saved, 4);
    }

    // The Bot API stand-in's deleteMessage is no kinder than Telegram's
    // (https://core.telegram.org/bots/api#deletemessage): a message of another chat, or one
    // already deleted, is not found; one sent 48 hours ago or more cannot be deleted.
    void theStandInDeletesOnlyWhatTelegramWould()
    {
        FakeTelegramServer telegram(m_token);
        QVERIFY(telegram.listen());
        TelegramApi api(telegram.baseUrl(), m_token, nullptr);
        auto send = [&] {
            return call(api, "sendMessage", {{"chat_id", 42}, {"text", "hi"}})
                .result.value("message_id", qint64(0));
        };
        auto refusal = [&](qint64 chat, qint64 message) {
            const Answer answer =
                call(api, "deleteMessage", {{"chat_id", chat}, {"message_id", message}});
            return answer.error ? answer.error->message : QStringLiteral("deleted");
        };
        const QString prefix = QStringLiteral("Telegram deleteMessage: HTTP 400: Bad Request: ");
        const qint64 fresh = send();
        const qint64 old = send();
        QVERIFY(fresh > 0 && old > 0);
        QCOMPARE(refusal(42, fresh), QStringLiteral("deleted"));
        QCOMPARE(refusal(42, fresh), prefix + "message to delete not found");
        QCOMPARE(refusal(43, old), prefix + "message to delete not found");
        const Answer edit =
            call(api, "editMessageText", {{"chat_id", 42}, {"message_id", fresh}, {"text", "x"}});
        QVERIFY(edit.error && edit.error->message.endsWith("message to edit not found"));
        telegram.passTime(48 * 3600);
        QCOMPARE(refusal(42, old), prefix + "message can't be deleted");
        QCOMPARE(refusal(42, send()), QStringLiteral("deleted")); // sent after: still young
    }

    void retryAfterIsHonoured()
    {
        FakeLlmServer bot;
        QVERIFY(bot.listen());
        bot.enqueue(FakeReply::raw(
            429,
            R"({"ok":false,"error_code":429,"description":"slow","parameters":{"retry_after":1}})"));
        bot.setHandler([](const RecordedRequest&) {
            return FakeReply::raw(200, R"({"ok":true,"result":[]})");
        });
        TelegramApi api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(bot.port())), m_token,
                        nullptr);
        TelegramPoller poller(
            &api, 0, [](qint64) {}, {1, 50, 1000}, nullptr);
        QSignalSpy failures(&poller, &TelegramPoller::pollFailed);
        poller.start();
        QVERIFY(failures.wait(5000));
        QCOMPARE(failures.at(0).at(1).toInt(), 1000);
        QTest::qWait(500);
        QCOMPARE(bot.requestCount(), 1); // still waiting out the retry_after
        poller.stop();
    }

    void splitsLongMessages()
    {
        QString text;
        for (int i = 0; i < 400; ++i)
            text += QStringLiteral("line %1 with some words in it\n").arg(i);
        text += QString(5000, QLatin1Char('x')) + QString::fromUtf8("😀");
        const QStringList parts = TelegramApi::splitMessage(text);
        QVERIFY(parts.size() >= 4);
        for (const QString& part : parts) {
            QVERIFY(part.size() <= 4096);
            QVERIFY(!part.isEmpty() && !part.back().isHighSurrogate());
        }
        QVERIFY(parts.first().endsWith(QStringLiteral("in it")));
        QCOMPARE(TelegramApi::splitMessage(QStringLiteral("short")), QStringList({"short"}));
    }
};

QTEST_GUILESS_MAIN(TestTelegramApi)
#include "tst_telegram_api.moc"
