// Hostile and malformed Telegram input against the bot in-process and the local Bot API
// stand-in: wrong types and unknown kinds are survived and answered in order, an oversized
// update becomes a dead letter (kept, offset advanced, admins told once) and does not come
// back after a restart, a user reaches only their own chat's projects and buttons, their
// text cannot fill in message placeholders, a method the server does not support is not
// retried for ever, a webhook set elsewhere is deleted once, and another process polling the
// token is told to the admins once.

#include "BotHarness.h"
#include "JsonMutator.h"
#include "ScriptedModel.h"
#include "store/DeadLetters.h"
#include "store/RunStore.h"

#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace orch;
using namespace orch::test;

namespace {
constexpr qint64 kAdmin = BotHarness::kAdmin;
constexpr qint64 kUser = BotHarness::kUser;

Json messageFrom(qint64 user, Json text)
{
    return {{"message",
             {{"message_id", 1},
              {"from", {{"id", user}, {"language_code", "en"}}},
              {"chat", {{"id", user}, {"type", "private"}}},
              {"text", std::move(text)}}}};
}

size_t deadLetters(BotHarness& h)
{
    return DeadLetters(inside(*h.engine->engine).store().database())
        .list("telegram")
        .value()
        .size();
}
} // namespace

class TestHostileTelegram : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;
    BotHarness m_h;

