import QtQuick
import QtQuick.Controls
import QtTest
import Orchestrator.Ui

// Time travel's checkpoint inspector: the state as a foldable tree with changed values
// marked, the diff from the step before, the conversation, and a fork with an edited value.
TestCase {
    id: test
    name: "Inspector"
    when: windowShown
    visible: true
    width: 800
    height: 700

    CheckpointModel { id: checkpoint }
    SignalSpy { id: forking; target: checkpoint; signalName: "forking" }

    Component {
        id: viewComponent
        CheckpointInspector { model: checkpoint; width: 800; height: 700 }
    }

    readonly property var before: ({ spec: { title: "Clock", cities: ["Tokyo"] }, plan: "one file", budget: 3 })
    readonly property var after: ({ spec: { title: "World clock", cities: ["Tokyo", "Paris"] }, plan: "one file",
                                    budget: 3, tests: { passed: true } })
    readonly property var cursor: ({ agent: "developer", conversation: [
        { role: "user", content: "Build the clock" },
        { role: "assistant", content: "", tool_calls: [{ id: "c1", name: "write_file", arguments: "{}" }] },
        { role: "tool", name: "write_file", tool_call_id: "c1", content: "no such directory", is_error: true }] })

    function init() {
        forking.clear()
        checkpoint.show(after, before, cursor)
    }

    function rowNamed(view, path) {
        return findChild(view, "node_" + path)
    }

    function test_theStateIsATreeThatFolds() {
        const view = createTemporaryObject(viewComponent, test)
        // Top-level keys only, until one is opened.
        compare(checkpoint.tree.count, 4)
        verify(checkpoint.tree.rowOf("/spec/title") < 0)
        checkpoint.tree.toggle(checkpoint.tree.rowOf("/spec"))
        verify(checkpoint.tree.rowOf("/spec/title") > 0)
        compare(checkpoint.tree.count, 6)
        checkpoint.tree.toggle(checkpoint.tree.rowOf("/spec"))
        compare(checkpoint.tree.count, 4)
        compare(checkpoint.agent, "developer")
    }

    function test_changedValuesAreMarkedAndListed() {
        const view = createTemporaryObject(viewComponent, test)
        tryVerify(() => rowNamed(view, "/spec") !== null)
        verify(rowNamed(view, "/spec").changed)   // its title changed below it
        verify(rowNamed(view, "/tests").changed)  // added
        verify(!rowNamed(view, "/plan").changed)
        const paths = checkpoint.changes.map(c => c.path + " " + c.op)
        verify(paths.indexOf("/spec/title changed") >= 0, paths)
        verify(paths.indexOf("/spec/cities/1 added") >= 0, paths)
        verify(paths.indexOf("/tests added") >= 0, paths)
        compare(checkpoint.changes.length, 3)
        const title = checkpoint.changes.find(c => c.path === "/spec/title")
        compare(title.before, "Clock")
        compare(title.after, "World clock")
    }

    function test_theFirstStepHasNoDiff() {
        checkpoint.show(after, null, cursor)
        compare(checkpoint.changes.length, 0)
        compare(checkpoint.tree.count, 4)
    }

    function test_theConversationShowsRolesToolsAndFailures() {
        compare(checkpoint.conversation.length, 3)
        compare(checkpoint.conversation[0].text, "Build the clock")
        compare(checkpoint.conversation[1].tools, "write_file")
        compare(checkpoint.conversation[2].role, "tool · write_file")
        verify(checkpoint.conversation[2].failed)
    }

    function test_aStringValueIsEditedAsTextAndForked() {
        const view = createTemporaryObject(viewComponent, test)
        checkpoint.tree.toggle(checkpoint.tree.rowOf("/spec"))
        tryVerify(() => rowNamed(view, "/spec/title") !== null)
        const title = rowNamed(view, "/spec/title")
        tryVerify(() => title.visible && title.width > 0)
        mouseClick(title)
        const editor = findChild(view, "valueEditor")
        compare(editor.text, "World clock")
        editor.text = "Clock for Lima"
        mouseClick(findChild(view, "forkEdited"))
        compare(forking.count, 1)
        compare(JSON.parse(forking.signalArguments[0][0]), { "/spec/title": "Clock for Lima" })
        compare(checkpoint.editError, "")
    }

    function test_aNumberMustStayJson() {
        const view = createTemporaryObject(viewComponent, test)
        tryVerify(() => rowNamed(view, "/budget") !== null)
        const budget = rowNamed(view, "/budget")
        tryVerify(() => budget.visible && budget.width > 0)
        mouseClick(budget)
        const editor = findChild(view, "valueEditor")
        compare(editor.text, "3")
        editor.text = "three dollars"
        mouseClick(findChild(view, "forkEdited"))
        compare(forking.count, 0)
        verify(checkpoint.editError.indexOf("not JSON") >= 0)
        verify(findChild(view, "editError").visible)
        editor.text = "5"
        mouseClick(findChild(view, "forkEdited"))
        compare(forking.count, 1)
        compare(JSON.parse(forking.signalArguments[0][0]), { "/budget": 5 })
    }

    function test_nothingChosenForksNothing() {
        verify(checkpoint.forkWith("/no/such/value", "x") === null)
        compare(forking.count, 0)
        verify(checkpoint.editError.length > 0)
    }

    function test_hostileStatesStayReadable() {
        // Huge text is cut in the preview; an enormous state is capped in rows.
        const big = {}
        for (let i = 0; i < 3000; ++i)
            big["k" + i] = "x".repeat(500)
        checkpoint.show(big, {}, { conversation: "not a list", agent: 42 })
        compare(checkpoint.tree.count, 2000)
        verify(checkpoint.tree.truncated)
        compare(checkpoint.conversation.length, 0)
        compare(checkpoint.agent, "")
        checkpoint.show("not an object", 7, null)
        compare(checkpoint.tree.count, 0)
        compare(checkpoint.changes.length, 0)
    }
}
