// Starting a project from Telegram, in-process against the local Bot API stand-in and the fake
// model: the answer comes first ("Starting…", which the progress then takes over), a crowd
// hears back before the work begins, a stop in between is told, a kill in between is resumed by
// the next process, the chat lock, and a forecast above the budget asks before anything starts.

#include "BotHarness.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"
#include "telegram/PendingStarts.h"
#include "telegram/TelegramBot.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <chrono>

using namespace orch;
using namespace orch::test;

namespace {
constexpr qint64 kAdmin = BotHarness::kAdmin;
constexpr qint64 kUser = BotHarness::kUser;
} // namespace

class TestTelegramStarts : public BotTestCase
{
    Q_OBJECT

    void answerDone()
    {
        m_model.setHandler([](const RecordedRequest&) { return FakeReply::openAiText("done"); });
    }
    int runCount() { return int(inside(*m_engine->engine).store().runs().value().size()); }

private slots:
    void initTestCase() { QVERIFY(m_model.listen()); }
    void init() { scriptModelAfresh(); }
    void cleanup() { m_h.stop(); }

    // A crowd starting projects at once: everyone hears "Starting…" before the work their
    // messages start (forecasts, store writes, the runs' model calls) takes the engine.
    void aBurstOfStartsIsAnsweredBeforeTheWorkBegins()
    {
        startBot();
        useGraph(chainGraph(2));
        std::atomic<qint64> firstModelCallNs{0};
        m_model.setHandler([&](const RecordedRequest&) {
            qint64 none = 0;
            firstModelCallNs.compare_exchange_strong(
                none, std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::steady_clock::now().time_since_epoch())
                          .count());
            return FakeReply::openAiText("done");
        });
        for (int i = 0; i < BotHarness::kCrowdSize; ++i)
            m_telegram->pushText(BotHarness::kCrowd + i, QStringLiteral("/new project %1").arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(inside(*m_engine->engine).store().runs().value().size(),
                                  size_t(BotHarness::kCrowdSize), 20000);
        QTRY_VERIFY(firstModelCallNs > 0); // the runs exist before their first call
        for (int i = 0; i < BotHarness::kCrowdSize; ++i) {
            const BotCall starting = m_telegram->messageWith(BotHarness::kCrowd + i, "Starting");
            QVERIFY2(starting.messageId != 0, qPrintable(QString::number(i)));
            QVERIFY2(
                starting.steadyNs < firstModelCallNs,
                qPrintable(QStringLiteral("chat %1 heard back after the first model call").arg(i)));
        }
    }

