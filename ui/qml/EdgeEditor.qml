import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The graph's edges in the side panel: each as "from → to [condition]"; the chosen one (none
// at first) can have its condition edited or be deleted, with the problem validation found.
ColumnLayout {
    id: edges
    required property GraphEditor editor
    property int selected: -1
    signal selectedEdited()
    spacing: Theme.gap

    Label { text: qsTr("Edges"); font.bold: true }
    Label {
        visible: edges.editor.edges.length === 0
        text: qsTr("No edges yet: drag from an agent's blue handle onto another agent.")
        color: Theme.muted
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    Repeater {
        model: edges.editor.edges
        ItemDelegate {
            required property var modelData
            required property int index
            objectName: "edge_" + index
            Layout.fillWidth: true
            highlighted: index === edges.selected
            text: modelData.from + " → " + modelData.to + (modelData.when !== "always" ? "  [" + modelData.when + "]" : "")
            onClicked: edges.selected = index === edges.selected ? -1 : index
        }
    }
    RowLayout {
        visible: edges.selected >= 0 && edges.selected < edges.editor.edges.length
        Layout.fillWidth: true
        TextField {
            objectName: "edgeCondition"
            Layout.fillWidth: true
            placeholderText: qsTr("Condition, e.g. tests.passed")
            text: edges.selected >= 0 && edges.selected < edges.editor.edges.length ? edges.editor.edges[edges.selected].when : ""
            onEditingFinished: edges.editor.setEdgeCondition(edges.selected, text)
        }
        Button {
            objectName: "deleteEdge"
            text: qsTr("Delete edge")
            onClicked: { edges.editor.removeEdge(edges.selected); edges.selected = -1 }
        }
    }
    Label {
        text: edges.selected >= 0 ? edges.editor.edgeError(edges.selected) : ""
        visible: text.length > 0
        color: Theme.danger
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
