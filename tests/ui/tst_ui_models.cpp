// The desktop's C++ models against a real in-process engine and the fake model server, each
// watched by QAbstractItemModelTester: projects (filter, search, live refresh), a run's
// timeline (live steps, question), the live graph (states from events), balances, reports,
// and the agent editor (edges, moves, fields, validation at the field, undo/redo, save,
// import/export).

#include "BalancesModel.h"
#include "DesktopServices.h"
#include "GraphEditor.h"
#include "GraphModel.h"
#include "ProjectsModel.h"
#include "RecordingEngine.h"
#include "ReportsModel.h"
#include "RunTimelineModel.h"
#include "ScriptedModel.h"
#include "SettingsController.h"
#include "TestFiles.h"
#include "TestGraphs.h"
#include "WorkspaceModel.h"
#include "runtime/GraphCatalog.h"
#include "store/RunStore.h"
#include "vault/Vault.h"
#include "workspace/GitRepository.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;
using namespace orch::ui;

class TestUiModels : public QObject
{
    Q_OBJECT

    FakeLlmServer m_server;
    ScriptedModel m_model;
    std::unique_ptr<TestEngine> m_engine;
    std::unique_ptr<Session> m_session;

    Engine& engine() { return *m_engine->engine; }
    template <typename Model> void watch(Model& model)
    {
        new QAbstractItemModelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     &model);
    }