    // The bot stops between a chat's "Starting…" and its start: the chat is told the project
    // did not start (not left at "Starting…"), and nothing starts.
    void aStopBeforeTheStartTellsTheChat()
    {
        startBot();
        useGraph(chainGraph(2));
        m_telegram->failNext(QStringLiteral("sendMessage"), 429, 1, 1); // "Starting…" waits 1 s
        const qint64 update = m_telegram->pushText(kUser, "/new stopped early");
        QTRY_VERIFY(m_telegram->confirmedOffset() > update); // handled
        m_h.bot->stop();
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram->saidOrEdited(kUser, "was not started"), 5000);
        const BotCall told = m_telegram->sentOrEditedWith(kUser, "was not started");
        QCOMPARE(told.method, QStringLiteral("editMessageText")); // in place of "Starting…"
        QTest::qWait(300);
        // Nothing started: no project, no run (the model stand-in is shared with the test
        // before, whose last calls may still arrive, so its count proves nothing here).
        QCOMPARE(inside(*m_engine->engine).store().projects().value().size(), size_t(0));
        QCOMPARE(runCount(), 0);
        // Told is an outcome: the next process does not start it either.
        QVERIFY(m_h.startBot());
        QTest::qWait(500);
        QCOMPARE(runCount(), 0);
    }

    // The process ends without a word (killed) between a chat's "Starting…" and its start:
    // the next one starts it, saying why it is late, and once only.
    void aStartLeftByAKilledProcessIsResumed()
    {
        startBot();
        useGraph(chainGraph(2));
        answerDone();
        m_telegram->failNext(QStringLiteral("sendMessage"), 429, 1, 5); // holds the start 2 s
        const qint64 update = m_telegram->pushText(kUser, "/new left behind");
        QTRY_VERIFY(m_telegram->confirmedOffset() > update); // handled, its offset saved
        QVERIFY(m_h.startBot()); // the first bot gone without stop(), a new one on its store
        QTRY_VERIFY_WITH_TIMEOUT(
            m_telegram->saidOrEdited(kUser, "restarted before project \"left behind\" began"),
            5000);
        QTRY_COMPARE(runCount(), 1);
        QTRY_VERIFY(m_telegram->said(kUser, "is done"));
        QVERIFY(m_h.startBot()); // and another restart: it started, so nothing is left
        QTest::qWait(500);
        QCOMPARE(runCount(), 1);
    }

    // Killed after the run was linked to its chat but before the start was marked done: the
    // link says it started, so the next process does not start it twice.
    void aStartThatGotThroughIsNotRepeated()
    {
        startBot();
        useGraph(chainGraph(2));
        answerDone();
        const qint64 askedAt = QDateTime::currentMSecsSinceEpoch();
        m_telegram->pushText(kUser, "/new got through");
        QTRY_VERIFY(m_telegram->said(kUser, "is done"));
        PendingStarts left(inside(*m_engine->engine).store().database());
        QVERIFY(left.add({kUser, kUser, "en", false, "got through", "got through", false, askedAt})
                    .ok());
        QVERIFY(m_h.startBot());
        QTRY_COMPARE(left.all().value().size(), size_t(0));
        QTest::qWait(500);
        QCOMPARE(runCount(), 1);
        QVERIFY(!m_telegram->saidOrEdited(kUser, "restarted before"));
    }

    void aSecondMessageDoesNotStartASecondRun()
    {
        startBot();
        useGraph(testGraph("a", {testAgent("a", {{"tools", {"ask_human"}}, {"terminal", true}})},
                           Json::array()));
        m_script.script(
            "a", {FakeReply::openAiToolCalls({toolCall("ask_human", {{"question", "Sure?"}})})});
        m_telegram->pushText(kAdmin, "/new first");
        m_telegram->pushText(kAdmin, "/new second");
        QTRY_VERIFY(m_telegram->said(kAdmin, "still running"));
        // The first starts once its "Starting…" is delivered; the second never does.
        QTRY_COMPARE(inside(*m_engine->engine).store().projects().value().size(), size_t(1));
        const BotCall busy = m_telegram->messageWith(kAdmin, "still running");
        QCOMPARE(busy.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"], "new");
        m_telegram->pushButton(kAdmin, busy.messageId, "new");
        QTRY_COMPARE(inside(*m_engine->engine).store().projects().value().size(), size_t(2));
    }

    // A start shows its forecast; one more than the budget left asks first, and "Start
    // anyway" starts it.
    void aForecastAboveTheBudgetAsksFirst()
    {
        QTemporaryDir dir;
        QFile pricing(dir.filePath("pricing.json"));
        QVERIFY(pricing.open(QIODevice::WriteOnly));
        pricing.write(R"({"models": {"fake-model": {"input": 1.0, "output": 2.0}}})");
        pricing.close();
        // A run costs $0.00002 (10 tokens in, 5 out): $0.00003 pays one, not two.
        startBot([&](EngineOptions& o) {
            o.pricingFile = pricing.fileName();
            o.budgets.global = 0.00003;
        });
        useGraph(testGraph("a", {testAgent("a", {{"terminal", true}})}, Json::array()));
        m_script.script("a", {FakeReply::openAiText("built"), FakeReply::openAiText("built")});
        m_telegram->pushText(kUser, "/new forecast clock");
        QTRY_VERIFY(m_telegram->said(kUser, "is done"));
        QVERIFY(
            m_telegram->saidOrEdited(kUser, "No forecast: no earlier run is like this one yet."));

        // The next one's forecast does not fit in what is left.
        m_telegram->pushText(kUser, "/new forecast clock");
        QTRY_VERIFY(m_telegram->saidOrEdited(kUser, "This is more than the budget left"));
        const BotCall asking =
            m_telegram->sentOrEditedWith(kUser, "This is more than the budget left");
        QVERIFY(toQ(stringOr(asking.params, "text")).contains("from 1 earlier runs like it"));
        QCOMPARE(asking.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"], "go");
        QTest::qWait(500);
        QCOMPARE(m_model.requestCount(), 1); // nothing started

        m_telegram->pushButton(kUser, asking.messageId, "go");
        QTRY_VERIFY(m_telegram->saidOrEdited(kUser, "Forecast: about $"));
        QTRY_COMPARE(m_model.requestCount(), 2); // it runs (its first call fits in what is left)
    }
};

QTEST_GUILESS_MAIN(TestTelegramStarts)
#include "tst_telegram_starts.moc"
