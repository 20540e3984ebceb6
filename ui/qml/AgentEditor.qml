import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Orchestrator.Ui

// The visual agent editor: drag agents; drag from an agent's right handle onto another to
// draw an edge; choose an edge in the side panel to edit its condition or delete it; edit the
// chosen agent's fields (problems shown at the field and counted in the toolbar); zoom (Ctrl +
// wheel, the buttons), fit the graph to the view; Ctrl+Z / Ctrl+Shift+Z / Ctrl+S, Delete
// removes the chosen agent or edge; save a new graph version; import/export files.
// The side panel sits beside the canvas, never over it: drag its edge to resize, or hide it.
Page {
    id: view
    required property Session session
    property alias editor: editor
    property int selected: -1
    property alias selectedEdge: edgeEditor.selected
    property real zoom: 1
    property bool panelShown: true
    property bool fitted: false
    // Some agent lies outside the part of the canvas in view: the minimap shows.
    readonly property bool graphOutOfView: {
        const left = flick.contentX / zoom, top = flick.contentY / zoom
        const right = left + flick.width / zoom, bottom = top + flick.height / zoom
        for (let i = 0; i < nodes.count; ++i) {
            const n = nodes.itemAt(i)
            if (n && (n.x < left || n.y < top || n.x + n.width > right || n.y + n.height > bottom))
                return true
        }
        return false
    }
    // The outcome of the last save or refused edit; a new edit clears it.
    property string status
    property bool statusFailed: false

    function setZoom(value) { zoom = Math.max(0.3, Math.min(2, value)) }
    // The whole graph in view: the zoom that fits every agent (at most maxZoom), scrolled to them.
    function fit(maxZoom) {
        if (nodes.count === 0)
            return
        let left = 1e9, top = 1e9, right = -1e9, bottom = -1e9
        for (let i = 0; i < nodes.count; ++i) {
            const n = nodes.itemAt(i)
            left = Math.min(left, n.x); top = Math.min(top, n.y)
            right = Math.max(right, n.x + n.width); bottom = Math.max(bottom, n.y + n.height)
        }
        const margin = 40
        setZoom(Math.min(flick.width / (right - left + 2 * margin), flick.height / (bottom - top + 2 * margin), maxZoom || 1.5))
        flick.contentX = Math.max(0, (left - margin) * zoom)
        flick.contentY = Math.max(0, (top - margin) * zoom)
    }
    // A graph opens whole in view, zoomed out if it is wider than the canvas (never in), once
    // the canvas has its size.
    function fitFirstTime() {
        if (fitted || !visible || editor.rowCount() === 0 || flick.width < 200 || flick.height < 200)
            return
        fitted = true
        Qt.callLater(() => fit(1))
    }
    onVisibleChanged: fitFirstTime()
    function deleteChosen() {
        if (selectedEdge >= 0) {
            editor.removeEdge(selectedEdge)
            selectedEdge = -1
        } else if (selected >= 0) {
            editor.removeAgent(selected)
            selected = -1
        }
    }

    GraphEditor {
        id: editor
        session: view.session
        onSaved: versionId => { view.statusFailed = false; view.status = qsTr("Saved as version %1. Running runs keep theirs.").arg(versionId) }
        onFailed: text => { view.statusFailed = true; view.status = text }
        onDocumentChanged: {
            canvas.requestPaint()
            view.fitFirstTime()
            if (editor.modified)
                view.status = ""
        }
    }

    Shortcut { sequences: ["Ctrl+Z"]; enabled: view.visible && editor.canUndo; onActivated: editor.undo() }
    Shortcut { sequences: ["Ctrl+Shift+Z", "Ctrl+Y"]; enabled: view.visible && editor.canRedo; onActivated: editor.redo() }
    Shortcut { sequences: ["Ctrl+S"]; enabled: view.visible && editor.valid && editor.modified; onActivated: editor.save() }
    Shortcut { sequences: ["Ctrl+=", "Ctrl++"]; enabled: view.visible; onActivated: view.setZoom(view.zoom * 1.2) }
    Shortcut { sequences: ["Ctrl+-"]; enabled: view.visible; onActivated: view.setZoom(view.zoom / 1.2) }
    Shortcut { sequences: ["Ctrl+0"]; enabled: view.visible; onActivated: view.fit() }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { text: qsTr("Undo"); enabled: editor.canUndo; onClicked: editor.undo() }
            ToolButton { text: qsTr("Redo"); enabled: editor.canRedo; onClicked: editor.redo() }
            ToolButton {
                objectName: "addAgent"
                text: qsTr("Add agent")
                onClicked: view.selected = editor.addAgent(40 + flick.contentX / view.zoom, 40 + flick.contentY / view.zoom)
            }
            ToolButton { text: qsTr("Remove agent"); enabled: view.selected >= 0; onClicked: { editor.removeAgent(view.selected); view.selected = -1 } }
            ToolButton { text: qsTr("Save"); enabled: editor.valid && editor.modified; onClicked: editor.save() }
            ToolButton { text: qsTr("Import…"); onClicked: importDialog.open() }
            ToolButton { text: qsTr("Export…"); onClicked: exportDialog.open() }
            ToolButton {
                objectName: "arrange"
                text: qsTr("Arrange")
                onClicked: { editor.arrange(); Qt.callLater(view.fit) }
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Place every agent left to right from the entry (undo puts them back)")
            }
            ToolButton {
                objectName: "openLessons"
                text: qsTr("Lessons…")
                onClicked: lessonsDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("What runs learned from their failures, given to the agents of later runs")
            }
            ToolButton {
                objectName: "panelToggle"
                text: view.panelShown ? qsTr("Hide panel") : qsTr("Show panel")
                onClicked: view.panelShown = !view.panelShown
                ToolTip.visible: hovered
                ToolTip.text: qsTr("The agent's properties and the edges, beside the canvas")
            }
            Label {
                objectName: "problemCount"
                visible: !editor.valid
                text: qsTr("%n problem(s) to fix", "", Object.keys(editor.errors).length)
                color: Theme.danger
            }
            Label {
                objectName: "editorStatus"
                Layout.fillWidth: true
                elide: Text.ElideRight
                text: view.status
                color: view.statusFailed ? Theme.danger : Theme.success
            }
        }
    }

    LessonsDialog { id: lessonsDialog; session: view.session }
    FileDialog { id: importDialog; nameFilters: [qsTr("Graph files (*.json)")]; onAccepted: editor.importFrom(selectedFile) }
    FileDialog { id: exportDialog; fileMode: FileDialog.SaveFile; nameFilters: [qsTr("Graph files (*.json)")]; onAccepted: editor.exportTo(selectedFile) }

    SplitView {
        anchors.fill: parent

        Flickable {
            id: flick
            objectName: "editorCanvas"
            SplitView.fillWidth: true
            SplitView.minimumWidth: 240
            onWidthChanged: view.fitFirstTime()
            onHeightChanged: view.fitFirstTime()
            contentWidth: paper.width * view.zoom
            contentHeight: paper.height * view.zoom
            clip: true
            interactive: false // the mouse drags agents and edges; the scroll bars and wheel pan
            ScrollBar.horizontal: ScrollBar { policy: ScrollBar.AlwaysOn }
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AlwaysOn }
            WheelHandler {
                acceptedModifiers: Qt.ControlModifier
                onWheel: event => view.setZoom(view.zoom * (event.angleDelta.y > 0 ? 1.1 : 1 / 1.1))
            }
            // A click on the empty canvas clears the choice; one on an agent is the agent's.
            TapHandler {
                onTapped: eventPoint => {
                    const x = (eventPoint.position.x + flick.contentX) / view.zoom
                    const y = (eventPoint.position.y + flick.contentY) / view.zoom
                    for (let i = 0; i < nodes.count; ++i) {
                        const n = nodes.itemAt(i)
                        if (x >= n.x && x <= n.x + n.width && y >= n.y && y <= n.y + n.height)
                            return
                    }
                    view.selected = -1
                    view.selectedEdge = -1
                }
            }

            // Zoom and fit float over the canvas's corner, as in n8n's and Dify's canvases.
            Pane {
                objectName: "zoomControls"
                parent: flick
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: 20
                padding: 2
                background: Rectangle { color: Theme.surface; border.color: Theme.border; radius: Theme.radius }
                RowLayout {
                    spacing: 0
                    ToolButton { text: "−"; onClicked: view.setZoom(view.zoom / 1.2); ToolTip.visible: hovered; ToolTip.text: qsTr("Zoom out (Ctrl+−)") }
                    Label { objectName: "zoomLevel"; text: Math.round(view.zoom * 100) + "%"; color: Theme.muted }
                    ToolButton { text: "+"; onClicked: view.setZoom(view.zoom * 1.2); ToolTip.visible: hovered; ToolTip.text: qsTr("Zoom in (Ctrl++)") }
                    ToolButton { objectName: "fitGraph"; text: qsTr("Fit"); onClicked: view.fit(); ToolTip.visible: hovered; ToolTip.text: qsTr("The whole graph in view (Ctrl+0)") }
                }
            }
            // The whole canvas in small, for a graph larger than the view: the agents and the
            // part in view; a click or a drag there moves the view.
            Rectangle {
                id: minimap
                objectName: "minimap"
                parent: flick
                anchors.left: parent.left
                anchors.bottom: parent.bottom
                anchors.margins: 20
                width: 200
                height: width * paper.height / paper.width
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                visible: view.graphOutOfView
                readonly property real ratio: width / paper.width
                Repeater {
                    model: editor
                    Rectangle {
                        required property real posX
                        required property real posY
                        x: posX * minimap.ratio
                        y: posY * minimap.ratio
                        width: Math.max(2, 150 * minimap.ratio)
                        height: Math.max(2, 56 * minimap.ratio)
                        color: Theme.nodeBorder
                    }
                }
                Rectangle {
                    objectName: "minimapView"
                    x: flick.contentX / view.zoom * minimap.ratio
                    y: flick.contentY / view.zoom * minimap.ratio
                    width: Math.min(minimap.width, flick.width / view.zoom * minimap.ratio)
                    height: Math.min(minimap.height, flick.height / view.zoom * minimap.ratio)
                    color: "transparent"
                    border.color: Theme.accent
                    border.width: 2
                }
                MouseArea {
                    anchors.fill: parent
                    function centreOn(mx, my) {
                        const cx = mx / minimap.ratio * view.zoom - flick.width / 2
                        const cy = my / minimap.ratio * view.zoom - flick.height / 2
                        flick.contentX = Math.max(0, Math.min(cx, flick.contentWidth - flick.width))
                        flick.contentY = Math.max(0, Math.min(cy, flick.contentHeight - flick.height))
                    }
                    onPressed: mouse => centreOn(mouse.x, mouse.y)
                    onPositionChanged: mouse => centreOn(mouse.x, mouse.y)
                }
            }
            Item {
                id: paper
                width: 2400
                height: 1600
                scale: view.zoom
                transformOrigin: Item.TopLeft

                GraphCanvas {
                    id: canvas
                    anchors.fill: parent
                    edges: editor.edges
                    selectedEdge: view.selectedEdge
                    positionOf: function(agentId) { const r = editor.rowOf(agentId); return r < 0 ? null : nodes.itemAt(r) }
                    nodeCount: nodes.count
                    nodeAt: function(index) { return nodes.itemAt(index) }
                }
                Repeater {
                    id: nodes
                    model: editor
                    onItemAdded: canvas.requestPaint()
                    delegate: EditorNode {
                        graphEditor: editor
                        surface: paper
                        siblings: nodes
                        selected: view.selected === index
                        onChosen: { view.selected = index; view.selectedEdge = -1 }
                        onXChanged: canvas.requestPaint()
                        onYChanged: canvas.requestPaint()
                    }
                }
            }
        }

        ScrollView {
            id: panel
            objectName: "sidePanel"
            visible: view.panelShown
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
                ProblemsPanel {
                    objectName: "problemsPanel"
                    editor: editor
                    Layout.fillWidth: true
                    onGoToAgent: (row, field) => {
                        view.selectedEdge = -1
                        view.selected = row
                        view.panelShown = true
                        const input = field.length > 0 ? fields.fieldNamed(field) : null
                        if (input)
                            input.forceActiveFocus()
                    }
                    onGoToEdge: index => { view.selected = -1; view.selectedEdge = index; view.panelShown = true }
                }
                AgentFields { id: fields; editor: editor; row: view.selected; Layout.fillWidth: true }
                Label {
                    visible: view.selected < 0
                    text: qsTr("Click an agent to edit its properties.")
                    color: Theme.muted
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                EdgeEditor {
                    id: edgeEditor
                    editor: editor
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.gap
                    onSelectedChanged: { if (selected >= 0) view.selected = -1; canvas.requestPaint() }
                }
            }
        }
    }
    // Delete removes the chosen agent or edge, unless a field is being typed in.
    Shortcut {
        sequences: ["Delete"]
        enabled: view.visible && !(Window.activeFocusItem && Window.activeFocusItem.hasOwnProperty("cursorPosition"))
        onActivated: view.deleteChosen()
    }
}
