import QtQuick
import QtQuick.Controls
import Orchestrator.Ui

// One agent on the editor's canvas: drag it to move it (one undoable step), click it to edit
// it, drag its right handle onto another agent to draw an edge.
Rectangle {
    id: node
    required property int index
    required property string agentId
    required property string title
    required property real posX
    required property real posY
    required property GraphEditor graphEditor
    required property Item surface // the canvas's coordinates (the zoom is applied above it)
    required property Repeater siblings
    property bool selected: false
    signal chosen()

    objectName: "editorNode_" + agentId
    x: posX
    y: posY
    width: 150
    height: 56
    radius: 8
    color: selected ? Theme.selection : Theme.surfaceRaised
    border.color: Object.keys(graphEditor.errors).some(p => p.startsWith("$.agents[" + index + "]")) ? Theme.danger : Theme.nodeBorder
    border.width: 2

    Label {
        anchors.fill: parent
        anchors.margins: 8
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        text: node.title
        font.bold: true
        elide: Text.ElideRight
    }
    TapHandler { onTapped: node.chosen() }
    DragHandler {
        grabPermissions: PointerHandler.CanTakeOverFromAnything // not the Flickable's pan
        onActiveChanged: {
            if (active)
                return node.chosen()
            node.graphEditor.moveNode(node.index, node.x, node.y)
            // Dragging replaced the bindings; the document (and undo) drive them again.
            node.x = Qt.binding(() => node.posX)
            node.y = Qt.binding(() => node.posY)
        }
    }
    // The edge handle: drag it onto another agent.
    Rectangle {
        id: handle
        objectName: "edgeHandle"
        width: 14; height: 14; radius: 7
        anchors.verticalCenter: parent.verticalCenter
        anchors.right: parent.right
        anchors.rightMargin: -7
        color: Theme.accent
        ToolTip.visible: handleHover.hovered
        ToolTip.text: qsTr("Drag onto another agent to connect them")
        HoverHandler { id: handleHover; cursorShape: Qt.CrossCursor }
        DragHandler {
            target: null
            grabPermissions: PointerHandler.CanTakeOverFromAnything
            onActiveChanged: {
                if (active)
                    return
                const p = handle.mapToItem(node.surface, centroid.position.x, centroid.position.y)
                for (let i = 0; i < node.siblings.count; ++i) {
                    const other = node.siblings.itemAt(i)
                    if (i !== node.index && p.x >= other.x && p.x <= other.x + other.width && p.y >= other.y && p.y <= other.y + other.height)
                        node.graphEditor.addEdge(node.agentId, other.agentId)
                }
            }
        }
    }
}
