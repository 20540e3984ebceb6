import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// One step of a run's timeline as a compact row: number, agent, outcome chip, time, tokens and
// cost; its tools and the model's text below, folded to two lines until the row is opened.
Frame {
    id: card
    required property int step
    required property string agent
    required property string kind
    required property string outcome
    required property string tools
    required property string message
    required property int durationMs
    required property int promptTokens
    required property int completionTokens
    required property var cost
    required property string activity // a coding agent's work, one line per thing it did
    property bool selected: false
    property bool focused: false
    property bool expanded: false
    property bool hideMessage: false // shown elsewhere (the pending question)
    readonly property bool priced: kind === "llm" || kind === "coding_agent"
    signal inspect()
    signal fork()

    padding: 6
    background: Rectangle {
        radius: 4
        color: card.selected ? Theme.selection : "transparent"
        border.color: card.focused ? Theme.accent : Theme.border
    }
    TapHandler { onTapped: { card.expanded = !card.expanded; card.inspect() } }

    function seconds(ms) { return ms >= 1000 ? qsTr("%1 s").arg((ms / 1000).toFixed(1)) : qsTr("%1 ms").arg(ms) }

    ColumnLayout {
        width: parent.width
        spacing: 2
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Label { text: "#" + card.step; font.bold: true; color: Theme.muted }
            Label { text: card.agent; font.bold: true; elide: Text.ElideRight; Layout.maximumWidth: 160 }
            StatusChip { status: card.outcome }
            Item { Layout.fillWidth: true }
            ToolButton {
                objectName: "inspect_" + card.step
                text: qsTr("Inspect")
                font.pixelSize: Theme.smallSize
                Layout.preferredHeight: 26
                ToolTip.visible: hovered
                ToolTip.text: qsTr("The state after this step, what it changed, and the conversation")
                onClicked: card.inspect()
            }
            ToolButton {
                objectName: "fork_" + card.step
                text: qsTr("Fork…")
                font.pixelSize: Theme.smallSize
                Layout.preferredHeight: 26
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Start a new run from the state after this step")
                onClicked: card.fork()
            }
        }
        Label {
            objectName: "stepMetrics"
            Layout.fillWidth: true
            elide: Text.ElideRight
            color: Theme.muted
            font.pixelSize: Theme.smallSize
            text: [card.seconds(card.durationMs),
                   card.priced ? qsTr("%1/%2 tokens").arg(card.promptTokens).arg(card.completionTokens) : "",
                   !card.priced ? "" : card.cost === undefined || card.cost === null ? qsTr("cost unknown") : "$" + Number(card.cost).toFixed(5)]
                  .filter(part => part.length > 0).join(" · ")
        }
        Label {
            visible: card.tools.length > 0
            text: qsTr("Tools: %1").arg(card.tools)
            color: Theme.muted
            font.pixelSize: Theme.smallSize
            wrapMode: Text.Wrap
            maximumLineCount: card.expanded ? 1000 : 1
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Label {
            objectName: "stepActivity"
            visible: card.activity.length > 0
            text: card.activity
            font.family: "monospace"
            font.pixelSize: Theme.smallSize
            color: Theme.muted
            wrapMode: Text.NoWrap
            elide: Text.ElideRight
            maximumLineCount: card.expanded ? 1000 : 4
            Layout.fillWidth: true
        }
        Label {
            visible: card.message.length > 0 && !card.hideMessage
            text: card.message
            wrapMode: Text.Wrap
            maximumLineCount: card.expanded ? 1000 : 2
            elide: Text.ElideRight
            Layout.fillWidth: true
            opacity: 0.85
        }
    }
}
