// The desktop's C++ models against a real in-process engine and the fake model server, each
// watched by QAbstractItemModelTester: projects (filter, search, live refresh), a run's
// timeline (live steps, question), the live graph (states from events), balances and
// reports. Servers, files and settings: tst_ui_admin_models; the agent editor: tst_graph_editor.

#include "BalancesModel.h"
#include "GraphModel.h"
#include "ProjectRunsModel.h"
#include "ProjectsModel.h"
#include "ReportsModel.h"
#include "RunTimelineModel.h"
#include "TestFiles.h"
#include "TestGraphs.h"
#include "UiHarness.h"
#include "runtime/GraphCatalog.h"
#include "store/RunStore.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;
using namespace orch::ui;

namespace {

// ok, error, value of an action, whether it finished at once or later.
QVariantList outcomeOf(ui::PendingAction* action)
{
    if (action->done())
        return {action->ok(), action->error(), action->value()};
    QSignalSpy finished(action, &ui::PendingAction::finished);
    return finished.wait(5000) ? finished.first() : QVariantList{};
}

} // namespace

class TestUiModels : public QObject
{
    Q_OBJECT

    UiHarness m_h;

    Engine& engine() { return m_h.engine(); }
    template <typename Model> void watch(Model& model) { UiHarness::watch(model); }
    // The timeline of `runId`, watched, on the session.
    void show(RunTimelineModel& timeline, const QString& runId)
    {
        watch(timeline);
        timeline.setSession(m_h.session.get());
        timeline.setRunId(runId);
    }

private slots:
    void initTestCase() { QVERIFY(m_h.listen()); }
    void init() { m_h.start(); }
    void cleanup() { m_h.stop(); }

    void projectsFollowTheRuns()
    {
        QVERIFY(inside(engine()).graphs().save(chainGraph(2)).ok());
        ProjectsModel projects;
        watch(projects);
        projects.setSession(m_h.session.get());
        QTRY_VERIFY(!projects.loading());
        QCOMPARE(projects.count(), 0);
        const QString first = inside(engine()).startRun("weather bot", QString()).value();
        QCOMPARE(m_h.testEngine->waitForStop(first).status, RunStatus::Completed);
        QVERIFY(m_h.useOneAgent({"ask_human"}));
        m_h.model.script(
            "a", {FakeReply::openAiToolCalls({toolCall(
                     "ask_human", {{"question", "Which city?"}, {"options", {"Oslo", "Rome"}}})})});
        const QString second = inside(engine()).startRun("city clock", QString()).value();
        QCOMPARE(m_h.testEngine->waitForStop(second).status, RunStatus::WaitingHuman);
        QTRY_COMPARE(projects.count(), 2); // refreshed from the engine's signals
        QCOMPARE(projects.get(0).value("name").toString(), QString("city clock"));
        QCOMPARE(projects.get(0).value("status").toString(),
                 RunStatus::name(RunStatus::WaitingHuman));
        QCOMPARE(projects.get(1).value("status").toString(), RunStatus::name(RunStatus::Completed));
        QCOMPARE(projects.get(1).value("health").toString(), QString("none"));
        projects.setStatusFilter("active");
        QCOMPARE(projects.count(), 1);
        projects.setStatusFilter("all");
        projects.setSearch("WEATHER");
        QCOMPARE(projects.count(), 1);
        QCOMPARE(projects.get(0).value("runId").toString(), first);

        RunTimelineModel waiting;
        show(waiting, second);
        QTRY_VERIFY(!waiting.loading());
        QCOMPARE(waiting.question(), QString("Which city?"));
        QCOMPARE(waiting.questionOptions(), QStringList({"Oslo", "Rome"}));
        QCOMPARE(waiting.status(), RunStatus::WaitingHuman);
    }

