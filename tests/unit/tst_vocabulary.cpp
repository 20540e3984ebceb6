// The shared vocabulary: every run status and event kind has one spelling that reads back,
// unknown spellings are refused or marked, run_finished has one payload shape, and a run's
// lifecycle moves only as its transition table allows.
#include "api/RunEvents.h"
#include "api/Vocabulary.h"
#include "runtime/Run.h"

#include <QMetaEnum>
#include <QSet>
#include <QTest>

using namespace orch;

class TestVocabulary : public QObject
{
    Q_OBJECT

private slots:
    void everyStatusHasOneSpellingThatReadsBack()
    {
        const QMetaEnum statuses = QMetaEnum::fromType<RunStatus::Value>();
        QCOMPARE(statuses.keyCount(), 7);
        QSet<QString> names;
        for (int i = 0; i < statuses.keyCount(); ++i) {
            const auto status = RunStatus::Value(statuses.value(i));
            const QString name = RunStatus::name(status);
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QVERIFY(RunStatus::fromName(name) == std::optional(status));
        }
        QCOMPARE(RunStatus::name(RunStatus::WaitingHuman), QString("waiting_human"));
        QVERIFY(!RunStatus::fromName(u"Running").has_value()); // spellings are exact
        QVERIFY(!RunStatus::fromName(u"").has_value());
        QVERIFY(RunStatus::isFinished(RunStatus::Stalled));
        QVERIFY(!RunStatus::isFinished(RunStatus::WaitingBudget));
        QVERIFY(RunStatus::isWaiting(RunStatus::WaitingBudget));
    }

    void everyEventKindHasOneSpellingAndUnknownOnesAreMarked()
    {
        const QMetaEnum kinds = QMetaEnum::fromType<EventKind::Value>();
        QSet<QString> names;
        for (int i = 0; i < kinds.keyCount(); ++i) {
            const auto kind = EventKind::Value(kinds.value(i));
            if (kind == EventKind::Value::Unknown)
                continue;
            const QString name = EventKind::name(kind);
            QVERIFY2(!names.contains(name) && name != QLatin1String("unknown"), qPrintable(name));
            names.insert(name);
            QCOMPARE(EventKind::fromName(name), kind);
        }
        QCOMPARE(names.size(), kinds.keyCount() - 1);
        QCOMPARE(EventKind::fromName(u"a_kind_from_a_newer_server"), EventKind::Value::Unknown);
    }

    void runFinishedHasOnePayload()
    {
        RunRecord run;
        run.id = "r1";
        run.status = RunStatus::Stalled;
        run.reason = "no edge matched";
        const RunEvent event = RunFinished::eventFor(run, 4, 99);
        QCOMPARE(event.kind, EventKind::RunFinished);
        QCOMPARE(stringOr(event.payload, "status"), std::string("stalled"));
        const auto read = RunFinished::from(event);
        QVERIFY(read.has_value());
        QCOMPARE(read->status, RunStatus::Stalled);
        QCOMPARE(read->reason, QString("no edge matched"));
        RunEvent other = event;
        other.kind = EventKind::StepFinished;
        QVERIFY(!RunFinished::from(other).has_value());
        other = event;
        other.payload["status"] = 5; // hostile: not a status
        QVERIFY(!RunFinished::from(other).has_value());
    }

    // A question is written by a tool from model output: every field is checked as it is read,
    // and an option's index stays the one its button carries.
    void aQuestionIsReadWithItsShapeChecked()
    {
        RunEvent event{"r1",
                       2,
                       "a",
                       EventKind::QuestionAsked,
                       Json{{"text", "Where?"},
                            {"options", Json::array({1, "Paris", nullptr, "Oslo"})},
                            {"kind", 7},
                            {"queued", "many"}},
                       0};
        auto question = QuestionAsked::from(event);
        QVERIFY(question.has_value());
        QCOMPARE(question->text, QString("Where?"));
        QCOMPARE(question->options, QStringList({"", "Paris", "", "Oslo"}));
        QVERIFY(!question->approval);
        QCOMPARE(question->queued, 0);
        event.payload = Json{{"text", "Deploy?"}, {"kind", "approval"}, {"options", "yes"}};
        question = QuestionAsked::from(event);
        QVERIFY(question && question->approval && question->options.isEmpty());
        event.payload = Json::array({"not", "an", "object"});
        QVERIFY(!QuestionAsked::from(event).has_value());
        event.kind = EventKind::RunFinished;
        event.payload = Json{{"text", "x"}};
        QVERIFY(!QuestionAsked::from(event).has_value());
    }

    void progressPayloadsAreReadWithTheirShapeChecked()
    {
        RunEvent ledger{"r1", 3, "a", EventKind::LedgerEntry, Json{{"cost", 0.25}}, 0};
        QCOMPARE(LedgerCharge::from(ledger)->cost, std::optional(0.25));
        ledger.payload = Json{{"cost", nullptr}}; // unknown price: counted, never costed
        QVERIFY(LedgerCharge::from(ledger).has_value());
        QVERIFY(!LedgerCharge::from(ledger)->cost.has_value());
        ledger.payload = Json{{"cost", "free"}};
        QVERIFY(!LedgerCharge::from(ledger)->cost.has_value());

        RunEvent step{"r1",
                      3,
                      "a",
                      EventKind::StepFinished,
                      Json{{"agent", "dev"}, {"outcome", "handoff"}, {"detail", {{"next", "qa"}}}},
                      0};
        auto finished = StepFinished::from(step);
        QVERIFY(finished.has_value());
        QCOMPARE(finished->step, 3); // no "step" in the payload: the event's own
        QCOMPARE(finished->next, QString("qa"));
        step.payload = Json{{"agent", 5}, {"detail", "not an object"}};
        finished = StepFinished::from(step);
        QVERIFY(finished && finished->agent.isEmpty() && finished->next.isEmpty());

        RunEvent moved{"r1",
                       1,
                       "a",
                       EventKind::AgentState,
                       Json{{"agent", "dev"}, {"from", "idle"}, {"to", "thinking"}},
                       0};
        QCOMPARE(AgentMoved::from(moved)->after, QString("thinking"));
        QVERIFY(!AgentMoved::from(step).has_value());
    }

    void theLifecycleMovesOnlyAsItsTableAllows()
    {
        using namespace RunStatus;
        // Running may stop in any way; waiting runs go on, are cancelled, or fail.
        for (Value to : {WaitingHuman, WaitingBudget, Completed, Failed, Stalled, Cancelled})
            QVERIFY(Run::canMove(Running, to));
        QVERIFY(Run::canMove(WaitingHuman, Running));
        QVERIFY(Run::canMove(WaitingBudget, Cancelled));
        QVERIFY(!Run::canMove(WaitingHuman, Completed)); // only a step finishes a run
        QVERIFY(!Run::canMove(WaitingBudget, WaitingHuman));
        // Failed and stalled runs resume; completed and cancelled ones are final.
        QVERIFY(Run::canMove(Failed, Running));
        QVERIFY(Run::canMove(Stalled, Running));
        QVERIFY(!Run::canMove(Failed, Cancelled));
        for (Value to : {Running, WaitingHuman, Failed, Cancelled}) {
            QVERIFY(!Run::canMove(Completed, to));
            QVERIFY(!Run::canMove(Cancelled, to));
        }
    }
};

QTEST_GUILESS_MAIN(TestVocabulary)
#include "tst_vocabulary.moc"
