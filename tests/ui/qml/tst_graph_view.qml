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

    function laidOutGraph(count) {
        // A chain with a fork every third agent and a loop back: no saved positions.
        const agents = [], edges = []
        for (let i = 0; i < count; ++i) {
            agents.push({ id: "g" + i, title: "Agent " + i, max_turns: 12 })
            if (i > 0)
                edges.push({ from: "g" + Math.floor((i - 1) / 3) * 1, to: "g" + i, when: i % 2 ? "always" : "tests.passed" })
        }
        edges.push({ from: "g" + (count - 1), to: "g0", when: "failed" })
        return { format: "codegen-orchestrator.graph/1", name: "big", entry: "g0", agents: agents, edges: edges }
    }

    function test_nodesShowTheirActivityFromEvents() {
        const view = createTemporaryObject(viewComponent, test)
        view.runId = "" // the numbers show once an agent has worked
        const body = graphBody()
        body.agents[0].max_turns = 12
        view.model.showGraph(body)
        tryVerify(() => findChild(view, "node_a") !== null)
        const a = findChild(view, "node_a")
        view.model.replay({ kind: "step_started", payload: { step: 1, agent: "a" } })
        view.model.replay({ kind: "agent_state", payload: { agent: "a", from: "thinking", to: "calling_tool", tools: ["write_file", "run_tests"] } })
        view.model.replay({ kind: "ledger_entry", agent: "a", payload: { prompt_tokens: 1200, completion_tokens: 300, cost: 0.0021 } })
        tryVerify(() => findChild(a, "activity").text === "calling tool: write_file, run_tests")
        compare(findChild(a, "usage").text, "turn 1/12 · $0.002")
        compare(findChild(a, "tokens").text, "1.5k tok")
        view.model.replay({ kind: "step_started", payload: { step: 2, agent: "a" } })
        view.model.replay({ kind: "agent_state", payload: { agent: "a", from: "calling_tool", to: "thinking" } })
        view.model.replay({ kind: "ledger_entry", agent: "a", payload: { prompt_tokens: 500, completion_tokens: 0, cost: null } })
        tryVerify(() => findChild(a, "activity").text === "thinking")
        compare(findChild(a, "usage").text, "turn 2/12 · cost unknown")
        compare(findChild(a, "tokens").text, "2.0k tok")
        // A handoff starts the next agent's turns from one; hostile payloads change nothing.
        view.model.replay({ kind: "handoff", payload: { from: "a", to: "b" } })
        view.model.replay({ kind: "step_started", payload: { step: 3, agent: "b" } })
        view.model.replay({ kind: "ledger_entry", agent: "nobody", payload: { prompt_tokens: "many" } })
        view.model.replay({ kind: "agent_state", payload: { agent: ["a"], to: 7, tools: "rm -rf" } })
        view.model.replay({ kind: "no_such_kind", payload: {} })
        const b = findChild(view, "node_b")
        tryVerify(() => findChild(b, "usage").text.startsWith("turn 1 ·"))
        verify(b.highlighted && !a.highlighted)
        compare(findChild(a, "usage").text, "turn 2/12 · cost unknown")
    }

    SignalSpy { id: chosen; signalName: "agentChosen" }

    function test_clickingAnAgentAsksForItsSteps() {
        const view = createTemporaryObject(viewComponent, test)
        chosen.target = view
        chosen.clear()
        view.model.showGraph(graphBody())
        tryVerify(() => findChild(view, "node_b") !== null)
        const b = findChild(view, "node_b")
        tryVerify(() => b.width > 0)
        mouseClick(b)
        compare(chosen.count, 1)
        compare(chosen.signalArguments[0][0], "b")
    }

    function overlaps(p, q) {
        return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height
    }

    function test_graphsWithoutPositionsAreLaidOutInLayers_data() {
        return [{ tag: "7 agents", count: 7 }, { tag: "30 agents", count: 30 }]
    }
    function test_graphsWithoutPositionsAreLaidOutInLayers(data) {
        const view = createTemporaryObject(viewComponent, test)
        view.model.showGraph(laidOutGraph(data.count))
        tryVerify(() => findChild(view, "node_g" + (data.count - 1)) !== null)
        const boxes = []
        for (let i = 0; i < data.count; ++i) {
            const n = findChild(view, "node_g" + i)
            boxes.push(Qt.rect(n.x, n.y, n.width, n.height))
        }
        for (let i = 0; i < data.count; ++i)
            for (let j = i + 1; j < data.count; ++j)
                verify(!overlaps(boxes[i], boxes[j]), "g" + i + " overlaps g" + j)
        // The entry leads on the left; everything it hands work to is further right.
        for (let i = 1; i < data.count; ++i) {
            verify(boxes[i].x > boxes[0].x, "g" + i)
            const from = Math.floor((i - 1) / 3)
            verify(boxes[i].x > boxes[from].x, "g" + i + " after g" + from)
        }
    }

    function test_labelsNeverSitOnEdges() {
        const view = createTemporaryObject(viewComponent, test)
        const canvas = findChild(view, "edgesCanvas")
        verify(canvas.labelBox !== undefined)
        // Every direction, alone or as half of a back-and-forth pair: no point of the line is
        // inside the label's box.
        for (let angle = 0; angle < 360; angle += 15) {
            const a = Qt.point(400, 300)
            const b = Qt.point(400 + 250 * Math.cos(angle * Math.PI / 180), 300 + 250 * Math.sin(angle * Math.PI / 180))
            for (const side of [0, 1, -1]) {
                const box = canvas.labelBox(a, b, side, 90, 15)
                for (let t = 0; t <= 1; t += 0.01) {
                    const x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t
                    verify(!(x > box.x && x < box.x + box.width && y > box.y && y < box.y + box.height),
                           "angle " + angle + " side " + side + " at t=" + t)
                }
            }
        }
    }
}