    // The review's "ask for a change": a new run of the same project, refused while one runs.
    void aReviewedProjectCanBeChanged()
    {
        QVERIFY(m_h.useOneAgent(Json::array()));
        m_h.model.script("a", {FakeReply::openAiText("built"), FakeReply::openAiText("changed")});
        const QString first = inside(engine()).startRun("greeter", QString()).value();
        QCOMPARE(m_h.testEngine->waitForStop(first).status, RunStatus::Completed);
        RunTimelineModel timeline;
        show(timeline, first);
        QTRY_VERIFY(!timeline.loading());
        QVERIFY(!timeline.projectId().isEmpty());

        const QVariantList changed =
            outcomeOf(m_h.session->changeProject(timeline.projectId(), "add a goodbye"));
        QVERIFY2(changed.value(0).toBool(), qPrintable(changed.value(1).toString()));
        const QString changeRun = changed.value(2).toString();
        QCOMPARE(m_h.testEngine->waitForStop(changeRun).status, RunStatus::Completed);
        QCOMPARE(inside(engine()).store().run(changeRun).value().projectId, timeline.projectId());

        const QVariantList refused = outcomeOf(m_h.session->changeProject("no-such", "x"));
        QVERIFY(!refused.value(0).toBool());
        QVERIFY(refused.value(1).toString().contains("no-such")); // the view shows why

        // The project's page lists its runs newest first, each saying where it came from:
        // a fork of the change run at its first step, the change, the first run.
        m_h.model.script("a", {FakeReply::openAiText("forked")});
        const QVariantList forked = outcomeOf(m_h.session->fork(changeRun, 1));
        QVERIFY2(forked.value(0).toBool(), qPrintable(forked.value(1).toString()));
        const QString forkRun = forked.value(2).toString();
        m_h.testEngine->waitForStop(forkRun);
        ProjectRunsModel runs;
        watch(runs);
        runs.setSession(m_h.session.get());
        runs.setProjectId(timeline.projectId());
        QTRY_COMPARE(runs.count(), 3);
        QCOMPARE(runs.get(0).value("runId").toString(), forkRun);
        QCOMPARE(runs.get(0).value("kind").toString(), QString("fork"));
        QCOMPARE(runs.get(0).value("fromRun").toString(), changeRun);
        QCOMPARE(runs.get(0).value("fromStep").toInt(), 1);
        QCOMPARE(runs.get(1).value("runId").toString(), changeRun);
        QCOMPARE(runs.get(1).value("kind").toString(), QString("change"));
        QCOMPARE(runs.get(1).value("fromRun").toString(), first);
        QCOMPARE(runs.get(2).value("runId").toString(), first);
        QCOMPARE(runs.get(2).value("kind").toString(), QString("new"));
        QCOMPARE(runs.rowOf(changeRun), 1);
        // Another project's runs are not in it; an unknown project is an error, not a crash.
        runs.setProjectId("no-such-project");
        QTRY_VERIFY(!runs.error().isEmpty());
    }

    // Two questions asked in one reply reach the desktop one after the other.
    void queuedQuestionsShowOneAfterAnother()
    {
        QVERIFY(m_h.useOneAgent({"ask_human"}));
        m_h.model.script("a", {FakeReply::openAiToolCalls(
                                   {toolCall("ask_human", {{"question", "Which city?"}}, "q1"),
                                    toolCall("ask_human", {{"question", "Which port?"}}, "q2")}),
                               FakeReply::openAiText("done")});
        const QString runId = inside(engine()).startRun("two questions", QString()).value();
        QCOMPARE(m_h.testEngine->waitForStop(runId).status, RunStatus::WaitingHuman);
        RunTimelineModel timeline;
        show(timeline, runId);
        QTRY_VERIFY(!timeline.loading());
        QCOMPARE(timeline.question(), QString("Which city?"));
        QVERIFY(!timeline.questionIsSecret());
        QCOMPARE(m_h.testEngine->answerAndWait(runId, "Oslo").status, RunStatus::WaitingHuman);
        QTRY_COMPARE(timeline.question(), QString("Which port?"));
        QCOMPARE(m_h.testEngine->answerAndWait(runId, "8080").status, RunStatus::Completed);
        QTRY_COMPARE(timeline.status(), RunStatus::Completed);
        QVERIFY(timeline.question().isEmpty());
    }

