import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The selected agent's properties as a form (a label beside each field), each field with the
// problem the engine's validation found in it; every tool with its description.
ColumnLayout {
    id: fields
    required property GraphEditor editor
    required property int row
    property var agent: editor.agent(row)
    readonly property bool coding: agent.kind === "coding_agent"
    visible: row >= 0
    spacing: Theme.gap

    function problem(field) { return fields.row >= 0 ? editor.fieldError(fields.row, field) : "" }
    // The input of a field named as validation names it (title, model, prompt, max_turns).
    function fieldNamed(field) {
        switch (field) {
        case "title": return titleField
        case "model": return modelField
        case "prompt": return prompt
        case "max_turns": return turnsField
        case "coding": return codingFields.programField
        default: return null
        }
    }
    // A tool's description up to its first paragraph, so the list stays a list.
    function brief(text) {
        const first = text.split("\n\n")[0]
        return first.length > 240 ? first.substring(0, 240) + "…" : first
    }

    Connections { target: fields.editor; function onDocumentChanged() { fields.agent = fields.editor.agent(fields.row) } }
    onRowChanged: agent = editor.agent(row)

    Label { text: qsTr("Agent %1").arg(fields.agent.agentId || ""); font.bold: true; font.pixelSize: Theme.bodySize + 2 }

    GridLayout {
        columns: 2
        columnSpacing: Theme.gap
        rowSpacing: 4
        Layout.fillWidth: true

        Label { text: qsTr("Title") }
        TextField {
            id: titleField
            objectName: "titleField"
            Layout.fillWidth: true
            placeholderText: qsTr("Shown on the graph")
            text: fields.agent.title || ""
            onEditingFinished: {
                editor.setField(fields.row, "title", text)
                text = Qt.binding(() => fields.agent.title || "") // a refused title comes back
            }
        }
        Item { visible: titleProblem.visible; implicitWidth: 1 }
        Label { id: titleProblem; text: fields.problem("title"); color: Theme.danger; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }

        Label { text: qsTr("Kind") }
        ComboBox {
            id: kindField
            objectName: "kindField"
            Layout.fillWidth: true
            textRole: "text"
            valueRole: "value"
            model: [{ value: "llm", text: qsTr("LLM agent (built-in tool loop)") },
                    { value: "coding_agent", text: qsTr("Coding agent CLI (Claude Code, Codex, …)") }]
            currentIndex: fields.coding ? 1 : 0
            onActivated: editor.setField(fields.row, "kind", currentValue)
        }

        Label { text: qsTr("Model profile"); visible: !fields.coding }
        ComboBox {
            visible: !fields.coding
            id: modelField
            objectName: "modelField"
            Layout.fillWidth: true
            model: editor.modelProfiles
            currentIndex: editor.modelProfiles.indexOf(fields.agent.model || "")
            onActivated: editor.setField(fields.row, "model", currentText)
        }
        Item { visible: modelProblem.visible && !fields.coding; implicitWidth: 1 }
        Label { id: modelProblem; text: fields.problem("model"); color: Theme.danger; visible: text.length > 0 && !fields.coding; wrapMode: Text.Wrap; Layout.fillWidth: true }

        Label { text: qsTr("Temperature"); visible: !fields.coding }
        SpinBox {
            visible: !fields.coding
            from: 0; to: 20; stepSize: 1
            value: Math.round((fields.agent.temperature || 0) * 10)
            textFromValue: (v) => (v / 10).toFixed(1)
            onValueModified: editor.setField(fields.row, "temperature", value / 10)
        }

        Label { text: qsTr("Max turns"); visible: !fields.coding }
        SpinBox { id: turnsField; visible: !fields.coding; from: 1; to: 200; value: fields.agent.maxTurns || 12; onValueModified: editor.setField(fields.row, "max_turns", value) }
        Item { visible: turnsProblem.visible; implicitWidth: 1 }
        Label { id: turnsProblem; text: fields.problem("max_turns"); color: Theme.danger; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }

        Label { text: qsTr("Ends the run") }
        CheckBox {
            text: qsTr("Terminal")
            checked: fields.agent.terminal || false
            onToggled: editor.setField(fields.row, "terminal", checked)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("When this agent finishes, the run is complete")
        }
    }

    CodingAgentFields {
        id: codingFields
        visible: fields.coding
        Layout.fillWidth: true
        editor: fields.editor
        row: fields.row
        coding: fields.agent.coding || ({})
    }

    // A coding agent's instructions are its task file and the project's conventions file.
    RowLayout {
        visible: !fields.coding
        Layout.fillWidth: true
        Label { text: qsTr("Prompt"); font.bold: true; Layout.fillWidth: true }
        Label { objectName: "promptLength"; text: qsTr("%1 characters").arg(prompt.length); color: Theme.muted; font.pixelSize: Theme.smallSize }
    }
    // Grows with the prompt up to a screenful, then scrolls.
    ScrollView {
        objectName: "promptScroll"
        visible: !fields.coding
        Layout.fillWidth: true
        Layout.preferredHeight: Math.min(Math.max(160, prompt.implicitHeight), 480)
        TextArea {
            id: prompt
            objectName: "promptField"
            wrapMode: TextEdit.Wrap
            text: fields.agent.prompt || ""
            onEditingFinished: editor.setField(fields.row, "prompt", text)
        }
    }
    Label { text: fields.problem("prompt"); color: Theme.danger; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }
    // What the prompt's include lines bring in, read-only: shared by every agent that includes it.
    Repeater {
        model: fields.coding ? [] : (prompt.text.match(/^\{\{include [\w.-]+\}\}\s*$/mg) || [])
               .map(line => line.trim().slice(10, -2)).filter(name => fields.editor.sharedPrompts[name] !== undefined)
        ColumnLayout {
            id: shared
            required property string modelData
            property bool open: false
            Layout.fillWidth: true
            Button {
                objectName: "shared_" + shared.modelData
                flat: true
                text: (shared.open ? "▾ " : "▸ ") + qsTr("Shared rules: %1 (read-only, in place of its include line)").arg(shared.modelData)
                onClicked: shared.open = !shared.open
            }
            ScrollView {
                visible: shared.open
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(sharedText.implicitHeight, 320)
                TextArea {
                    id: sharedText
                    objectName: "sharedText_" + shared.modelData
                    readOnly: true
                    wrapMode: TextEdit.Wrap
                    color: Theme.muted
                    text: fields.editor.sharedPrompts[shared.modelData] || ""
                    background: Rectangle { color: Theme.surfaceRaised; radius: 4 }
                }
            }
        }
    }

    Label { text: qsTr("Tools"); font.bold: true; visible: !fields.coding }
    Repeater {
        model: fields.coding ? [] : editor.availableTools
        ColumnLayout {
            required property string modelData
            objectName: "tool_" + modelData
            spacing: 0
            Layout.fillWidth: true
            CheckBox {
                text: modelData
                checked: (fields.agent.tools || []).indexOf(modelData) >= 0
                onToggled: editor.setTool(fields.row, modelData, checked)
            }
            Label {
                objectName: "description"
                text: fields.brief(editor.toolDescription(modelData))
                visible: text.length > 0
                color: Theme.muted
                font.pixelSize: Theme.smallSize
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.leftMargin: 32
            }
        }
    }
    Label { text: fields.problem("tools"); color: Theme.danger; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }
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
    Label { text: fields.problem("handoffs"); color: Theme.danger; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }
}
