// The Telegram bot in-process against the local Bot API stand-in and the fake model: the
// allow-list, questions with buttons, budget stops with top-up buttons, reports as documents,
// and delivery through 429 and 502 answers. Starting projects: tst_telegram_starts.

#include "BotHarness.h"
#include "CodingHarness.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "api/AwaitAnswer.h"
#include "runtime/GraphCatalog.h"
#include "store/RunStore.h"
#include "telegram/TelegramBot.h"
#include "vault/Vault.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {
constexpr qint64 kAdmin = BotHarness::kAdmin;
constexpr qint64 kUser = BotHarness::kUser;
constexpr qint64 kStranger = BotHarness::kStranger;

} // namespace

class TestTelegramBot : public BotTestCase
{
    Q_OBJECT

    // A run that asks the chat for a bot's token, at its question.
    void askForASecret()
    {
        startBot();
        useGraph(testGraph("a",
                           {testAgent("a", {{"tools", {"request_secret"}}, {"terminal", true}})},
                           Json::array()));
        m_script.script("a", {FakeReply::openAiToolCalls({toolCall(
                                  "request_secret", {{"handle", "bot:clock"},
                                                     {"env", "BOT_TOKEN"},
                                                     {"text", "The clock bot's token, please"}})}),
                              FakeReply::openAiText("done")});
        m_telegram->pushText(kUser, "/new a clock bot");
        QTRY_VERIFY(m_telegram->said(kUser, "The clock bot's token, please"));
    }

private slots:
    void initTestCase() { QVERIFY(m_model.listen()); }
    void init() { scriptModelAfresh(); }
    void cleanup() { m_h.stop(); }

    void commandsAreRegisteredInBothLanguages()
    {
        startBot();
        const auto calls = m_telegram->calls("setMyCommands");
        QVERIFY(!calls[0].params.contains("language_code"));
        QCOMPARE(calls[1].params["language_code"], "ru");
        QCOMPARE(calls[0].params["commands"].size(), size_t(13)); // /repair and /away joined them
        QCOMPARE(calls[0].params["commands"][10]["command"], "domain");
        QVERIFY(
            toQ(calls[1].params["commands"][1]["description"]).contains(QStringLiteral("проект")));
    }

    void strangersAreRefusedOnceAndNothingRuns()
    {
        startBot();
        m_telegram->pushText(kStranger, "/new something");
        m_telegram->pushText(kStranger, "please");
        QTRY_COMPARE(m_telegram->confirmedOffset(), qint64(1002));
        QTest::qWait(100);
        const auto messages = m_telegram->messagesTo(kStranger);
        QCOMPARE(messages.size(), 1);
        QVERIFY(m_telegram->said(kStranger, "999"));
        QCOMPARE(inside(*m_engine->engine).store().projects().value().size(), size_t(0));
        // The bot token never appears in what the engine recorded.
        QVERIFY(!m_telegram->tokensSeen().isEmpty());
    }