    // A secret is typed hidden; once sent, the timeline shows where it went, not the value.
    void aSecretQuestionIsAnsweredHidden()
    {
        QVERIFY(m_h.useOneAgent({"request_secret"}));
        m_h.model.script(
            "a", {FakeReply::openAiToolCalls({toolCall(
                      "request_secret",
                      {{"handle", "key:maps"}, {"env", "MAPS_KEY"}, {"text", "Your maps key"}})}),
                  FakeReply::openAiText("done")});
        const QString runId = inside(engine()).startRun("maps", QString()).value();
        QCOMPARE(m_h.testEngine->waitForStop(runId).status, RunStatus::WaitingHuman);
        RunTimelineModel timeline;
        show(timeline, runId);
        QTRY_VERIFY(!timeline.loading());
        QCOMPARE(timeline.question(), QString("Your maps key"));
        QVERIFY(timeline.questionIsSecret());
        QVERIFY(timeline.questionOptions().isEmpty());
        QCOMPARE(m_h.testEngine->answerAndWait(runId, "maps-secret-81d0").status,
                 RunStatus::Completed);
        QTRY_COMPARE(timeline.status(), RunStatus::Completed);
        QVERIFY(!timeline.questionIsSecret());
        for (int row = 0; row < timeline.rowCount(); ++row)
            for (int role : timeline.roleNames().keys())
                QVERIFY(
                    !timeline.data(timeline.index(row), role).toString().contains("maps-secret"));
    }

    void theTimelineGrowsAsStepsCommit()
    {
        QVERIFY(inside(engine()).graphs().save(chainGraph(4)).ok());
        RunTimelineModel timeline;
        watch(timeline);
        timeline.setSession(m_h.session.get());
        const QString runId = inside(engine()).startRun("live", QString()).value();
        timeline.setRunId(runId); // before the first step has run
        QCOMPARE(m_h.testEngine->waitForStop(runId).status, RunStatus::Completed);
        QTRY_COMPARE(timeline.count(), 4);
        QCOMPARE(timeline.get(0).value("agent").toString(), QString("a1"));
        QCOMPARE(timeline.get(3).value("agent").toString(), QString("a4"));
        QCOMPARE(timeline.get(2).value("promptTokens").toLongLong(), 1000);
        QVERIFY(
            !timeline.get(2).value("cost").isValid()); // fake-model has no price: unknown, not 0
        QTRY_VERIFY(timeline.report().contains("live"));
        QCOMPARE(timeline.status(), RunStatus::Completed);
    }

    // While the database is away only the run's events can say so: the timeline shows the
    // pause from store_waiting until store_back, for its own run only.
    void theTimelineShowsARunWaitingForTheStore()
    {
        QVERIFY(inside(engine()).graphs().save(chainGraph(2)).ok());
        RunTimelineModel timeline;
        const QString runId = inside(engine()).startRun("paused", QString()).value();
        show(timeline, runId);
        QCOMPARE(m_h.testEngine->waitForStop(runId).status, RunStatus::Completed);
        QVERIFY(!timeline.storeAway());
        const auto send = [&](const QString& run, EventKind::Value kind) {
            emit engine().event(RunEvent{run, 1, "a1", kind, Json::object(), 0, 0});
        };
        send("another-run", EventKind::StoreWaiting);
        QVERIFY(!timeline.storeAway());
        send(runId, EventKind::StoreWaiting);
        QVERIFY(timeline.storeAway());
        send(runId, EventKind::StoreBack);
        QVERIFY(!timeline.storeAway());
    }

