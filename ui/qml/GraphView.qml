import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The live graph: agents at their saved positions (else laid out in layers), edges with
// conditions, and per agent its state, current tool, turns of its limit, tokens and cost (all
// from engine events); the active agent pulses and a handoff runs a dot along its edge.
// Clicking an agent asks for its steps. Without a run it shows the version new runs use.
Page {
    id: view
    required property Session session
    property alias runId: graph.runId
    property alias model: graph
    // Clicking an agent: the review shows its steps.
    signal agentChosen(string agentId)

    function stateLabel(state) {
        switch (state) {
        case "idle": return qsTr("idle")
        case "thinking": return qsTr("thinking")
        case "calling_tool": return qsTr("calling tool")
        case "waiting_for_human": return qsTr("waiting for you")
        case "done": return qsTr("done")
        case "failed": return qsTr("failed")
        default: return state
        }
    }
    function shortTokens(n) {
        return n >= 1e6 ? qsTr("%1M tok").arg((n / 1e6).toFixed(1)) : n >= 1e3 ? qsTr("%1k tok").arg((n / 1e3).toFixed(1)) : qsTr("%1 tok").arg(n)
    }

    GraphModel {
        id: graph
        session: view.session
        onHandoff: (from, to) => handoffDot.travel(from, to)
    }

    header: RowLayout {
        spacing: Theme.gap
        Label {
            objectName: "graphTitle"
            leftPadding: Theme.pad
            topPadding: Theme.gap
            bottomPadding: Theme.gap
            font.bold: true
            elide: Text.ElideRight
            Layout.maximumWidth: view.width * 0.5
            text: view.runId.length === 0 ? qsTr("Graph version %1 (new runs use it)").arg(graph.graphId)
                  : graph.projectName.length > 0 ? graph.projectName : qsTr("Loading…")
        }
        StatusChip { status: view.runId.length > 0 ? graph.statusName : "" }
        Label {
            visible: view.runId.length > 0 && graph.activeAgent.length > 0
            text: qsTr("active: %1").arg(graph.activeAgent)
            color: Theme.muted
        }
        Item { Layout.fillWidth: true }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: Math.max(width, canvas.width)
        contentHeight: Math.max(height, canvas.height)
        clip: true

        GraphCanvas {
            id: canvas
            objectName: "edgesCanvas"
            width: 2400
            height: 1600
            nodeWidth: 210
            nodeHeight: 96
            edges: graph.edges
            positionOf: function(agentId) { const r = graph.rowOf(agentId); return r < 0 ? null : nodes.itemAt(r) }
            nodeCount: nodes.count
            nodeAt: function(index) { return nodes.itemAt(index) }
        }

        Repeater {
            id: nodes
            model: graph
            onItemAdded: canvas.requestPaint()
            delegate: Rectangle {
                id: node
                required property string agentId
                required property string title
                required property real posX
                required property real posY
                required property string agentState
                required property bool active
                required property string tool
                required property int turns
                required property int maxTurns
                required property real tokens
                required property real cost
                required property bool costKnown
                required property bool simulated
                objectName: "node_" + agentId
                x: posX
                y: posY
                property bool highlighted: active
                width: canvas.nodeWidth
                height: canvas.nodeHeight
                radius: Theme.radius
                color: Theme.agentFill(agentState)
                border.width: active ? 4 : 1
                border.color: active ? Theme.accent : Theme.nodeBorder
                Accessible.name: title + ", " + agentState
                ToolTip.visible: hover.hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Click to see %1's steps in the timeline").arg(title)
                HoverHandler { id: hover; cursorShape: Qt.PointingHandCursor }
                TapHandler { onTapped: view.agentChosen(node.agentId) }
                // The active agent breathes, so the eye finds where the work is.
                SequentialAnimation on opacity {
                    running: node.active && view.runId.length > 0
                    loops: Animation.Infinite
                    alwaysRunToEnd: true
                    NumberAnimation { to: 0.75; duration: 700; easing.type: Easing.InOutSine }
                    NumberAnimation { to: 1.0; duration: 700; easing.type: Easing.InOutSine }
                }
                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: 6
                    spacing: 1
                    Label { text: node.title; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true; color: Theme.text }
                    Label {
                        objectName: "activity"
                        text: view.stateLabel(node.agentState) + (node.tool.length > 0 ? ": " + node.tool : "")
                        font.pixelSize: Theme.smallSize
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        color: Theme.text
                    }
                    Label {
                        objectName: "usage"
                        visible: view.runId.length > 0 || node.turns > 0
                        text: (node.maxTurns > 0 ? qsTr("turn %1/%2").arg(node.turns).arg(node.maxTurns) : qsTr("turn %1").arg(node.turns))
                              + " · " + (node.costKnown ? "$" + node.cost.toFixed(3) + (node.simulated ? " " + qsTr("sim.") : "") : qsTr("cost unknown"))
                        font.pixelSize: Theme.smallSize
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        color: Theme.muted
                    }
                    Label {
                        objectName: "tokens"
                        visible: view.runId.length > 0 || node.turns > 0
                        text: view.shortTokens(node.tokens)
                        font.pixelSize: Theme.smallSize
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        color: Theme.muted
                    }
                }
            }
        }

        Rectangle {
            id: handoffDot
            width: 14; height: 14; radius: 7
            color: Theme.accent
            visible: travel.running
            function travel(from, to) {
                const a = canvas.centre(from), b = canvas.centre(to)
                if (!a || !b)
                    return
                travelX.from = a.x - 7; travelX.to = b.x - 7
                travelY.from = a.y - 7; travelY.to = b.y - 7
                travel.restart()
            }
            ParallelAnimation {
                id: travel
                NumberAnimation { id: travelX; target: handoffDot; property: "x"; duration: 600; easing.type: Easing.InOutQuad }
                NumberAnimation { id: travelY; target: handoffDot; property: "y"; duration: 600; easing.type: Easing.InOutQuad }
            }
        }
    }
}
