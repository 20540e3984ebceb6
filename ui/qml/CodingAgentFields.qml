import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// A coding agent node's settings: which CLI (or the command of another), its model, the
// vault handle of its key, and its time and cost limits; each with the problem validation
// found in it.
GridLayout {
    id: form
    required property GraphEditor editor
    required property int row
    required property var coding
    readonly property alias programField: program

    columns: 2
    columnSpacing: Theme.gap
    rowSpacing: 4

    function problem(field) { return form.row >= 0 ? editor.fieldError(form.row, "coding." + field) : "" }
    function set(field, value) { editor.setField(form.row, "coding." + field, value) }

    Label { text: qsTr("Program") }
    ComboBox {
        id: program
        objectName: "codingProgram"
        Layout.fillWidth: true
        textRole: "text"
        valueRole: "value"
        model: [{ value: "claude", text: qsTr("Claude Code") },
                { value: "codex", text: qsTr("Codex CLI") },
                { value: "command", text: qsTr("Another CLI (a command)") }]
        currentIndex: Math.max(0, ["claude", "codex", "command"].indexOf(form.coding.program || ""))
        onActivated: form.set("program", currentValue)
    }
    Item { visible: programProblem.visible; implicitWidth: 1 }
    Label { id: programProblem; text: form.problem("program"); color: Theme.danger; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }

    Label { text: qsTr("Command"); visible: form.coding.program === "command" }
    TextField {
        objectName: "codingCommand"
        visible: form.coding.program === "command"
        Layout.fillWidth: true
        placeholderText: qsTr("e.g. droid exec --file {task_file}")
        text: (form.coding.command || []).join(" ")
        onEditingFinished: form.set("command", text)
    }
    Item { visible: commandProblem.visible; implicitWidth: 1 }
    Label { id: commandProblem; text: form.problem("command"); color: Theme.danger; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }

    Label { text: qsTr("Model") }
    TextField {
        objectName: "codingModel"
        Layout.fillWidth: true
        placeholderText: qsTr("The CLI's default")
        text: form.coding.model || ""
        onEditingFinished: form.set("model", text)
    }

    Label { text: qsTr("Key") }
    TextField {
        objectName: "codingKey"
        Layout.fillWidth: true
        placeholderText: qsTr("key:NAME in the vault")
        text: form.coding.key_secret || ""
        onEditingFinished: form.set("key_secret", text)
    }
    Item { visible: keyProblem.visible; implicitWidth: 1 }
    Label { id: keyProblem; text: form.problem("key_secret"); color: Theme.danger; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }

    Label { text: qsTr("Time limit (minutes)") }
    TextField {
        objectName: "codingMinutes"
        Layout.fillWidth: true
        inputMethodHints: Qt.ImhFormattedNumbersOnly
        text: form.coding.max_minutes === undefined ? "30" : String(form.coding.max_minutes)
        onEditingFinished: form.set("max_minutes", text)
    }
    Item { visible: minutesProblem.visible; implicitWidth: 1 }
    Label { id: minutesProblem; text: form.problem("max_minutes"); color: Theme.danger; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }

    Label { text: qsTr("Cost limit (USD)") }
    TextField {
        objectName: "codingCost"
        Layout.fillWidth: true
        inputMethodHints: Qt.ImhFormattedNumbersOnly
        text: form.coding.max_cost_usd === undefined ? "5" : String(form.coding.max_cost_usd)
        onEditingFinished: form.set("max_cost_usd", text)
    }
    Item { visible: costProblem.visible; implicitWidth: 1 }
    Label { id: costProblem; text: form.problem("max_cost_usd"); color: Theme.danger; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }
}
