import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The live graph: agents at their saved positions, edges with conditions, each agent's state
// as it changes and the active agent highlighted (all from engine events); a handoff runs a
// dot along its edge. Without a run it shows the graph version new runs use.
Page {
    id: view
    required property Session session
    property alias runId: graph.runId
    property alias model: graph

    GraphModel {
        id: graph
        session: view.session
        onHandoff: (from, to) => handoffDot.travel(from, to)
    }

    function stateColor(state) {
        switch (state) {
        case "thinking": return "#fff59d"
        case "calling_tool": return "#90caf9"
        case "waiting_for_human": return "#ffcc80"
        case "done": return "#a5d6a7"
        case "failed": return "#ef9a9a"
        default: return "#eceff1"
        }
    }

    header: Label {
        padding: 8
        text: view.runId.length > 0 ? qsTr("Run %1 — active: %2").arg(view.runId.substring(0, 8)).arg(graph.activeAgent || "—")
                                    : qsTr("Graph version %1 (new runs use it)").arg(graph.graphId)
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: Math.max(width, canvas.width)
        contentHeight: Math.max(height, canvas.height)
        clip: true

        GraphCanvas {
            id: canvas
            width: 2400
            height: 1600
            edges: graph.edges
            positionOf: function(agentId) { const r = graph.rowOf(agentId); return r < 0 ? null : nodes.itemAt(r) }
        }

        Repeater {
            id: nodes
            model: graph
            onItemAdded: canvas.requestPaint()
            delegate: Rectangle {
                required property string agentId
                required property string title
                required property real posX
                required property real posY
                required property string agentState
                required property bool active
                objectName: "node_" + agentId
                x: posX
                y: posY
                property bool highlighted: active
                width: canvas.nodeWidth
                height: canvas.nodeHeight
                radius: 8
                color: view.stateColor(agentState)
                border.width: active ? 4 : 1
                border.color: active ? "#1565c0" : "#90a4ae"
                Column {
                    anchors.centerIn: parent
                    Label { text: title; font.bold: true; anchors.horizontalCenter: parent.horizontalCenter }
                    Label { text: agentState; font.pixelSize: 11; anchors.horizontalCenter: parent.horizontalCenter }
                }
            }
        }

        Rectangle {
            id: handoffDot
            width: 14; height: 14; radius: 7
            color: "#1565c0"
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
