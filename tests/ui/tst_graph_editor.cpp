// The agent editor against a real in-process engine (edges, moves, fields, validation at the
// field, undo/redo, save, import/export) and against a scripted engine for its verdict.

#include "GraphEditor.h"
#include "RecordingEngine.h"
#include "TestGraphs.h"
#include "UiHarness.h"
#include "runtime/GraphCatalog.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;
using namespace orch::ui;

class TestGraphEditor : public QObject
{
    Q_OBJECT

    UiHarness m_h;

    Engine& engine() { return m_h.engine(); }
    template <typename Model> void watch(Model& model) { UiHarness::watch(model); }

private slots:
    void initTestCase() { QVERIFY(m_h.listen()); }
    void init() { m_h.start(); }
    void cleanup() { m_h.stop(); }

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
        editor.setSession(m_h.session.get());
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

    // An agent made a coding agent CLI: its own tools go, its settings come with defaults,
    // each edit one undo step; the engine's verdict names the coding field that is wrong.
    void anAgentBecomesACodingAgent()
    {
        QVERIFY(inside(engine()).graphs().save(chainGraph(2)).ok());
        GraphEditor editor;
        watch(editor);
        editor.setSession(m_h.session.get());
        QTRY_COMPARE(editor.rowCount(), 2);
        editor.setTool(0, "ask_human", true);
        editor.setField(0, "kind", "coding_agent");
        QVariantMap agent = editor.agent(0);
        QCOMPARE(agent.value("kind").toString(), QString("coding_agent"));
        QVERIFY(agent.value("tools").toStringList().isEmpty());
        QCOMPARE(agent.value("coding").toMap().value("program").toString(), QString("claude"));
        QTRY_VERIFY(editor.valid());

        editor.setField(0, "coding.program", "command");
        QTRY_VERIFY(!editor.fieldError(0, "coding.command").isEmpty()); // a command is needed
        editor.setField(0, "coding.command", "droid exec --file \"{task_file}\" --auto high");
        QCOMPARE(editor.agent(0).value("coding").toMap().value("command").toStringList(),
                 QStringList({"droid", "exec", "--file", "{task_file}", "--auto", "high"}));
        editor.setField(0, "coding.max_minutes", "1.5");
        QCOMPARE(editor.agent(0).value("coding").toMap().value("max_minutes").toDouble(), 1.5);
        QTRY_VERIFY(editor.valid());
        editor.setField(0, "coding.max_cost_usd", "lots");
        QTRY_VERIFY(!editor.fieldError(0, "coding.max_cost_usd").isEmpty());
        editor.undo();
        QTRY_VERIFY(editor.valid());

        // Back to the built-in loop: the coding settings go.
        editor.setField(0, "kind", "llm");
        QVERIFY(editor.agent(0).value("coding").toMap().isEmpty());
        QCOMPARE(editor.agent(0).value("kind").toString(), QString("llm"));
        editor.undo();
        QCOMPARE(editor.agent(0).value("kind").toString(), QString("coding_agent"));
    }
};

QTEST_MAIN(TestGraphEditor)
#include "tst_graph_editor.moc"
