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

    Component {
        id: canvasComponent
        Item {
            width: 900; height: 400
            property alias canvas: edgesCanvas
            Repeater {
                id: row
                model: [{ x: 0, y: 100 }, { x: 300, y: 100 }, { x: 600, y: 100 }]
                Item { required property var modelData; x: modelData.x; y: modelData.y; width: 150; height: 56 }
            }
            GraphCanvas {
                id: edgesCanvas
                anchors.fill: parent
                nodeCount: row.count
                nodeAt: index => row.itemAt(index)
                positionOf: id => row.itemAt(["a", "b", "c"].indexOf(id))
                edges: [{ from: "a", to: "c", when: "always" }]
            }
        }
    }

    // An edge whose straight line would cross another node bends around it; one with nothing
    // in the way stays straight.
    function test_edgesGoAroundNodes() {
        const item = createTemporaryObject(canvasComponent, test)
        const canvas = item.canvas
        const a = canvas.centre("a"), b = canvas.centre("b"), c = canvas.centre("c")
        compare(canvas.route(a, b, [canvas.positionOf("a"), canvas.positionOf("b")]).length, 2)
        const around = canvas.route(a, c, [canvas.positionOf("a"), canvas.positionOf("c")])
        compare(around.length, 3)
        const middle = canvas.positionOf("b")
        for (const [p, q] of [[around[0], around[1]], [around[1], around[2]]])
            verify(!canvas.crosses(p, q, Qt.rect(middle.x, middle.y, 150, 56)))
        verify(canvas.crosses(a, c, Qt.rect(middle.x, middle.y, 150, 56)))
    }

    // "Lessons…" opens what runs learned; with no engine behind it, the list is empty and
    // says how lessons come about.
    function test_lessonsOpenFromTheToolbar() {
        const editor = createTemporaryObject(editorComponent, test)
        const button = findChild(editor, "openLessons")
        verify(button)
        mouseClick(button)
        const dialog = findChild(editor, "lessonsDialog")
        tryCompare(dialog, "opened", true)
        const list = findChild(dialog.contentItem, "lessonList")
        verify(list)
        compare(list.count, 0)
        dialog.close()
        tryCompare(dialog, "visible", false)
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

    function withEdge() {
        const body = graphBody()
        body.edges = [{ from: "a", to: "b", when: "always" }]
        return body
    }

    function test_nothingIsChosenAtFirst() {
        const view = createTemporaryObject(editorComponent, test)
        view.editor.load(withEdge())
        tryVerify(() => findChild(view, "editorNode_b") !== null)
        compare(view.selectedEdge, -1)
        compare(view.selected, -1)
        const deleteEdge = findChild(view, "deleteEdge")
        verify(deleteEdge === null || !deleteEdge.visible)
        // Chosen in the panel, the edge can be deleted; Delete does the same.
        mouseClick(findChild(view, "edge_0"))
        compare(view.selectedEdge, 0)
        tryVerify(() => findChild(view, "deleteEdge").visible)
        view.deleteChosen()
        compare(view.editor.edges.length, 0)
        compare(view.selectedEdge, -1)
    }

    // The problem count shows whenever the graph has problems, also after a save; a save's
    // message goes with the next edit.
    function test_problemsShowAfterASave() {
        const view = createTemporaryObject(editorComponent, test)
        const editor = view.editor
        editor.load(graphBody())
        const count = findChild(view, "problemCount")
        const status = findChild(view, "editorStatus")
        verify(!count.visible)
        editor.saved(2)
        compare(status.text, "Saved as version 2. Running runs keep theirs.")
        editor.setField(0, "model", "missing")
        verify(!editor.valid)
        tryVerify(() => count.visible)
        verify(count.text.indexOf("1") >= 0)
        compare(status.text, "")
        editor.undo()
        tryVerify(() => !count.visible)
    }

    function test_anEmptyTitleIsRefused() {
        const view = createTemporaryObject(editorComponent, test)
        const editor = view.editor
        editor.load(graphBody())
        editor.setField(0, "title", "Alpha")
        compare(editor.agent(0).title, "Alpha")
        editor.setField(0, "title", "   ")
        compare(editor.agent(0).title, "Alpha")
        const status = findChild(view, "editorStatus")
        verify(status.text.length > 0)
        verify(view.statusFailed)
    }

    function test_aNewAgentLandsOnFreeGround() {
        const view = createTemporaryObject(editorComponent, test)
        const editor = view.editor
        editor.load(graphBody())
        tryVerify(() => findChild(view, "editorNode_b") !== null)
        mouseClick(findChild(view, "addAgent"))
        const row = view.selected
        compare(row, 2)
        const added = editor.agent(row)
        for (let i = 0; i < 2; ++i) {
            const other = editor.agent(i)
            verify(Math.abs(other.posX - added.posX) >= 150 || Math.abs(other.posY - added.posY) >= 56,
                   "agent " + i + " at " + other.posX + "," + other.posY + " and the new one at " + added.posX + "," + added.posY)
        }
    }

    function test_zoomAndFit() {
        const view = createTemporaryObject(editorComponent, test)
        const editor = view.editor
        const body = graphBody()
        body.agents[1].ui = { x: 2000, y: 1400 } // far away: out of view at 100%
        editor.load(body)
        tryVerify(() => findChild(view, "editorNode_b") !== null)
        const flick = findChild(view, "editorCanvas")
        view.setZoom(5)
        compare(view.zoom, 2) // bounded
        mouseClick(findChild(view, "fitGraph"))
        verify(view.zoom < 1)
        // Both agents are inside the visible part of the canvas.
        for (const id of ["a", "b"]) {
            const node = findChild(view, "editorNode_" + id)
            const p = node.mapToItem(flick, 0, 0)
            verify(p.x >= 0 && p.y >= 0 && p.x + node.width * view.zoom <= flick.width + 1 && p.y + node.height * view.zoom <= flick.height + 1,
                   id + " at " + p.x + "," + p.y)
        }
        compare(findChild(view, "zoomLevel").text, Math.round(view.zoom * 100) + "%")
    }

    function test_shortcutsUndoAndDelete() {
        const view = createTemporaryObject(editorComponent, test)
        const editor = view.editor
        editor.load(graphBody())
        tryVerify(() => findChild(view, "editorNode_b") !== null)
        verify(editor.addEdge("a", "b"))
        view.forceActiveFocus()
        keyClick(Qt.Key_Z, Qt.ControlModifier)
        compare(editor.edges.length, 0)
        keyClick(Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
        compare(editor.edges.length, 1)
        mouseClick(findChild(view, "editorNode_b"), 40, 10)
        compare(view.selected, 1)
        keyClick(Qt.Key_Delete)
        compare(editor.rowCount(), 1)
    }

    // A long prompt scrolls in its box instead of running past it.
    function test_aLongPromptScrolls() {
        const view = createTemporaryObject(editorComponent, test)
        const body = graphBody()
        body.agents[0].prompt = { text: "line\n".repeat(80) }
        view.editor.load(body)
        view.selected = 0
        const scroll = findChild(view, "promptScroll")
        const field = findChild(view, "promptField")
        tryVerify(() => field.text.length > 0)
        verify(scroll.height <= 481)
        verify(field.contentHeight > scroll.height)
        compare(findChild(view, "promptLength").text, field.length + " characters")
    }

    // The shared rules an agent's prompt includes are shown beside it, read-only; a name the
    // graph does not carry is a problem at the prompt.
    function test_sharedRulesAreShownReadOnly() {
        const view = createTemporaryObject(editorComponent, test)
        const body = graphBody()
        body.shared_prompts = { "rules.md": "Call a tool in every reply." }
        body.agents[0].prompt = { text: "Plan the work.\n{{include rules.md}}\n" }
        view.editor.load(body)
        view.selected = 0
        verify(view.editor.valid)
        const toggle = findChild(view, "shared_rules.md")
        tryVerify(() => toggle !== null && toggle.visible)
        const shared = findChild(view, "sharedText_rules.md")
        verify(!shared.visible)
        mouseClick(toggle)
        tryVerify(() => shared.visible)
        verify(shared.readOnly)
        compare(shared.text, "Call a tool in every reply.")
        compare(findChild(view, "promptField").text, "Plan the work.\n{{include rules.md}}\n")

        view.editor.setField(0, "prompt", "Plan.\n{{include house.md}}\n")
        tryVerify(() => !view.editor.valid)
        verify(view.editor.fieldError(0, "prompt").indexOf("house.md") >= 0)
    }

    // Problems are listed in one panel; a click goes to the agent and its field.
    function test_theProblemsPanelGoesToTheField() {
        const view = createTemporaryObject(editorComponent, test)
        const editor = view.editor
        editor.load(graphBody())
        const panel = findChild(view, "problemsPanel")
        verify(!panel.visible)
        editor.setField(1, "model", "missing")
        tryVerify(() => panel.visible)
        const problem = findChild(view, "problem_0")
        verify(problem !== null)
        compare(view.selected, -1)
        mouseClick(problem)
        compare(view.selected, 1)
        tryVerify(() => findChild(view, "modelField").activeFocus)
        editor.undo()
        tryVerify(() => !panel.visible)
    }

    // Made a coding agent, the form offers the CLI's settings instead of the model profile,
    // prompt and tools; the command field only for another CLI.
    function test_theCodingAgentKindShowsItsFields() {
        const view = createTemporaryObject(editorComponent, test)
        const editor = view.editor
        editor.load(graphBody())
        view.selected = 0
        const kind = findChild(view, "kindField")
        verify(kind !== null && kind.visible)
        compare(kind.currentIndex, 0)
        verify(findChild(view, "promptScroll").visible)
        verify(!findChild(view, "codingProgram").visible)
        editor.setField(0, "kind", "coding_agent")
        tryCompare(kind, "currentIndex", 1)
        tryVerify(() => findChild(view, "codingProgram").visible)
        verify(!findChild(view, "promptScroll").visible)
        verify(!findChild(view, "modelField").visible)
        compare(findChild(view, "codingMinutes").text, "30")
        verify(!findChild(view, "codingCommand").visible)
        editor.setField(0, "coding.program", "command")
        tryVerify(() => findChild(view, "codingCommand").visible)
        compare(findChild(view, "codingProgram").currentIndex, 2)
        editor.undo()
        editor.undo()
        tryVerify(() => findChild(view, "promptScroll").visible)
    }

    // Arrange places every agent by the layered layout in one undoable step.
    function test_arrangeLaysOutAndUndoes() {
        const view = createTemporaryObject(editorComponent, test)
        const editor = view.editor
        const body = withEdge()
        body.agents[0].ui = { x: 900, y: 700 }
        body.agents[1].ui = { x: 905, y: 705 } // on top of each other
        editor.load(body)
        tryVerify(() => findChild(view, "editorNode_b") !== null)
        mouseClick(findChild(view, "arrange"))
        const a = editor.agent(0), b = editor.agent(1)
        verify(b.posX >= a.posX + 150, a.posX + " then " + b.posX) // the entry first, left to right
        editor.undo()
        compare(editor.agent(0).posX, 900)
        compare(editor.agent(1).posX, 905)
    }

    // A graph larger than the view shows a minimap; a click there brings that part into view.
    function test_theMinimapMovesTheView() {
        const view = createTemporaryObject(editorComponent, test)
        const editor = view.editor
        const body = graphBody()
        body.agents[1].ui = { x: 2000, y: 1400 }
        editor.load(body)
        tryVerify(() => findChild(view, "editorNode_b") !== null)
        const flick = findChild(view, "editorCanvas")
        const minimap = findChild(view, "minimap")
        view.setZoom(1)
        flick.contentX = 0
        flick.contentY = 0
        tryVerify(() => minimap.visible)
        const b = findChild(view, "editorNode_b")
        mouseClick(minimap, (2000 + 75) * minimap.ratio, (1400 + 28) * minimap.ratio)
        const p = b.mapToItem(flick, 0, 0)
        verify(p.x >= 0 && p.y >= 0 && p.x + b.width <= flick.width && p.y + b.height <= flick.height,
               "b at " + p.x + "," + p.y + " in " + flick.width + "x" + flick.height)
        // Everything in view: no minimap.
        view.fit()
        tryVerify(() => !minimap.visible)
    }
}
