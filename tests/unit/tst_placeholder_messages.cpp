// A chat's "Starting…" answer, sent at once and taken over later, against the Bot API
// stand-in: taken before or after Telegram returned its id, turned into a refusal by an edit
// (or a new message when it cannot be edited), and the start it stands for never held up by
// a Telegram that does not answer.

#include "FakeTelegramServer.h"
#include "JsonCompare.h"
#include "LocalPorts.h"
#include "telegram/PlaceholderMessages.h"
#include "telegram/TelegramOutbox.h"

#include <QElapsedTimer>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestPlaceholderMessages : public QObject
{
    Q_OBJECT

    static constexpr qint64 kChat = 4242;
    const QByteArray m_token = "77:placeholder-token";

    struct Bot
    {
        explicit Bot(const QUrl& base, const QByteArray& token)
            : api(base, token, nullptr), outbox(&api, {}, nullptr), placeholders(outbox, nullptr)
        {
        }
        TelegramApi api;
        TelegramOutbox outbox;
        PlaceholderMessages placeholders;
    };

private slots:
    void takenAfterDeliveryGetsItsId()
    {
        FakeTelegramServer telegram(m_token);
        QVERIFY(telegram.listen());
        Bot bot(telegram.baseUrl(), m_token);
        int thenRan = 0;
        bot.placeholders.open(kChat, "Starting project \"clock\"…", [&] { ++thenRan; });
        QCOMPARE(bot.placeholders.onTheWay(), 1);
        QTRY_COMPARE(thenRan, 1); // after delivery, not before
        QCOMPARE(bot.placeholders.onTheWay(), 0);
        const BotCall sent = telegram.messageWith(kChat, "Starting project");
        QVERIFY(sent.messageId != 0);
        qint64 taken = -1;
        bot.placeholders.take(kChat, [&](qint64 id) { taken = id; });
        QCOMPARE(taken, sent.messageId);
        // Taken once: the next taker finds none.
        bot.placeholders.take(kChat, [&](qint64 id) { taken = id; });
        QCOMPARE(taken, qint64(0));
        QTest::qWait(50);
        QCOMPARE(thenRan, 1);
    }

    void takenBeforeDeliveryIsCalledBackWithItsId()
    {
        FakeTelegramServer telegram(m_token);
        QVERIFY(telegram.listen());
        Bot bot(telegram.baseUrl(), m_token);
        bot.placeholders.open(kChat, "Starting…");
        qint64 taken = -1;
        bot.placeholders.take(kChat, [&](qint64 id) { taken = id; });
        QCOMPARE(taken, qint64(-1)); // Telegram has not answered yet
        QTRY_VERIFY(taken > 0);
        QCOMPARE(taken, telegram.messageWith(kChat, "Starting…").messageId);
    }

    void aRefusalReplacesItsText()
    {
        FakeTelegramServer telegram(m_token);
        QVERIFY(telegram.listen());
        Bot bot(telegram.baseUrl(), m_token);
        bot.placeholders.open(kChat, "Starting…");
        const Json button = {{"inline_keyboard", {{{{"text", "Go"}, {"callback_data", "go"}}}}}};
        bot.placeholders.replace(kChat, "More than the budget left: start anyway?", button);
        QTRY_COMPARE(telegram.calls("editMessageText").size(), 1);
        const BotCall edit = telegram.calls("editMessageText").first();
        QCOMPARE(edit.messageId, telegram.messageWith(kChat, "Starting…").messageId);
        QCOMPARE(edit.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"], "go");
        QCOMPARE(telegram.shownText(edit.messageId),
                 QStringLiteral("More than the budget left: start anyway?"));
        QCOMPARE(telegram.messagesTo(kChat).size(), 1); // no second message
    }

    // Longer than one message: the placeholder goes and the text is sent in parts.
    void aLongRefusalIsSentInParts()
    {
        FakeTelegramServer telegram(m_token);
        QVERIFY(telegram.listen());
        Bot bot(telegram.baseUrl(), m_token);
        bot.placeholders.open(kChat, "Starting…");
        bot.placeholders.replace(kChat, QString(5000, QLatin1Char('x')));
        QTRY_COMPARE(telegram.calls("deleteMessage").size(), 1);
        QTRY_COMPARE(telegram.messagesTo(kChat).size(), 3); // the placeholder and two parts
        QCOMPARE(telegram.calls("editMessageText").size(), 0);
    }

    // Telegram refuses the placeholder (the person blocked the bot, say): the start still
    // runs, a taker gets 0 (and sends a message of its own), a refusal is sent as new.
    void anUndeliverablePlaceholderHoldsNothingUp()
    {
        FakeTelegramServer telegram(m_token);
        QVERIFY(telegram.listen());
        Bot bot(telegram.baseUrl(), m_token);
        telegram.failNext(QStringLiteral("sendMessage"), 403);
        int thenRan = 0;
        bot.placeholders.open(kChat, "Starting…", [&] { ++thenRan; });
        QTRY_COMPARE(thenRan, 1);
        qint64 taken = -1;
        bot.placeholders.take(kChat, [&](qint64 id) { taken = id; });
        QCOMPARE(taken, qint64(0));

        telegram.failNext(QStringLiteral("sendMessage"), 403);
        bot.placeholders.open(kChat, "Starting again…");
        QTRY_COMPARE(bot.placeholders.onTheWay(), 0);
        bot.placeholders.replace(kChat, "Not started: the budget is spent.");
        QTRY_VERIFY(telegram.said(kChat, "Not started"));
        QCOMPARE(telegram.calls("editMessageText").size(), 0);
    }

    // Telegram out of reach: the outbox keeps trying for minutes, the start does not wait
    // for it longer than kLongestWaitMs.
    void aTelegramOutOfReachDelaysTheStartByTheLongestWaitOnly()
    {
        Bot bot(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(freePort())), m_token);
        QElapsedTimer clock;
        clock.start();
        int thenRan = 0;
        bot.placeholders.open(kChat, "Starting…", [&] { ++thenRan; });
        QTRY_COMPARE_WITH_TIMEOUT(thenRan, 1, PlaceholderMessages::kLongestWaitMs + 3000);
        // A coarse timer (Qt's for 2 s and more) may fire up to 5% early.
        QVERIFY(clock.elapsed() >= PlaceholderMessages::kLongestWaitMs * 0.94);
        QCOMPARE(bot.placeholders.onTheWay(), 1); // still being retried
    }

    // A newer placeholder replaces the chat's older one; the older one's delivery changes
    // nothing.
    void aNewerPlaceholderWins()
    {
        FakeTelegramServer telegram(m_token);
        QVERIFY(telegram.listen());
        Bot bot(telegram.baseUrl(), m_token);
        bot.placeholders.open(kChat, "first…");
        bot.placeholders.open(kChat, "second…");
        qint64 taken = -1;
        bot.placeholders.take(kChat, [&](qint64 id) { taken = id; });
        QTRY_VERIFY(taken > 0);
        QCOMPARE(taken, telegram.messageWith(kChat, "second…").messageId);
    }
};

QTEST_GUILESS_MAIN(TestPlaceholderMessages)
#include "tst_placeholder_messages.moc"