private slots:
    void initTestCase() { QVERIFY(m_fake.listen()); }
    void init()
    {
        m_fake.reset();
        QVERIFY(m_h.start(m_fake.server));
    }
    void cleanup() { m_h.stop(); }

    void malformedUpdatesAreSurvived()
    {
        FakeTelegramServer& tg = *m_h.telegram;
        tg.push({{"message", "just a string"}});
        tg.push({{"message", {{"from", {1, 2}}, {"chat", {{"id", "222"}}}, {"text", 5}}}});
        tg.push({{"message",
                  {{"from", {{"id", "222"}}}, {"chat", {{"id", kUser}}}, {"text", "/status"}}}});
        tg.push({{"callback_query", "x"}});
        tg.push({{"callback_query",
                  {{"id", 7},
                   {"from", {{"id", kUser}}},
                   {"message", {{"chat", {{"id", kUser}}}}},
                   {"data", 17}}}});
        tg.push({{"callback_query",
                  {{"from", {{"id", kUser}}},
                   {"message", {{"chat", {{"id", kUser}}}}},
                   {"data", "a:::::"}}}});
        tg.push(messageFrom(kUser, {{"nested", true}}));
        tg.push({{"edited_message", {{"text", "an update kind the bot does not use"}}}});
        tg.push({{"message",
                  {{"from", {{"id", kUser}, {"language_code", 5}}},
                   {"chat", {{"id", 1e300}}},
                   {"text", "/new x"}}}});
        const qint64 last = tg.pushText(kUser, "/projects");
        QTRY_VERIFY(tg.said(kUser, "No projects yet"));
        QTRY_COMPARE(tg.confirmedOffset(), last + 1);
        QCOMPARE(inside(*m_h.engine->engine).store().projects().value().size(), size_t(0));
    }

    void oversizedUpdateIsKeptAsADeadLetterOnce()
    {
        FakeTelegramServer& tg = *m_h.telegram;
        const qint64 first = tg.push(messageFrom(kUser, std::string(100 * 1024, 'x')));
        tg.push(messageFrom(kUser, std::string(200 * 1024, 'y')));
        const qint64 after = tg.pushText(kUser, "/projects");
        QTRY_VERIFY(tg.said(kUser, "No projects yet"));
        QTRY_COMPARE(tg.confirmedOffset(), after + 1);
        QCOMPARE(deadLetters(m_h), size_t(2));
        const auto letters =
            DeadLetters(inside(*m_h.engine->engine).store().database()).list("telegram").value();
        QVERIFY(letters[0].reason.contains("larger than 65536 bytes"));
        QCOMPARE(letters[0].body.size(), DeadLetters::kMaxBodyBytes);
        // The admins hear of it once, not once per update.
        int told = 0;
        for (const BotCall& call : tg.messagesTo(kAdmin))
            told += toQ(stringOr(call.params, "text")).contains("dead letter");
        QCOMPARE(told, 1);
        QCOMPARE(inside(*m_h.engine->engine).store().projects().value().size(), size_t(0));

        // After a restart the poison does not come back: the saved offset is past it.
        QVERIFY(m_h.startBot());
        const qint64 next = tg.pushText(kUser, "/projects");
        QTRY_COMPARE(tg.confirmedOffset(), next + 1);
        QTRY_COMPARE(tg.messagesTo(kUser).size(), 2);
        QVERIFY(next > first);
        QCOMPARE(deadLetters(m_h), size_t(2));
    }

    // A batch the bot cannot decode at all (an update nested past the parser's limit) is
    // narrowed to the one update that breaks it, which is skipped by its id and kept; the
    // updates around it are handled.
    void undecodableUpdateDoesNotWedgePolling()
    {
        FakeTelegramServer& tg = *m_h.telegram;
        Json deep = "bottom";
        for (int i = 0; i < 400; ++i)
            deep = Json::array({std::move(deep)});
        tg.pushText(kUser, "/projects");
        const qint64 poison = tg.push(messageFrom(kUser, deep));
        const qint64 after = tg.pushText(kUser, "/projects");
        QTRY_COMPARE_WITH_TIMEOUT(tg.confirmedOffset(), after + 1, 10000);
        QTRY_COMPARE(tg.messagesTo(kUser).size(), 2);
        const auto letters =
            DeadLetters(inside(*m_h.engine->engine).store().database()).list("telegram").value();
        QCOMPARE(letters.size(), size_t(1));
        QVERIFY2(letters[0].reason.contains("not JSON"), qPrintable(letters[0].reason));
        QVERIFY(letters[0].body.contains(("\"update_id\":" + std::to_string(poison)).c_str()));
    }

    void placeholdersInUserTextStayLiteral()
    {
        m_h.telegram->pushText(kUser, "/status %1%2 and %3");
        QTRY_VERIFY(m_h.telegram->said(kUser, "No project matches \"%1%2 and %3\""));
    }

    // The admin's project: the user can neither see, report on, cancel nor answer it.
    void usersReachOnlyTheirOwnChatsProjects()
    {
        FakeTelegramServer& tg = *m_h.telegram;
        QVERIFY(m_h.useGraph(testGraph(
            "a", {testAgent("a", {{"tools", {"ask_human"}}, {"terminal", true}})}, Json::array())));
        m_fake.model.script(
            "a", {FakeReply::openAiToolCalls({toolCall(
                     "ask_human", {{"question", "Secret?"}, {"options", {"yes", "no"}}})})});
        tg.pushText(kAdmin, "/new hidden admin project");
        QTRY_VERIFY(tg.said(kAdmin, "Secret?"));
        const RunRecord run = inside(*m_h.engine->engine).store().runs().value().front();
        QCOMPARE(run.status, RunStatus::WaitingHuman);

        tg.pushText(kUser, "/status hidden");
        QTRY_VERIFY(tg.said(kUser, "No project matches \"hidden\""));
        tg.pushText(kUser, "/cancel hidden");
        QTRY_VERIFY(tg.said(kUser, "Nothing is running here"));
        tg.pushText(kUser, "/projects");
        QTRY_VERIFY(tg.said(kUser, "No projects yet"));
        // /change: malformed, another chat's project, and one with a run in progress.
        tg.pushText(kUser, "/change");
        QTRY_VERIFY(tg.said(kUser, "Name the project and the change"));
        tg.pushText(kUser, "/change hidden: " + QString(100000, QLatin1Char('x')));
        QTRY_VERIFY(tg.said(kUser, "No project matches \"hidden\""));
        tg.pushText(kAdmin, "/change hidden: add %1 and %2");
        QTRY_VERIFY(tg.said(kAdmin, "has a run in progress"));
        QCOMPARE(inside(*m_h.engine->engine).store().runs().value().size(), size_t(1));
        tg.pushButton(kUser, 1, QStringLiteral("a:%1:0").arg(run.id));
        QTRY_VERIFY(tg.said(kUser, "belongs to a project of another chat"));
        QCOMPARE(inside(*m_h.engine->engine).store().run(run.id).value().status,
                 RunStatus::WaitingHuman);

        // The admin may name any project.
        tg.pushText(kAdmin, "/status hidden");
        QTRY_VERIFY(tg.said(kAdmin, "Status: waiting_human"));
    }

    // Two questions in one reply reach the chat one after the other, answered in order.
    void queuedQuestionsReachTheChatInOrder()
    {
        FakeTelegramServer& tg = *m_h.telegram;
        QVERIFY(m_h.useGraph(testGraph(
            "a", {testAgent("a", {{"tools", {"ask_human"}}, {"terminal", true}})}, Json::array())));
        m_fake.model.script("a", {FakeReply::openAiToolCalls(
                                      {toolCall("ask_human", {{"question", "Which city?"}}, "q1"),
                                       toolCall("ask_human", {{"question", "Which port?"}}, "q2")}),
                                  FakeReply::openAiText("built")});
        tg.pushText(kUser, "/new a clock");
        QTRY_VERIFY(tg.said(kUser, "Which city?"));
        QVERIFY(!tg.said(kUser, "Which port?"));
        tg.pushText(kUser, "Paris");
        QTRY_VERIFY(tg.said(kUser, "Which port?"));
        tg.pushText(kUser, "8080");
        QTRY_VERIFY(tg.said(kUser, "is done"));
        QVERIFY(!tg.said(kUser, "Status: running"));
        const Json last = m_fake.server.requests().last().json();
        QVERIFY(dumpJson(last).find("\"tool_call_id\":\"q2\"") != std::string::npos);
    }

    // Recorded updates (a command, a plain message, a button) mutated at random from a fixed
    // seed: every one is handled or kept as a dead letter, and the bot still answers after.
    void fuzzedUpdates()
    {
        FakeTelegramServer& tg = *m_h.telegram;
        JsonMutator mutator(20261129);
        const std::vector<Json> recorded = {
            messageFrom(kUser, "/status clock"),
            messageFrom(kAdmin, "hello there"),
            {{"callback_query",
              {{"id", "42"},
               {"from", {{"id", kUser}, {"language_code", "ru"}}},
               {"message", {{"message_id", 5}, {"chat", {{"id", kUser}}}}},
               {"data", "a:run:0"}}}}};
        for (int i = 0; i < 300; ++i) {
            Json update = mutator.mutate(recorded[size_t(i) % recorded.size()]);
            tg.push(update.is_object() ? update
                                       : Json{{"message", update}}); // Telegram sends objects
        }
        const qint64 last = tg.pushText(kAdmin, "/start");
        QTRY_VERIFY_WITH_TIMEOUT(tg.confirmedOffset() == last + 1, 20000);
        QTRY_VERIFY(tg.said(kAdmin, "I turn a project description"));
    }

    // Someone set a webhook on the token, so Telegram refuses getUpdates with 409: the bot,
    // configured to poll, deletes it once and serves the chat; set again, it is someone's
    // choice, and the admins are told instead of a fight over it.
    void aWebhookSetElsewhereIsDeletedOnce()
    {
        FakeTelegramServer& tg = *m_h.telegram;
        QNetworkAccessManager network;
        auto setWebhook = [&] {
            QNetworkRequest request(
                QUrl(tg.baseUrl().toString() + "/bot123:secret-token/setWebhook"));
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            QNetworkReply* reply =
                network.post(request, "{\"url\": \"https://elsewhere.example:8443/hook\"}");
            QSignalSpy done(reply, &QNetworkReply::finished);
            QVERIFY(done.wait(5000));
            reply->deleteLater();
            QCOMPARE(tg.webhook(), "https://elsewhere.example:8443/hook");
        };
        setWebhook();
        QTRY_VERIFY_WITH_TIMEOUT(tg.webhook().isEmpty(), 10000);
        tg.pushText(kUser, "/projects");
        QTRY_VERIFY(tg.said(kUser, "No projects yet"));
        setWebhook();
        QTRY_VERIFY_WITH_TIMEOUT(tg.said(kAdmin, "a webhook was set on it"), 10000);
        QVERIFY(!tg.webhook().isEmpty());
    }

    // Another process polls the same token: Telegram ends one poll or the other with 409.
    // The admins hear of it once, and once more when it is over.
    void anotherPollerIsToldToTheAdminsOnce()
    {
        FakeTelegramServer& tg = *m_h.telegram;
        QNetworkAccessManager network;
        bool polling = true;
        std::function<void()> poll = [&] {
            QNetworkReply* reply = network.get(QNetworkRequest(
                QUrl(tg.baseUrl().toString() + "/bot123:secret-token/getUpdates?timeout=1")));
            connect(reply, &QNetworkReply::finished, this, [&, reply] {
                reply->deleteLater();
                if (polling)
                    QTimer::singleShot(10, this, poll);
            });
        };
        poll();
        QTRY_VERIFY_WITH_TIMEOUT(tg.said(kAdmin, "another process polls"), 15000);
        QTest::qWait(3000); // still at it: not told again
        polling = false;
        QTRY_VERIFY_WITH_TIMEOUT(tg.said(kAdmin, "Messages reach me again"), 20000);
        int told = 0;
        for (const BotCall& call : tg.messagesTo(kAdmin))
            told += toQ(call.params.value("text", std::string())).contains("another process");
        QCOMPARE(told, 1);
    }

    void unsupportedMethodIsNotRetriedForEver()
    {
        FakeTelegramServer& tg = *m_h.telegram;
        tg.failNext("sendMessage", 501, 100);
        tg.pushText(kUser, "/projects");
        QTRY_COMPARE(tg.attempts("sendMessage"), 1);
        QTest::qWait(1500); // longer than the first backoff
        QCOMPARE(tg.attempts("sendMessage"), 1);
    }
};

QTEST_GUILESS_MAIN(TestHostileTelegram)
#include "tst_hostile_telegram.moc"
