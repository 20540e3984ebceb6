// The shared vocabulary: every run status and event kind has one spelling that reads back,
// unknown spellings are refused or marked, run_finished has one payload shape, and a run's
// lifecycle moves only as its transition table allows.
#include "api/RunEvents.h"
#include "api/Vocabulary.h"
#include "graph/ProjectState.h"
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
        QCOMPARE(statuses.keyCount(), 8);
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

    void everyWrittenPayloadReadsBackAndOnlyAsItsKind()
    {
        const auto event = [](EventKind::Value kind, Json payload) {
            RunEvent e;
            e.kind = kind;
            e.payload = std::move(payload);
            return e;
        };
        const auto started =
            RunStarted::from(event(EventKind::RunStarted, RunStarted{"g", 7, "intake"}.toJson()));
        QVERIFY(started.has_value());
        QCOMPARE(started->graph, QString("g"));
        QCOMPARE(started->graphId, 7);
        QCOMPARE(started->entry, QString("intake"));
        const auto step =
            StepStarted::from(event(EventKind::StepStarted, StepStarted{3, "coder"}.toJson()));
        QCOMPARE(step->step, 3);
        QCOMPARE(step->agent, QString("coder"));
        const auto edge =
            AgentHandoff::from(event(EventKind::Edge, AgentHandoff{"a", "b", "tests"}.toJson()));
        QCOMPARE(edge->toAgent, QString("b"));
        QCOMPARE(edge->when, QString("tests"));
        const auto handoff =
            AgentHandoff::from(event(EventKind::Handoff, AgentHandoff{"a", "c", {}}.toJson()));
        QCOMPARE(handoff->fromAgent, QString("a"));
        QVERIFY(handoff->when.isEmpty());
        const auto retry =
            ModelRetry::from(event(EventKind::LlmRetry, ModelRetry{2, 500, "429"}.toJson()));
        QCOMPARE(retry->delayMs, 500);
        QCOMPARE(retry->reason, QString("429"));
        const auto waiting =
            BudgetWaiting::from(event(EventKind::BudgetWaiting, BudgetWaiting{"global"}.toJson()));
        QCOMPARE(waiting->reason, QString("global"));
        const auto moved = AgentMoved::from(
            event(EventKind::AgentState, AgentMoved{"x", "idle", "done"}.toJson()));
        QCOMPARE(moved->before, QString("idle"));
        // Moving to calling_tool names the tools; hostile names are cut, wrong types skipped.
        const auto calling = AgentMoved::from(event(
            EventKind::AgentState,
            AgentMoved{"x", "thinking", "calling_tool", {"write_file", "run_tests"}}.toJson()));
        QCOMPARE(calling->tools, QStringList({"write_file", "run_tests"}));
        Json many = Json::array({1, nullptr, std::string(500, 'n')});
        for (int i = 0; i < 100; ++i)
            many.push_back("t" + std::to_string(i));
        const auto hostileTools = AgentMoved::from(event(
            EventKind::AgentState, {{"agent", "x"}, {"to", "calling_tool"}, {"tools", many}}));
        QCOMPARE(hostileTools->tools.size(), AgentMoved::kMaxTools);
        QCOMPARE(hostileTools->tools.first().size(), 64);
        QVERIFY(AgentMoved::from(event(EventKind::AgentState, {{"tools", "write_file"}}))
                    ->tools.isEmpty());

        // A payload read as another kind, or of the wrong shape, is absent or blank, never a crash.
        QVERIFY(!ModelRetry::from(event(EventKind::BudgetWaiting, {{"reason", "x"}})));
        QVERIFY(!BudgetWaiting::from(event(EventKind::BudgetWaiting, Json::array({1, 2}))));
        QVERIFY(!AgentHandoff::from(event(EventKind::StepStarted, {{"to", "b"}})));
        const auto hostile = ModelRetry::from(event(
            EventKind::LlmRetry, {{"attempt", "many"}, {"delay_ms", -1e300}, {"reason", {1}}}));
        QVERIFY(hostile.has_value());
        QCOMPARE(hostile->attempt, 0);
        QVERIFY(hostile->reason.isEmpty());
    }

    void theStateIsReadByShapeWithoutCopying()
    {
        const Json state = {{"spec", {{"title", "Weather"}, {"summary", 3}}},
                            {"project", {{"name", "p"}}},
                            {"resources", "not an object"},
                            {"question", {{"text", "Which city?"}, {"kind", "approval"}}}};
        const StateView view(state);
        QCOMPARE(view.spec().title, QString("Weather"));
        QVERIFY(view.spec().summary.isEmpty());
        QCOMPARE(view.projectName(), QString("p"));
        QVERIFY(view.resources().is_object() && view.resources().empty());
        const auto question = QuestionAsked::fromJson(view.question());
        QCOMPARE(question->choices(), QStringList({"approve", "reject"}));
        const Json noSpec = {{"spec", Json::array()}};
        QVERIFY(StateView(noSpec).spec().title.isEmpty());
        QVERIFY(!QuestionAsked::fromJson(StateView(noSpec).question()).has_value());
        const auto picked =
            QuestionAsked::fromJson({{"text", "?"}, {"options", {"a", 5, "", "b"}}})->choices();
        QCOMPARE(picked, QStringList({"a", "b"}));
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
