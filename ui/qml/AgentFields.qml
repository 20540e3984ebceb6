import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The selected agent's fields, each with the problem the engine's validation found in it.
ColumnLayout {
    id: fields
    required property GraphEditor editor
    required property int row
    property var agent: editor.agent(row)
    visible: row >= 0

    function problem(field) { return fields.row >= 0 ? editor.fieldError(fields.row, field) : "" }

    Connections { target: fields.editor; function onDocumentChanged() { fields.agent = fields.editor.agent(fields.row) } }
    onRowChanged: agent = editor.agent(row)

    Label { text: qsTr("Agent %1").arg(fields.agent.agentId || ""); font.bold: true }
    TextField {
        objectName: "titleField"
        Layout.fillWidth: true
        placeholderText: qsTr("Title")
        text: fields.agent.title || ""
        onEditingFinished: editor.setField(fields.row, "title", text)
    }
    Label { text: fields.problem("title"); color: "#c62828"; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }
    Label { text: qsTr("Prompt") }
    TextArea {
        objectName: "promptField"
        Layout.fillWidth: true
        Layout.preferredHeight: 140
        wrapMode: TextEdit.Wrap
        text: fields.agent.prompt || ""
        onEditingFinished: editor.setField(fields.row, "prompt", text)
    }
    Label { text: fields.problem("prompt"); color: "#c62828"; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }
    RowLayout {
        Label { text: qsTr("Model profile") }
        ComboBox {
            model: editor.modelProfiles
            currentIndex: editor.modelProfiles.indexOf(fields.agent.model || "")
            onActivated: editor.setField(fields.row, "model", currentText)
        }
    }
    Label { text: fields.problem("model"); color: "#c62828"; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }
    RowLayout {
        Label { text: qsTr("Temperature") }
        SpinBox {
            from: 0; to: 20; stepSize: 1
            value: Math.round((fields.agent.temperature || 0) * 10)
            textFromValue: (v) => (v / 10).toFixed(1)
            onValueModified: editor.setField(fields.row, "temperature", value / 10)
        }
    }
    RowLayout {
        Label { text: qsTr("Max turns") }
        SpinBox { from: 1; to: 200; value: fields.agent.maxTurns || 12; onValueModified: editor.setField(fields.row, "max_turns", value) }
        CheckBox { text: qsTr("Terminal"); checked: fields.agent.terminal || false; onToggled: editor.setField(fields.row, "terminal", checked) }
    }
    Label { text: fields.problem("max_turns"); color: "#c62828"; visible: text.length > 0 }
    Label { text: qsTr("Tools"); font.bold: true }
    Flow {
        Layout.fillWidth: true
        Repeater {
            model: editor.availableTools
            CheckBox {
                required property string modelData
                text: modelData
                checked: (fields.agent.tools || []).indexOf(modelData) >= 0
                onToggled: editor.setTool(fields.row, modelData, checked)
                ToolTip.visible: hovered && ToolTip.text.length > 0
                ToolTip.text: editor.toolDescription(modelData)
            }
        }
    }
    Label { text: fields.problem("tools"); color: "#c62828"; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }
    Label { text: qsTr("Hands off to"); font.bold: true }
    Flow {
        Layout.fillWidth: true
        Repeater {
            model: editor
            CheckBox {
                required property string agentId
                visible: agentId !== fields.agent.agentId
                text: agentId
                checked: (fields.agent.handoffs || []).indexOf(agentId) >= 0
                onToggled: editor.setHandoff(fields.row, agentId, checked)
            }
        }
    }
    Label { text: fields.problem("handoffs"); color: "#c62828"; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }
}