    void questionButtonsAnswerTheRunAndTheResultArrives()
    {
        startBot();
        useGraph(testGraph("a",
                           {testAgent("a", {{"tools", {"ask_human"}}, {"handoffs", {"b"}}}),
                            testAgent("b", {{"terminal", true}})},
                           {{{"from", "a"}, {"to", "b"}, {"when", "always"}}}));
        m_script.script("a", {FakeReply::openAiToolCalls(
                                  {toolCall("ask_human", {{"question", "Which city?"},
                                                          {"options", {"Tokyo", "Paris"}}})}),
                              FakeReply::openAiText("noted")});
        m_script.script("b", {FakeReply::openAiText("built")});
        m_telegram->pushText(kUser, "/new a clock", "ru");
        QTRY_VERIFY(m_telegram->said(kUser, "Which city?"));
        auto messages = m_telegram->messagesTo(kUser);
        QVERIFY(m_telegram->saidOrEdited(kUser, QStringLiteral("Проект «a clock» начат")));
        const BotCall question = m_telegram->messageWith(kUser, "Which city?");
        const Json keyboard = question.params["reply_markup"]["inline_keyboard"];
        QCOMPARE(keyboard.size(), size_t(2));
        QCOMPARE(keyboard[1][0]["text"], "Paris");
        m_telegram->pushButton(kUser, question.messageId, toQ(keyboard[1][0]["callback_data"]));
        QTRY_VERIFY(m_telegram->said(kUser, QStringLiteral("готов")));
        // Answered: the question's buttons go.
        QTRY_COMPARE(m_telegram->calls("editMessageReplyMarkup").size(), 1);
        const BotCall retired = m_telegram->calls("editMessageReplyMarkup").first();
        QCOMPARE(retired.params["message_id"], question.messageId);
        QCOMPARE(retired.params["reply_markup"]["inline_keyboard"].size(), size_t(0));
        QCOMPARE(m_telegram->calls("answerCallbackQuery").size(), 1);
        const auto runs = inside(*m_engine->engine).store().runs().value();
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs[0].status, RunStatus::Completed);
        bool answeredParis = false;
        for (const auto& step : inside(*m_engine->engine).store().steps(runs[0].id).value())
            answeredParis |= step.kind == "human" && step.detail["answer"] == "Paris";
        QVERIFY(answeredParis);
        QTRY_VERIFY(!m_telegram->calls("editMessageText").isEmpty());
    }

    // A coding agent works for minutes inside one step: the progress message shows what it
    // does now, and drops it when the step is done.
    void aCodingAgentsWorkShowsInTheProgress()
    {
        const quint16 port = m_model.port();
        startBot([port](EngineOptions& o) {
            o.codingAgents.paths[QStringLiteral("claude")] =
                QStringLiteral(SOURCE_DIR "/tests/support/standins/claude");
            o.codingAgents.baseUrls[QStringLiteral("claude")] =
                QStringLiteral("http://127.0.0.1:%1").arg(port);
        });
        QVERIFY(inside(*m_engine->engine).vault().value()->put("key:coding", kCodingKey));
        useGraph(codingGraph());
        m_script.script(
            "claude",
            {FakeReply::anthropicToolUse({toolCall(
                 "Write", {{"file_path", "Makefile"}, {"content", "test:\n\ttrue\n"}}, "w1")}),
             FakeReply::anthropicToolUse({toolCall("Bash", {{"command", "sleep 2.5"}}, "b1")}),
             FakeReply::anthropicText("Add a Makefile")});
        m_script.script("done", {FakeReply::openAiText("built")});
        m_telegram->pushText(kUser, "/new a makefile");
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram->shows(kUser, "▸ coder: Bash: sleep 2.5"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(inside(*m_engine->engine).store().runs().value()[0].status,
                                  RunStatus::Completed, 20000);
        QTRY_VERIFY(!m_telegram->shows(kUser, "▸"));
    }

    void aSecretSentInTheChatGoesToTheVaultAndLeavesTheChat()
    {
        askForASecret();
        QVERIFY(m_telegram->said(kUser, "next message"));
        m_telegram->pushText(kUser, "555:chat-secret-token-71e2");
        QTRY_VERIFY(m_telegram->said(kUser, "Stored in the vault"));
        const auto deletions = m_telegram->calls("deleteMessage");
        QCOMPARE(deletions.size(), 1);
        QCOMPARE(deletions[0].params["chat_id"], kUser);
        QVERIFY(deletions[0].params["message_id"].get<qint64>() > 0);
        // The value is never said back, nor sent anywhere else.
        for (const BotCall& call : m_telegram->calls())
            QVERIFY2(call.params.dump().find("chat-secret-token") == std::string::npos,
                     qPrintable(call.method));
        const auto runs = inside(*m_engine->engine).store().runs().value();
        QTRY_COMPARE(inside(*m_engine->engine).store().run(runs[0].id)->status,
                     RunStatus::Completed);
        QCOMPARE(inside(*m_engine->engine)
                     .vault()
                     .value()
                     ->revealFor("bot:clock", runs[0].projectId)
                     .value(),
                 QByteArray("555:chat-secret-token-71e2"));
        for (const RecordedRequest& request : m_model.requests())
            QVERIFY(!request.body.contains("chat-secret-token"));
    }

    // Telegram refuses to delete the person's message with the secret: the bot does not claim
    // it did, and asks them to delete it.
    void aSecretWhoseMessageTelegramKeepsIsLeftToThePerson()
    {
        askForASecret();
        m_telegram->failNext(QStringLiteral("deleteMessage"), 400, 1, 0,
                             "Bad Request: message can't be deleted");
        m_telegram->pushText(kUser, "555:kept-secret-token-9d1c");
        QTRY_VERIFY(m_telegram->said(kUser, "Stored in the vault."));
        const BotCall told = m_telegram->messageWith(kUser, "Stored in the vault.");
        const QString text = toQ(stringOr(told.params, "text"));
        QVERIFY2(text.contains("message can't be deleted") && text.contains("delete it yourself"),
                 qPrintable(text));
        QVERIFY(!m_telegram->said(kUser, "I deleted your message"));
        QVERIFY(!text.contains("kept-secret-token"));
    }

    void budgetStopOffersTopUpButtonsForAdmins()
    {
        startBot([](EngineOptions& o) { o.budgets.global = 0.3; });
        Json graph = chainGraph(2);
        graph["models"]["default"]["model"] = "gpt-4o";
        useGraph(graph);
        m_model.setHandler(
            [](const RecordedRequest&) { return FakeReply::openAiText("ok", 100000, 10000); });
        m_telegram->pushText(kAdmin, "/new priced");
        QTRY_VERIFY(m_telegram->said(kAdmin, "paused"));
        const BotCall paused = m_telegram->messageWith(kAdmin, "paused");
        QCOMPARE(paused.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"], "t:5");
        m_telegram->pushText(kUser, "/topup 5");
        QTRY_VERIFY(m_telegram->said(kUser, "Only admins"));
        m_telegram->pushText(kAdmin, "/balance");
        QTRY_VERIFY(m_telegram->said(kAdmin, "Spent: $0.35"));
        m_telegram->pushButton(kAdmin, paused.messageId, "t:5");
        QTRY_VERIFY(m_telegram->said(kAdmin, "Runs resumed: 1"));
        QTRY_VERIFY(m_telegram->said(kAdmin, "is done"));
    }

    void reportsGoOutAsDocumentsThroughRateLimitsAndOutages()
    {
        startBot();
        useGraph(chainGraph(1));
        m_script.setFallback(
            [](const QString&, const Json&) { return FakeReply::openAiText("done"); });
        m_telegram->pushText(kAdmin, "/new small");
        QTRY_VERIFY(m_telegram->said(kAdmin, "is done"));
        QTRY_VERIFY(!inside(*m_engine->engine)
                         .store()
                         .report(inside(*m_engine->engine).store().runs().value()[0].id)
                         .value()
                         .first.isEmpty());
        m_telegram->failNext("sendDocument", 429, 1, 1);
        m_telegram->failNext("sendDocument", 502, 1);
        m_telegram->pushText(kAdmin, "/report small");
        QTRY_VERIFY_WITH_TIMEOUT(!m_telegram->calls("sendDocument").isEmpty(), 10000);
        const BotCall document = m_telegram->calls("sendDocument").first();
        QVERIFY(document.fileName.endsWith(".md"));
        QVERIFY(document.document.startsWith("# "));
        QCOMPARE(document.params["chat_id"], kAdmin);
        m_telegram->pushText(kAdmin, "/status");
        QTRY_VERIFY(m_telegram->said(kAdmin, "Status: completed"));
        m_telegram->pushText(kAdmin, "/projects");
        QTRY_VERIFY(m_telegram->said(kAdmin, "• small — completed"));
        // The digest: to every admin, and kept with the reports.
        m_telegram->pushText(kAdmin, "/digest");
        QTRY_VERIFY(m_telegram->said(kAdmin, "# Digest"));
        const QString digest = toQ(m_telegram->messageWith(kAdmin, "# Digest").params["text"]);
        QVERIFY2(digest.contains("## Finished (1)\n\n- small"), qPrintable(digest));
        QVERIFY(digest.contains("## Failed or stopped (0)"));
        QVERIFY(digest.contains("- Budget: not limited"));
        const auto reports = inside(*m_engine->engine).reports().value();
        QCOMPARE(reports.size(), size_t(2));
        QVERIFY(reports[0].key.startsWith("digest-"));
        QCOMPARE(inside(*m_engine->engine).report(reports[0].key).value(), digest);
    }

    // A question answered in the desktop (straight to the engine) loses its buttons in the chat.
    void aQuestionAnsweredElsewhereLosesItsButtons()
    {
        startBot();
        useGraph(testGraph("a", {testAgent("a", {{"tools", {"ask_human"}}, {"terminal", true}})},
                           Json::array()));
        m_script.script(
            "a", {FakeReply::openAiToolCalls({toolCall(
                      "ask_human", {{"question", "Which port?"}, {"options", {"8080", "9090"}}})}),
                  FakeReply::openAiText("done")});
        m_telegram->pushText(kUser, "/new a port clock");
        QTRY_VERIFY(m_telegram->said(kUser, "Which port?"));
        const BotCall question = m_telegram->messageWith(kUser, "Which port?");
        const auto runs = inside(*m_engine->engine).store().runs().value();
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(m_engine->answerAndWait(runs[0].id, "9090").status, RunStatus::Completed);
        QTRY_COMPARE(m_telegram->calls("editMessageReplyMarkup").size(), 1);
        QCOMPARE(m_telegram->calls("editMessageReplyMarkup").first().params["message_id"],
                 question.messageId);
    }

    // /redeploy and /rollback name projects like /status does: what the sender may see, and a
    // project with nothing live is told so, never a crash or a silence.
    void redeployAndRollbackOfNothingAreRefusedPlainly()
    {
        startBot();
        useGraph(testGraph("a", {testAgent("a", {{"terminal", true}})}, Json::array()));
        m_script.script("a", {FakeReply::openAiText("built")});
        m_telegram->pushText(kUser, "/new plain clock");
        QTRY_VERIFY(m_telegram->said(kUser, "is done"));
        m_telegram->pushText(kUser, "/rollback plain clock");
        QTRY_VERIFY(m_telegram->said(kUser, "has nothing deployed"));
        m_telegram->pushText(kUser, "/redeploy " + QString(5000, QChar(0x263A)));
        QTRY_VERIFY(m_telegram->said(kUser, "No project matches"));
        // Without a name: the chat's own latest project.
        m_telegram->pushText(kUser, "/redeploy@some_bot");
        auto refusals = [this] {
            int count = 0;
            for (const BotCall& message : m_telegram->messagesTo(kUser))
                count += toQ(message.params["text"]).contains("has nothing deployed") ? 1 : 0;
            return count;
        };
        QTRY_COMPARE(refusals(), 2);
        QVERIFY(m_telegram->said(kUser, "Deploying \"plain clock\" again"));

        // /domain: the usage without a domain; here (*.localhost) what is missing for one.
        m_telegram->pushText(kUser, "/domain plain clock");
        QTRY_VERIFY(m_telegram->said(kUser, "Name the project and its domain"));
        m_telegram->pushText(kUser, "/domain plain clock shop.example.org");
        QTRY_VERIFY(m_telegram->said(kUser, "a domain of their own needs a zone"));
        QVERIFY(m_telegram->said(kUser, "Checking where shop.example.org points"));

        // /repair: a repair of nothing is refused; the policy and budget are set and shown; a
        // policy nobody has is taken as part of the name, and a button for a project this chat
        // does not have is refused like the command.
        m_telegram->pushText(kUser, "/repair plain clock");
        QTRY_VERIFY(m_telegram->said(kUser, "has no incident to repair"));
        m_telegram->pushText(kUser, "/repair plain clock auto 2.5");
        QTRY_VERIFY(m_telegram->said(kUser, "Repairs of \"plain clock\": auto"));
        QVERIFY(m_telegram->said(kUser, "$0.00 of $2.50 spent in 0 repair runs"));
        m_telegram->pushText(kUser, "/repair plain clock sometimes");
        QTRY_VERIFY(m_telegram->said(kUser, "No project matches"));
        m_telegram->pushButton(kUser, 1, "r:00000000-0000-0000-0000-000000000000");
        auto matches = [this] {
            int count = 0;
            for (const BotCall& message : m_telegram->messagesTo(kUser))
                count += toQ(message.params["text"]).contains("No project matches") ? 1 : 0;
            return count;
        };
        QTRY_COMPARE(matches(), 3);
    }

    // /away: the report covers every project, so an admin gets it and a user is told why not.
    void theAwayReportGoesToAdmins()
    {
        startBot();
        useGraph(testGraph("a", {testAgent("a", {{"terminal", true}})}, Json::array()));
        m_script.script("a", {FakeReply::openAiText("built")});
        m_telegram->pushText(kUser, "/new away clock");
        QTRY_VERIFY(m_telegram->said(kUser, "is done"));
        m_telegram->pushText(kUser, "/away");
        QTRY_VERIFY(m_telegram->said(kUser, "Only admins get this report"));
        m_telegram->pushText(BotHarness::kAdmin, "/away", "ru");
        QTRY_VERIFY(m_telegram->said(BotHarness::kAdmin, "Пока вас не было"));
        const QString text = toQ(stringOr(
            m_telegram->messageWith(BotHarness::kAdmin, "Пока вас не было").params, "text"));
        QVERIFY2(text.contains("- away clock: создание, завершён"), qPrintable(text));
        QVERIFY(!text.contains("## "));
        auto reports = api::awaitAnswer(*m_h.engine->engine, &EngineApi::reports, {}, 10000);
        QVERIFY(reports);
        QVERIFY(std::any_of(reports->begin(), reports->end(),
                            [](const ReportEntry& r) { return r.key.startsWith("away-ru-"); }));
    }
};

QTEST_GUILESS_MAIN(TestTelegramBot)
#include "tst_telegram_bot.moc"
