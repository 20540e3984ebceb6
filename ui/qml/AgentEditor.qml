import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Orchestrator.Ui

// The visual agent editor: drag agents; drag from an agent's right handle onto another to
// draw an edge; select an edge in the list to delete it; edit the selected agent's fields
// (problems shown at the field); undo/redo; save a new graph version; import/export files.
// The side panel sits beside the canvas, never over it: drag its edge to resize, or hide it.
Page {
    id: view
    required property Session session
    property alias editor: editor
    property int selected: -1

    GraphEditor {
        id: editor
        session: view.session
        onSaved: versionId => message.text = qsTr("Saved as version %1. Running runs keep theirs.").arg(versionId)
        onFailed: text => message.text = text
        onDocumentChanged: canvas.requestPaint()
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { text: qsTr("Undo"); enabled: editor.canUndo; onClicked: editor.undo() }
            ToolButton { text: qsTr("Redo"); enabled: editor.canRedo; onClicked: editor.redo() }
            ToolButton { text: qsTr("Add agent"); onClicked: view.selected = editor.addAgent(60 + flick.contentX, 60 + flick.contentY) }
            ToolButton { text: qsTr("Remove agent"); enabled: view.selected >= 0; onClicked: { editor.removeAgent(view.selected); view.selected = -1 } }
            ToolButton { text: qsTr("Save"); enabled: editor.valid && editor.modified; onClicked: editor.save() }
            ToolButton { text: qsTr("Import…"); onClicked: importDialog.open() }
            ToolButton { text: qsTr("Export…"); onClicked: exportDialog.open() }
            ToolButton {
                id: panelToggle
                objectName: "panelToggle"
                text: checked ? qsTr("Hide panel") : qsTr("Show panel")
                checkable: true
                checked: true
                ToolTip.visible: hovered
                ToolTip.text: qsTr("The agent's properties and the edges, beside the canvas")
            }
            Label {
                id: message
                Layout.fillWidth: true
                elide: Text.ElideRight
                text: editor.valid ? "" : qsTr("%n problem(s) to fix", "", Object.keys(editor.errors).length)
                color: editor.valid ? palette.text : Theme.danger
            }
        }
    }

    FileDialog { id: importDialog; nameFilters: [qsTr("Graph files (*.json)")]; onAccepted: editor.importFrom(selectedFile) }
    FileDialog { id: exportDialog; fileMode: FileDialog.SaveFile; nameFilters: [qsTr("Graph files (*.json)")]; onAccepted: editor.exportTo(selectedFile) }

    SplitView {
        anchors.fill: parent

        Flickable {
            id: flick
            objectName: "editorCanvas"
            SplitView.fillWidth: true
            SplitView.minimumWidth: 240
            contentWidth: 2400
            contentHeight: 1600
            clip: true
            interactive: false // the mouse drags agents and edges; the scroll bars pan
            ScrollBar.horizontal: ScrollBar { policy: ScrollBar.AlwaysOn }
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AlwaysOn }

            GraphCanvas {
                id: canvas
                anchors.fill: parent
                edges: editor.edges
                selectedEdge: edgeList.currentIndex
                positionOf: function(agentId) { const r = editor.rowOf(agentId); return r < 0 ? null : nodes.itemAt(r) }
            }

            Repeater {
                id: nodes
                model: editor
                onItemAdded: canvas.requestPaint()
                delegate: Rectangle {
                    id: node
                    required property int index
                    required property string agentId
                    required property string title
                    required property real posX
                    required property real posY
                    objectName: "editorNode_" + agentId
                    x: posX
                    y: posY
                    width: canvas.nodeWidth
                    height: canvas.nodeHeight
                    radius: 8
                    color: view.selected === index ? Theme.selection : Theme.surfaceRaised
                    border.color: Object.keys(editor.errors).some(p => p.startsWith("$.agents[" + index + "]")) ? Theme.danger : Theme.nodeBorder
                    border.width: 2
                    onXChanged: canvas.requestPaint()
                    onYChanged: canvas.requestPaint()
                    Label { anchors.centerIn: parent; text: node.title; font.bold: true }
                    TapHandler { onTapped: view.selected = node.index }
                    DragHandler {
                        id: drag
                        grabPermissions: PointerHandler.CanTakeOverFromAnything // not the Flickable's pan
                        onActiveChanged: {
                            if (active)
                                return
                            editor.moveNode(node.index, node.x, node.y)
                            // Dragging replaced the bindings; the document (and undo) drive them again.
                            node.x = Qt.binding(() => node.posX)
                            node.y = Qt.binding(() => node.posY)
                        }
                    }
                    // The edge handle: drag it onto another agent.
                    Rectangle {
                        id: handle
                        width: 14; height: 14; radius: 7
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.right: parent.right
                        anchors.rightMargin: -7
                        color: Theme.accent
                        DragHandler {
                            target: null
                            grabPermissions: PointerHandler.CanTakeOverFromAnything
                            onActiveChanged: {
                                if (active)
                                    return
                                const p = handle.mapToItem(flick.contentItem, centroid.position.x, centroid.position.y)
                                for (let i = 0; i < nodes.count; ++i) {
                                    const other = nodes.itemAt(i)
                                    if (i !== node.index && p.x >= other.x && p.x <= other.x + other.width && p.y >= other.y && p.y <= other.y + other.height)
                                        editor.addEdge(node.agentId, other.agentId)
                                }
                            }
                        }
                    }
                }
            }
        }

        ScrollView {
            id: panel
            objectName: "sidePanel"
            visible: panelToggle.checked
            // Its width as asked (a drag of the handle sets it too); the maximum keeps the canvas.
            property real wantedWidth: 380
            SplitView.preferredWidth: wantedWidth
            SplitView.minimumWidth: 260
            SplitView.maximumWidth: Math.max(260, view.width * 0.5)
            contentWidth: availableWidth
            ColumnLayout {
                width: panel.availableWidth - Theme.pad
                x: Theme.gap
                spacing: Theme.gap
                AgentFields { editor: editor; row: view.selected; Layout.fillWidth: true }
                Label {
                    visible: view.selected < 0
                    text: qsTr("Click an agent to edit its properties.")
                    color: Theme.muted
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Label { text: qsTr("Edges"); font.bold: true; Layout.topMargin: Theme.gap }
                ListView {
                    id: edgeList
                    Layout.fillWidth: true
                    Layout.preferredHeight: 140
                    clip: true
                    model: editor.edges
                    currentIndex: -1
                    delegate: ItemDelegate {
                        required property var modelData
                        required property int index
                        width: ListView.view.width
                        highlighted: ListView.isCurrentItem
                        text: modelData.from + " → " + modelData.to + (modelData.when !== "always" ? "  [" + modelData.when + "]" : "")
                        onClicked: { edgeList.currentIndex = index; canvas.requestPaint() }
                    }
                }
                RowLayout {
                    enabled: edgeList.currentIndex >= 0
                    TextField {
                        id: condition
                        objectName: "edgeCondition"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Condition, e.g. tests.passed")
                        text: edgeList.currentIndex >= 0 && edgeList.currentIndex < editor.edges.length ? editor.edges[edgeList.currentIndex].when : ""
                        onEditingFinished: editor.setEdgeCondition(edgeList.currentIndex, text)
                    }
                    Button {
                        text: qsTr("Delete edge")
                        onClicked: { editor.removeEdge(edgeList.currentIndex); edgeList.currentIndex = -1 }
                    }
                }
                Label {
                    text: edgeList.currentIndex >= 0 ? editor.edgeError(edgeList.currentIndex) : ""
                    visible: text.length > 0
                    color: Theme.danger
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
        }
    }
}
