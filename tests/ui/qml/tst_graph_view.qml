import QtQuick
import QtTest
import Orchestrator.Ui

TestCase {
    id: test
    name: "GraphView"
    when: windowShown
    visible: true // mouse events reach only a visible test case
    width: 1000
    height: 700

    Component {
        id: viewComponent
        GraphView { session: null; width: 1000; height: 700 }
    }

    function graphBody() {
        return {
            format: "codegen-orchestrator.graph/1", name: "t", entry: "a",
            agents: [{ id: "a", title: "Alpha", ui: { x: 40, y: 40 } }, { id: "b", title: "Beta", ui: { x: 300, y: 40 } }],
            edges: [{ from: "a", to: "b", when: "always" }]
        }
    }

    function test_stateChangeHighlightsTheAgent() {
        const view = createTemporaryObject(viewComponent, test)
        view.model.showGraph(graphBody())
        tryVerify(() => findChild(view, "node_b") !== null)
        const a = findChild(view, "node_a")
        const b = findChild(view, "node_b")
        compare(b.x, 300)
        verify(!b.highlighted)
        const idle = Qt.colorEqual(b.color, "#eceff1")
        verify(idle)

        view.model.setAgentState("b", "thinking")
        view.model.setActiveAgent("b")
        tryVerify(() => b.highlighted)
        verify(Qt.colorEqual(b.color, "#fff59d"))
        compare(b.border.width, 4)
        verify(!a.highlighted)

        view.model.setActiveAgent("a")
        tryVerify(() => a.highlighted && !b.highlighted)
        view.model.setAgentState("b", "failed")
        verify(Qt.colorEqual(b.color, "#ef9a9a"))
    }
}
