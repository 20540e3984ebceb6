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

    function test_theSidePanelNeverCoversTheCanvas() {
        const view = createTemporaryObject(editorComponent, test)
        view.editor.load(graphBody())
        const canvas = findChild(view, "editorCanvas")
        const panel = findChild(view, "sidePanel")
        tryVerify(() => panel.width > 0 && canvas.width > 0)
        verify(panel.x >= canvas.x + canvas.width, "side by side")
        verify(canvas.width > view.width / 2)
        // Dragged wide, it stops at half the view.
        panel.wantedWidth = 5000
        tryVerify(() => panel.width <= view.width * 0.5 + 1)
        verify(panel.x >= canvas.x + canvas.width)
        verify(canvas.width >= 240)
        // Hidden, the canvas takes the whole width; shown again, it comes back beside it.
        mouseClick(findChild(view, "panelToggle"))
        tryVerify(() => !panel.visible && canvas.width >= view.width - 1)
        mouseClick(findChild(view, "panelToggle"))
        tryVerify(() => panel.visible && panel.x >= canvas.x + canvas.width)
    }
}
