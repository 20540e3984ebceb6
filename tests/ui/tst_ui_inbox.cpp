// The inbox on a real engine: questions of two projects, oldest first, with their options and
// whether the answer is a secret; an answer given in the desktop, and one given elsewhere
// (Telegram, another client: straight to the engine), each take their question away.

#include "InboxModel.h"
#include "UiHarness.h"

#include <QSignalSpy>
#include <QTest>

using namespace orch;
using namespace orch::test;
using namespace orch::ui;

class TestUiInbox : public QObject
{
    Q_OBJECT

    UiHarness m_h;

private slots:
    void initTestCase() { QVERIFY(m_h.listen()); }
    void init() { m_h.start(); }
    void cleanup() { m_h.stop(); }

    void questionsOfEveryProjectAreAnsweredFromOnePlace()
    {
        QVERIFY(m_h.useOneAgent({"ask_human", "request_secret"}));
        // The agent's replies in the order the two runs ask for them.
        m_h.model.script(
            "a",
            {FakeReply::openAiToolCalls({toolCall(
                 "ask_human", {{"question", "Which city?"}, {"options", {"Tokyo", "Paris"}}})}),
             FakeReply::openAiToolCalls(
                 {toolCall("request_secret", {{"handle", "bot:clock"},
                                              {"env", "BOT_TOKEN"},
                                              {"text", "The bot's token, please"}})}),
             FakeReply::openAiText("done"), FakeReply::openAiText("done")});
        const QString first = inside(m_h.engine()).startRun("city clock", QString()).value();
        QCOMPARE(m_h.testEngine->waitForStop(first).status, RunStatus::WaitingHuman);
        const QString second = inside(m_h.engine()).startRun("clock bot", QString()).value();
        QCOMPARE(m_h.testEngine->waitForStop(second).status, RunStatus::WaitingHuman);

        InboxModel inbox;
        UiHarness::watch(inbox);
        inbox.setSession(m_h.session.get());
        QTRY_COMPARE(inbox.count(), 2);
        QCOMPARE(inbox.get(0).value("runId").toString(), first); // the oldest first
        QCOMPARE(inbox.get(0).value("projectName").toString(), QStringLiteral("city clock"));
        QCOMPARE(inbox.get(0).value("options").toStringList(), QStringList({"Tokyo", "Paris"}));
        QCOMPARE(inbox.get(0).value("secret").toBool(), false);
        QCOMPARE(inbox.get(1).value("question").toString(),
                 QStringLiteral("The bot's token, please"));
        QCOMPARE(inbox.get(1).value("secret").toBool(), true);

        // Answered here: gone from the list.
        QSignalSpy sent(m_h.session->answer(first, "Paris"), &PendingAction::finished);
        QTRY_COMPARE(sent.size(), 1);
        QTRY_COMPARE(inbox.count(), 1);
        QCOMPARE(inbox.get(0).value("runId").toString(), second);
        // Answered elsewhere, straight to the engine: gone too.
        QCOMPARE(m_h.testEngine->answerAndWait(second, "555:token-from-telegram").status,
                 RunStatus::Completed);
        QTRY_COMPARE(inbox.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestUiInbox)
#include "tst_ui_inbox.moc"