private slots:
    void initTestCase() { QVERIFY(m_server.listen()); }
    void init()
    {
        m_model = ScriptedModel();
        m_server.reset();
        m_server.setHandler(m_model.handler());
        m_model.setFallback(
            [](const QString&, const Json&) { return FakeReply::openAiText("done", 1000, 100); });
        m_engine = std::make_unique<TestEngine>(m_server);
        m_session =
            std::make_unique<Session>(m_engine->engine.get(), false, QStringLiteral("test.db"));
    }
    void cleanup()
    {
        m_session.reset();
        m_engine.reset();
    }

    void projectsFollowTheRuns()
    {
        QVERIFY(inside(engine()).graphs().save(chainGraph(2)).ok());
        ProjectsModel projects;
        watch(projects);
        projects.setSession(m_session.get());
        QTRY_VERIFY(!projects.loading());
        QCOMPARE(projects.count(), 0);
        const QString first = inside(engine()).startRun("weather bot", QString()).value();
        QCOMPARE(m_engine->waitForStop(first).status, RunStatus::Completed);
        QVERIFY(inside(engine())
                    .graphs()
                    .save(testGraph(
                        "a", {testAgent("a", {{"tools", {"ask_human"}}, {"terminal", true}})},
                        Json::array()))
                    .ok());
        m_model.script(
            "a", {FakeReply::openAiToolCalls({toolCall(
                     "ask_human", {{"question", "Which city?"}, {"options", {"Oslo", "Rome"}}})})});
        const QString second = inside(engine()).startRun("city clock", QString()).value();
        QCOMPARE(m_engine->waitForStop(second).status, RunStatus::WaitingHuman);
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
        watch(waiting);
        waiting.setSession(m_session.get());
        waiting.setRunId(second);
        QTRY_VERIFY(!waiting.loading());
        QCOMPARE(waiting.question(), QString("Which city?"));
        QCOMPARE(waiting.questionOptions(), QStringList({"Oslo", "Rome"}));
        QCOMPARE(waiting.status(), RunStatus::WaitingHuman);
    }

    // Two questions asked in one reply reach the desktop one after the other.
    void queuedQuestionsShowOneAfterAnother()
    {
        QVERIFY(inside(engine())
                    .graphs()
                    .save(testGraph(
                        "a", {testAgent("a", {{"tools", {"ask_human"}}, {"terminal", true}})},
                        Json::array()))
                    .ok());
        m_model.script("a", {FakeReply::openAiToolCalls(
                                 {toolCall("ask_human", {{"question", "Which city?"}}, "q1"),
                                  toolCall("ask_human", {{"question", "Which port?"}}, "q2")}),
                             FakeReply::openAiText("done")});
        const QString runId = inside(engine()).startRun("two questions", QString()).value();
        QCOMPARE(m_engine->waitForStop(runId).status, RunStatus::WaitingHuman);
        RunTimelineModel timeline;
        watch(timeline);
        timeline.setSession(m_session.get());
        timeline.setRunId(runId);
        QTRY_VERIFY(!timeline.loading());
        QCOMPARE(timeline.question(), QString("Which city?"));
        QVERIFY(!timeline.questionIsSecret());
        QCOMPARE(m_engine->answerAndWait(runId, "Oslo").status, RunStatus::WaitingHuman);
        QTRY_COMPARE(timeline.question(), QString("Which port?"));
        QCOMPARE(m_engine->answerAndWait(runId, "8080").status, RunStatus::Completed);
        QTRY_COMPARE(timeline.status(), RunStatus::Completed);
        QVERIFY(timeline.question().isEmpty());
    }

    // A secret is typed hidden; once sent, the timeline shows where it went, not the value.
    void aSecretQuestionIsAnsweredHidden()
    {
        QVERIFY(inside(engine())
                    .graphs()
                    .save(testGraph(
                        "a", {testAgent("a", {{"tools", {"request_secret"}}, {"terminal", true}})},
                        Json::array()))
                    .ok());
        m_model.script(
            "a", {FakeReply::openAiToolCalls({toolCall(
                      "request_secret",
                      {{"handle", "key:maps"}, {"env", "MAPS_KEY"}, {"text", "Your maps key"}})}),
                  FakeReply::openAiText("done")});
        const QString runId = inside(engine()).startRun("maps", QString()).value();
        QCOMPARE(m_engine->waitForStop(runId).status, RunStatus::WaitingHuman);
        RunTimelineModel timeline;
        watch(timeline);
        timeline.setSession(m_session.get());
        timeline.setRunId(runId);
        QTRY_VERIFY(!timeline.loading());
        QCOMPARE(timeline.question(), QString("Your maps key"));
        QVERIFY(timeline.questionIsSecret());
        QVERIFY(timeline.questionOptions().isEmpty());
        QCOMPARE(m_engine->answerAndWait(runId, "maps-secret-81d0").status, RunStatus::Completed);
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
        timeline.setSession(m_session.get());
        const QString runId = inside(engine()).startRun("live", QString()).value();
        timeline.setRunId(runId); // before the first step has run
        QCOMPARE(m_engine->waitForStop(runId).status, RunStatus::Completed);
        QTRY_COMPARE(timeline.count(), 4);
        QCOMPARE(timeline.get(0).value("agent").toString(), QString("a1"));
        QCOMPARE(timeline.get(3).value("agent").toString(), QString("a4"));
        QCOMPARE(timeline.get(2).value("promptTokens").toLongLong(), 1000);
        QVERIFY(
            !timeline.get(2).value("cost").isValid()); // fake-model has no price: unknown, not 0
        QTRY_VERIFY(timeline.report().contains("live"));
        QCOMPARE(timeline.status(), RunStatus::Completed);
    }

    void theGraphShowsStatesFromEvents()
    {
        QVERIFY(inside(engine()).graphs().save(chainGraph(3)).ok());
        const QString runId = inside(engine()).startRun("graph", QString()).value();
        GraphModel graph;
        watch(graph);
        graph.setSession(m_session.get());
        QSignalSpy handoffs(&graph, &GraphModel::handoff);
        graph.setRunId(runId);
        QTRY_COMPARE(graph.count(), 3);
        QCOMPARE(graph.edges().size(), 2);
        QCOMPARE(m_engine->waitForStop(runId).status, RunStatus::Completed);
        QTRY_COMPARE(graph.get(2).value("agentState").toString(), QString("done"));
        QCOMPARE(graph.get(0).value("agentState").toString(), QString("done"));
        QCOMPARE(graph.activeAgent(), QString()); // the run ended
        QVERIFY(handoffs.size() >= 1);            // a1 → a2 along its edge, live or from history
        graph.setAgentState("a2", "thinking");
        QCOMPARE(graph.get(1).value("agentState").toString(), QString("thinking"));
        graph.setActiveAgent("a2");
        QCOMPARE(graph.get(1).value("active").toBool(), true);
    }

    void balancesAndReports()
    {
        Json priced = chainGraph(3);
        priced["models"]["default"]["model"] = "gpt-4o-mini";
        QVERIFY(inside(engine()).graphs().save(priced).ok());
        const QString runId = inside(engine()).startRun("priced project", QString()).value();
        QCOMPARE(m_engine->waitForStop(runId).status, RunStatus::Completed);
        BalancesModel balances;
        watch(balances);
        balances.setSession(m_session.get());
        QTRY_VERIFY(!balances.loading());
        QCOMPARE(balances.count(), 1); // one day
        balances.setDimension("agent");
        QTRY_COMPARE(balances.count(), 3);
        QVERIFY(balances.spent() > 0);
        QVERIFY(qAbs(balances.maxCost() - (1000 * 0.15 + 100 * 0.60) / 1e6) < 1e-12);
        QVERIFY(!balances.limited());
        QSignalSpy finished(m_session->topUp("global", 5), &PendingAction::finished);
        QTRY_VERIFY(balances.limited());
        QVERIFY(qAbs(balances.remaining() - 5) < 1e-9);
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.first().at(0).toBool());

        ReportsModel reports;
        watch(reports);
        reports.setSession(m_session.get());
        QTRY_COMPARE(reports.count(), 1);
        QTRY_VERIFY(reports.get(0).value("markdown").toString().contains("priced project"));
        reports.setSearch("nothing like this");
        QCOMPARE(reports.count(), 0);
        reports.setSearch("PRICED");
        QCOMPARE(reports.count(), 1);
        QTemporaryDir dir;
        QVERIFY(reports.exportReport(0, QUrl::fromLocalFile(dir.filePath("r.md"))));
        QFile exported(dir.filePath("r.md"));
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QVERIFY(exported.readAll().contains("priced project"));
    }

    void filesAndCommitsOfTheProject()
    {
        QVERIFY(inside(engine()).graphs().save(chainGraph(1)).ok());
        const QString runId = inside(engine()).startRun("browsable", QString()).value();
        QCOMPARE(m_engine->waitForStop(runId).status, RunStatus::Completed);
        const QString workspace = inside(engine())
                                      .store()
                                      .project(inside(engine()).store().run(runId)->projectId)
                                      ->workspace;
        QVERIFY(QDir(workspace).mkpath("src"));
        QFile file(workspace + "/src/app.py");
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("print('hello')\n");
        file.close();
        auto repository = GitRepository::open(workspace, true).value();
        const QString sha =
            repository->commitAll("Add the app", "Developer", "dev@example.com").value();

        WorkspaceModel files;
        watch(files);
        files.setSession(m_session.get());
        files.setRunId(runId);
        QTRY_COMPARE(files.count(), 1);
        QCOMPARE(files.get(0).value("path").toString(),
                 QString("src/app.py")); // .git is not listed
        files.open("src/app.py");
        QTRY_COMPARE(files.detail(), QString("print('hello')\n"));
        files.open("../../etc/passwd");
        QTRY_VERIFY(files.detail() != QString("print('hello')\n"));
        QVERIFY2(!files.detail().contains("root:"), qPrintable(files.detail()));

        CommitsModel commits;
        watch(commits);
        commits.setSession(m_session.get());
        commits.setRunId(runId);
        QTRY_COMPARE(commits.count(), 1);
        QCOMPARE(commits.get(0).value("sha").toString(), sha);
        QCOMPARE(commits.get(0).value("summary").toString(), QString("Add the app"));
        commits.showDiff(sha);
        QTRY_VERIFY(commits.detail().contains("+print('hello')"));
    }

    void settingsKeepTheFileAndPutSecretsInTheVault()
    {
        qputenv("ORCHESTRATOR_VAULT_KEY", QByteArray(32, 's').toBase64());
        QTemporaryDir dir;
        const QString path = dir.filePath("orchestratord.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"database": "o.db", "deploy": {"root": "d"}})");
        file.close();
        SettingsController settings(path, desktop::settingsServices(&engine()));
        // For the desktop the places may default, but a deploy section must be complete.
        QVERIFY(!settings.problems().join('\n').contains("workspace_root"));
        QVERIFY(
            settings.problems().join('\n').contains("deploy.http_port: missing required setting"));
        settings.setProvider("openai", "https://api.openai.com/v1", "key:openai");
        settings.setProvider("nonsense", "http://x", "");
        QCOMPARE(settings.providers().at(0).toMap().value("baseUrl").toString(),
                 QString("https://api.openai.com/v1"));
        QVERIFY(!settings.setTelegram("bot:main", "12, abc", ""));
        QVERIFY(settings.setTelegram("bot:main", "12, 34", "56"));
        QCOMPARE(settings.admins(), QString("12, 34"));
        QVERIFY(settings.save());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Json saved = parseJson(file.readAll());
        file.close();
        QCOMPARE(saved["database"], "o.db"); // what the desktop does not edit stays
        QCOMPARE(saved["providers"]["openai"]["api_key_secret"], "key:openai");
        QVERIFY(!saved["providers"].contains("nonsense"));
        QCOMPARE(saved["telegram"]["admins"][1], 34);
        QCOMPARE(int(QFile(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup)),
                 0);

        QCOMPARE(settings.storeSecret("key:openai", "sk-desktop-key"), QString());
        QCOMPARE(inside(engine()).vault().value()->reveal("key:openai").value(),
                 QByteArray("sk-desktop-key"));
        QVERIFY(readFile(path).contains("key:openai"));
        QVERIFY(
            !readFile(path).contains("sk-desktop-key")); // the key itself never goes into the file
        SettingsController remote(path, desktop::settingsServices(nullptr));
        QVERIFY(!remote.canStoreSecrets());
        QVERIFY(!remote.storeSecret("key:x", "v").isEmpty());
    }

    void theEditorAsksTheEnginesVerdictOnceEditsPause()
    {
        // An engine that knows one tool and refuses every graph for a reason only it can see.
        class VerdictEngine final : public test::RecordingEngine
        {
        public:
            void graph(const api::GraphRef&, Reply<GraphVersion> done) override
            {
                ++calls["graphs.get"];
                done(GraphVersion{4, "chain", chainGraph(2), 0});
            }
            void toolCatalogue(const api::NoParams&, Reply<std::vector<ToolInfo>> done) override
            {
                done(std::vector<ToolInfo>{{"ask_human", "asks", Json::object()}});
            }
            void validateGraph(const api::GraphBody&, Reply<std::vector<GraphIssue>> done) override
            {
                ++calls["graphs.validate"];
                done(std::vector<GraphIssue>{{"agents[0].model", "no such model profile"}});
            }
        } verdicts;
        Session session(&verdicts, true, "verdicts");
        GraphEditor editor;
        editor.setSession(&session);
        QTRY_COMPARE(editor.rowCount(), 2);
        QTRY_VERIFY(editor.errors().contains("agents[0].model"));
        QVERIFY(!editor.valid());
        const int asked = verdicts.calls.value("graphs.validate");
        QCOMPARE(asked, 1);

        // A burst of edits (a drag) is one question once it pauses, not one per edit.
        for (int i = 0; i < 10; ++i)
            editor.moveNode(0, 10.0 * i, 5.0 * i);
        QVERIFY(!editor.errors().contains("agents[0].model")); // the old verdict is gone
        QTRY_VERIFY(editor.errors().contains("agents[0].model"));
        QCOMPARE(verdicts.calls.value("graphs.validate"), asked + 1);

        // A graph the editor itself refuses is not sent at all.
        editor.setEdgeCondition(0, "tests.passed ==");
        QTest::qWait(600);
        QCOMPARE(verdicts.calls.value("graphs.validate"), asked + 1);
    }

    void theEditorEditsUndoesValidatesAndSaves()
    {
        QVERIFY(inside(engine()).graphs().save(chainGraph(3)).ok());
        GraphEditor editor;
        watch(editor);
        editor.setSession(m_session.get());
        QTRY_COMPARE(editor.rowCount(), 3);
        const qint64 firstVersion = editor.versionId();
        QVERIFY(editor.valid());
        QVERIFY(!editor.canUndo());

        QVERIFY(editor.addEdge("a1", "a3"));
        QVERIFY(!editor.addEdge("a1", "a3")); // no duplicates
        QVERIFY(!editor.addEdge("a1", "a1")); // no loops on one agent
        QCOMPARE(editor.edges().size(), 3);
        editor.undo();
        QCOMPARE(editor.edges().size(), 2);
        editor.redo();
        QCOMPARE(editor.edges().size(), 3);
        editor.setEdgeCondition(2, "tests.passed");
        QCOMPARE(editor.edges().at(2).toMap().value("when").toString(), QString("tests.passed"));
        editor.setEdgeCondition(2, "tests.passed ==");
        QVERIFY(!editor.valid());
        QVERIFY(!editor.edgeError(2).isEmpty());
        QCOMPARE(editor.edgeError(0), QString());
        editor.undo();
        QVERIFY(editor.valid());
        editor.removeEdge(0);
        QCOMPARE(editor.edges().size(), 2);

        editor.moveNode(1, 100, 100);
        editor.moveNode(1, 300, 250); // one drag: merges into one step
        QCOMPARE(editor.agent(1).value("posX").toDouble(), 300.0);
        editor.undo();
        QCOMPARE(editor.edges().size(), 2);
        QVERIFY(editor.agent(1).value("posX").toDouble() != 300.0);
        editor.redo();

        editor.setField(0, "model", "no-such-profile");
        QVERIFY(!editor.valid());
        QVERIFY2(!editor.fieldError(0, "model").isEmpty(),
                 qPrintable(editor.errors().keys().join(',')));
        QCOMPARE(editor.fieldError(1, "model"), QString());
        editor.undo();
        QVERIFY(editor.valid());

        editor.setField(2, "title", "Final agent");
        editor.setField(0, "prompt", "agent:a1\nBe brief.");
        editor.setTool(0, "ask_human", true);
        QCOMPARE(editor.agent(0).value("tools").toStringList(), QStringList({"ask_human"}));
        editor.setHandoff(0, "a3", true);
        QVERIFY(editor.valid());
        QVERIFY(editor.modified());
        QSignalSpy saved(&editor, &GraphEditor::saved);
        editor.save();
        QTRY_COMPARE(saved.size(), 1);
        QVERIFY(editor.versionId() != firstVersion);
        QVERIFY(!editor.modified());
        const GraphVersion current = inside(engine()).graphs().currentVersion().value();
        QCOMPARE(current.id, editor.versionId());
        QCOMPARE(current.body["agents"][2]["title"], "Final agent");

        const int added = editor.addAgent(500, 400);
        QCOMPARE(editor.rowCount(), 4);
        QVERIFY(editor.addEdge("a3", editor.agent(added).value("agentId").toString()));
        editor.removeAgent(added);
        QCOMPARE(editor.rowCount(), 3);
        for (const QVariant& edge : editor.edges())
            QVERIFY(edge.toMap().value("to").toString().startsWith("a"));

        QTemporaryDir dir;
        const QUrl file = QUrl::fromLocalFile(dir.filePath("g.json"));
        QVERIFY(editor.exportTo(file));
        GraphEditor other;
        watch(other);
        QVERIFY(other.importFrom(file));
        QCOMPARE(other.rowCount(), 3);
        QCOMPARE(other.agent(2).value("title").toString(), QString("Final agent"));
        QVERIFY(other.canUndo()); // an import is one step to undo
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
