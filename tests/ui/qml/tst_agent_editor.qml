import QtQuick
import QtTest
import Orchestrator.Ui

TestCase {
    id: test
    name: "AgentEditor"
    when: windowShown
    visible: true // mouse events reach only a visible test case
    width: 1200
    height: 800

    Component {
        id: editorComponent
        AgentEditor { session: null; width: 1200; height: 800 }
    }

    function graphBody() {
        return {
            format: "codegen-orchestrator.graph/1", name: "t", entry: "a",
            models: { "default": { provider: "openai", model: "m" } },
            agents: [{ id: "a", kind: "llm", model: "default", prompt: { text: "x" }, ui: { x: 40, y: 40 } },
                     { id: "b", kind: "llm", model: "default", prompt: { text: "y" }, terminal: true, ui: { x: 400, y: 40 } }],
            edges: []
        }
    }

    function test_addRemoveEdgeValidateUndo() {
        const view = createTemporaryObject(editorComponent, test)
        const editor = view.editor
        editor.load(graphBody())
        tryVerify(() => findChild(view, "editorNode_b") !== null)
        verify(editor.valid)
        compare(editor.edges.length, 0)

        verify(editor.addEdge("a", "b"))
        compare(editor.edges.length, 1)
        compare(editor.edges[0].to, "b")
        editor.removeEdge(0)
        compare(editor.edges.length, 0)
        editor.undo()
        compare(editor.edges.length, 1)

        // A problem is shown at its field, and goes away with undo.
        view.selected = 0
        editor.setField(0, "model", "missing")
        verify(!editor.valid)
        verify(editor.fieldError(0, "model").length > 0)
        const node = findChild(view, "editorNode_a")
        verify(Qt.colorEqual(node.border.color, "#c62828"))
        editor.undo()
        verify(editor.valid)
        verify(Qt.colorEqual(node.border.color, "#90a4ae"))

        // Dragging a node records its new place as one undoable step.
        const before = node.x
        view.selected = -1
        mouseClick(node, 30, 10)
        compare(view.selected, 0)
        mouseDrag(node, 20, 20, 120, 60, Qt.LeftButton, Qt.NoModifier, 20)
        tryVerify(() => editor.agent(0).posX !== before)
        editor.undo()
        tryVerify(() => editor.agent(0).posX === before)
        tryCompare(node, "x", before) // the node follows the document again
    }
}