    void theGraphShowsStatesFromEvents()
    {
        QVERIFY(inside(engine()).graphs().save(chainGraph(3)).ok());
        const QString runId = inside(engine()).startRun("graph", QString()).value();
        GraphModel graph;
        watch(graph);
        graph.setSession(m_h.session.get());
        QSignalSpy handoffs(&graph, &GraphModel::handoff);
        graph.setRunId(runId);
        QTRY_COMPARE(graph.count(), 3);
        QCOMPARE(graph.edges().size(), 2);
        QCOMPARE(m_h.testEngine->waitForStop(runId).status, RunStatus::Completed);
        QTRY_COMPARE(graph.get(2).value("agentState").toString(), QString("done"));
        QCOMPARE(graph.get(0).value("agentState").toString(), QString("done"));
        QCOMPARE(graph.activeAgent(), QString()); // the run ended
        QVERIFY(handoffs.size() >= 1);            // a1 → a2 along its edge, live or from history
        graph.setAgentState("a2", "thinking");
        QCOMPARE(graph.get(1).value("agentState").toString(), QString("thinking"));
        graph.setActiveAgent("a2");
        QCOMPARE(graph.get(1).value("active").toBool(), true);
    }

    // Opened while a step is in flight (its events are stored with it), the graph shows the
    // run's current agent at work, not idle at turn 0; the desktop follows the acted-on run.
    void theGraphOpenedMidStepShowsTheAgentAtWork()
    {
        QVERIFY(inside(engine()).graphs().save(chainGraph(2)).ok());
        FakeReply slow = FakeReply::openAiText("done");
        slow.delayMs = 1500;
        m_h.model.script("a1", {slow});
        QSignalSpy acted(m_h.session.get(), &Session::actedRunChanged);
        const QVariantList started = outcomeOf(m_h.session->startRun("mid-step"));
        QVERIFY2(started.value(0).toBool(), qPrintable(started.value(1).toString()));
        const QString runId = started.value(2).toString();
        QCOMPARE(m_h.session->actedRun(), runId);
        QCOMPARE(acted.size(), 1);
        GraphModel graph;
        watch(graph);
        graph.setSession(m_h.session.get());
        graph.setRunId(runId);
        QTRY_COMPARE(graph.count(), 2);
        QTRY_COMPARE(graph.activeAgent(), QString("a1"));
        QCOMPARE(graph.get(0).value("agentState").toString(), QString("thinking"));
        QVERIFY(graph.get(0).value("turns").toInt() >= 1);
        // The header's project and status come with the graph, and the status follows the run.
        QCOMPARE(graph.projectName(), QString("mid-step"));
        QCOMPARE(graph.statusName(), QString("running"));
        QCOMPARE(m_h.testEngine->waitForStop(runId).status, RunStatus::Completed);
        QTRY_COMPARE(graph.statusName(), QString("completed"));
    }

    void balancesAndReports()
    {
        Json priced = chainGraph(3);
        priced["models"]["default"]["model"] = "gpt-4o-mini";
        QVERIFY(inside(engine()).graphs().save(priced).ok());
        const QString runId = inside(engine()).startRun("priced project", QString()).value();
        QCOMPARE(m_h.testEngine->waitForStop(runId).status, RunStatus::Completed);
        BalancesModel balances;
        watch(balances);
        balances.setSession(m_h.session.get());
        QTRY_VERIFY(!balances.loading());
        QCOMPARE(balances.count(), 1); // one day
        balances.setDimension("agent");
        QTRY_COMPARE(balances.count(), 3);
        QVERIFY(balances.spent() > 0);
        QVERIFY(qAbs(balances.maxCost() - (1000 * 0.15 + 100 * 0.60) / 1e6) < 1e-12);
        // The database's size on disk comes with the balances.
        const qint64 onDisk = QFileInfo(engine().databasePath()).size();
        QVERIFY2(balances.databaseMegabytes() * 1e6 >= double(onDisk) * 0.5 &&
                     balances.databaseMegabytes() * 1e6 <= double(onDisk) * 3 + 8e6,
                 qPrintable(QString::number(balances.databaseMegabytes())));
        QVERIFY(balances.freeMegabytes() >= 0);
        QVERIFY(!balances.limited());
        QSignalSpy finished(m_h.session->topUp("global", 5), &PendingAction::finished);
        QTRY_VERIFY(balances.limited());
        QVERIFY(qAbs(balances.remaining() - 5) < 1e-9);
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.first().at(0).toBool());
        // The budget bars and the spend per project over time.
        QTRY_COMPARE(balances.budgets().size(), 1);
        QCOMPARE(balances.budgets().at(0).toMap().value("limit").toDouble(), balances.limit());
        const QVariantMap overTime = balances.overTime();
        QCOMPARE(overTime.value("days").toStringList().size(), 1);
        const QVariantList series = overTime.value("projects").toList();
        QCOMPARE(series.size(), 1);
        QCOMPARE(series.at(0).toMap().value("label").toString(), QString("priced project"));
        QVERIFY(qAbs(overTime.value("max").toDouble() - balances.spent()) < 1e-12);

