// A coding agent's step in the desktop's run timeline, against a real engine whose Developer
// is the Claude Code stand-in: while it works, who and what it does now (liveAgent,
// liveActivity) as its events arrive; once committed, the step's row keeps its activity, and
// a timeline opened later reads it back from the run's events.

#include "CodingHarness.h"
#include "RunTimelineModel.h"
#include "Session.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace orch;
using namespace orch::test;
using namespace orch::ui;

class TestUiCoding : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;

private slots:
    void initTestCase() { QVERIFY(m_fake.listen()); }

    void aCodingStepLiveAndAfterwards()
    {
        m_fake.reset();
        auto t = codingEngine(m_fake.server);
        Session session(t->engine.get(), false, QStringLiteral("test.db"));
        m_fake.model.script(
            "claude",
            {FakeReply::anthropicToolUse({toolCall(
                 "Write", {{"file_path", "Makefile"}, {"content", "test:\n\ttrue\n"}}, "w1")}),
             FakeReply::anthropicToolUse({toolCall("Bash", {{"command", "sleep 1.5"}}, "b1")}),
             FakeReply::anthropicText("Add a Makefile")});
        m_fake.model.script("done", {FakeReply::openAiText("built")});
        const QString runId =
            inside(*t->engine).startRun("a makefile", t->graph(codingGraph())).value();

        RunTimelineModel timeline;
        new QAbstractItemModelTester(
            &timeline, QAbstractItemModelTester::FailureReportingMode::QtTest, &timeline);
        timeline.setSession(&session);
        timeline.setRunId(runId);
        QTRY_COMPARE_WITH_TIMEOUT(timeline.liveAgent(), QStringLiteral("coder"), 15000);
        QTRY_VERIFY(timeline.liveActivity().contains("Write Makefile"));
        QCOMPARE(timeline.count(), 0); // the step is still in flight
        QTRY_VERIFY(timeline.liveActivity().contains("Bash: sleep 1.5"));

        QCOMPARE(t->waitForStop(runId, 30000).status, RunStatus::Completed);
        QTRY_COMPARE(timeline.count(), 2);
        QVERIFY(timeline.liveAgent().isEmpty());
        const QVariantMap coder = timeline.get(0);
        QCOMPARE(coder.value("kind").toString(), QStringLiteral("coding_agent"));
        const QString activity = coder.value("activity").toString();
        QVERIFY2(activity.contains("Write Makefile") && activity.contains("Bash: sleep 1.5") &&
                     activity.contains(QStringLiteral("“Add a Makefile”")),
                 qPrintable(activity));
        QVERIFY(coder.value("cost").isValid()); // its reported cost
        QVERIFY(timeline.get(1).value("activity").toString().isEmpty());

        // Opened afterwards: the same, from the stored events.
        RunTimelineModel later;
        later.setSession(&session);
        later.setRunId(runId);
        QTRY_COMPARE(later.count(), 2);
        QTRY_COMPARE(later.get(0).value("activity").toString(), activity);
        QVERIFY(later.liveAgent().isEmpty());
    }
};

QTEST_MAIN(TestUiCoding)
#include "tst_ui_coding.moc"