        ReportsModel reports;
        watch(reports);
        reports.setSession(m_h.session.get());
        QTRY_COMPARE(reports.count(), 1);
        QTRY_VERIFY(reports.get(0).value("markdown").toString().contains("priced project"));
        // Each row names its run's project, status and cost.
        QTRY_COMPARE(reports.get(0).value("status").toString(), QString("completed"));
        QVERIFY(!reports.get(0).value("projectName").toString().isEmpty());
        QVERIFY(reports.get(0).value("cost").toDouble() > 0);
        // The chosen report is held by its key: its text follows it through searches.
        QSignalSpy selected(&reports, &ReportsModel::selectedChanged);
        QCOMPARE(reports.selectedKey(), runId); // the newest is open at once
        reports.setSelectedKey(QString());
        reports.setSelectedKey(runId);
        QCOMPARE(reports.selectedRow(), 0);
        QVERIFY(reports.selectedMarkdown().contains("priced project"));
        reports.setSearch("nothing like this");
        QCOMPARE(reports.count(), 0);
        QCOMPARE(reports.selectedRow(), -1);
        reports.setSearch("PRICED");
        QCOMPARE(reports.count(), 1);
        QCOMPARE(reports.selectedRow(), 0);
        QVERIFY(selected.size() >= 3);
        QTemporaryDir dir;
        QVERIFY(reports.exportReport(0, QUrl::fromLocalFile(dir.filePath("r.md"))));
        QFile exported(dir.filePath("r.md"));
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QVERIFY(exported.readAll().contains("priced project"));

        // "While you were away", in Russian: written, listed as its kind, and shown.
        reports.setSearch(QString());
        reports.writeAway("ru");
        QTRY_VERIFY(reports.selectedKey().startsWith("away-ru-"));
        QTRY_COMPARE(reports.count(), 2);
        QTRY_VERIFY(reports.selectedMarkdown().contains("Пока вас не было"));
        QCOMPARE(reports.get(reports.selectedRow()).value("kind").toString(), QString("away"));
        QVERIFY(reports.selectedMarkdown().contains("- priced project: создание, завершён"));
    }

    // Spend per project over time comes from the remote API too: rows whose keys are not
    // "day|project" are skipped, days are ordered, and every series has a value per day.
    void spendOverTimeFromHostileRows()
    {
        std::vector<SpendRow> rows = {
            {"2026-11-02|p1", "Clock", 0.5},    {"no bar here", "x", 99},
            {"|p2", "nameless day", 99},        {"2026-11-01|p2", "Weather", 0.25},
            {"2026-11-02|p2", "Weather", 0.25}, {"2026-11-01|" + QString(5000, 'p'), "Huge id", 1}};
        const QVariantMap overTime = BalancesModel::seriesByProject(rows);
        QCOMPARE(overTime.value("days").toStringList(), QStringList({"2026-11-01", "2026-11-02"}));
        const QVariantList series = overTime.value("projects").toList();
        QCOMPARE(series.size(), 3);
        for (const QVariant& one : series)
            QCOMPARE(one.toMap().value("costs").toList().size(), 2);
        QCOMPARE(series.at(0).toMap().value("label").toString(), QString("Clock"));
        QCOMPARE(series.at(0).toMap().value("costs").toList().at(0).toDouble(), 0.0);
        QVERIFY(qAbs(overTime.value("max").toDouble() - 1.25) < 1e-12); // the first day
        QVERIFY(BalancesModel::seriesByProject({}).value("days").toStringList().isEmpty());
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
