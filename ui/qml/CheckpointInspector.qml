import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// Time travel: the state after one step as a tree (changed values marked), the diff from the
// step before, and the conversation of the agent at work; choose a value, edit it, and fork a
// new run from this step with it.
Page {
    id: view
    required property CheckpointModel model
    property string forkError: ""
    signal forked(string runId)

    header: RowLayout {
        spacing: Theme.gap
        Label {
            Layout.leftMargin: Theme.gap
            text: view.model.step < 0 ? qsTr("Choose a step in the timeline to see its state.")
                                      : qsTr("After step %1").arg(view.model.step) +
                                        (view.model.agent.length > 0 ? " · " + qsTr("next: %1").arg(view.model.agent) : "")
            font.bold: true
        }
        BusyIndicator { running: view.model.loading; visible: running; implicitHeight: 24; implicitWidth: 24 }
        Label { objectName: "inspectorError"; text: view.model.error; color: Theme.danger; visible: text.length > 0 }
    }

    ColumnLayout {
        anchors.fill: parent
        visible: view.model.step >= 0 || view.model.tree.count > 0
        spacing: Theme.gap

        TabBar {
            id: parts
            objectName: "inspectorTabs"
            Layout.fillWidth: true
            TabButton { text: qsTr("State") }
            TabButton { text: qsTr("Changes (%1)").arg(view.model.changes.length) }
            TabButton { text: qsTr("Conversation (%1)").arg(view.model.conversation.length) }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: parts.currentIndex

            ColumnLayout {
                ListView {
                    id: tree
                    objectName: "stateTree"
                    property string chosen: ""
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: view.model.tree
                    keyNavigationEnabled: true
                    delegate: ItemDelegate {
                        id: node
                        required property int index
                        required property string path
                        required property string key
                        required property int depth
                        required property string preview
                        required property bool expandable
                        required property bool expanded
                        required property bool changed
                        objectName: "node_" + path
                        width: ListView.view.width
                        highlighted: tree.chosen === path
                        leftPadding: Theme.gap + depth * 18
                        onClicked: {
                            if (expandable)
                                view.model.tree.toggle(index)
                            else {
                                tree.chosen = path
                                editor.text = view.model.tree.valueText(path)
                            }
                        }
                        contentItem: RowLayout {
                            spacing: 6
                            Label { text: node.expandable ? (node.expanded ? "▾" : "▸") : "•"; color: Theme.muted; Layout.preferredWidth: 12 }
                            Label { text: node.key; font.bold: true; color: node.changed ? Theme.warning : Theme.text }
                            Label { text: node.preview; color: Theme.muted; elide: Text.ElideRight; Layout.fillWidth: true }
                        }
                    }
                }
                Label {
                    visible: view.model.tree.truncated
                    text: qsTr("Only the first %1 rows are shown; fold some open values.").arg(2000)
                    color: Theme.warning
                }
                Label {
                    text: tree.chosen.length > 0 ? qsTr("Value at %1").arg(tree.chosen) : qsTr("Click a value to edit it for a fork.")
                    color: Theme.muted
                }
                ScrollView {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 90
                    visible: tree.chosen.length > 0
                    TextArea { id: editor; objectName: "valueEditor"; wrapMode: TextEdit.Wrap; font.family: "monospace" }
                }
                Label { objectName: "editError"; text: view.model.editError.length > 0 ? view.model.editError : view.forkError; visible: text.length > 0; color: Theme.danger; wrapMode: Text.Wrap; Layout.fillWidth: true }
                Button {
                    objectName: "forkEdited"
                    text: qsTr("Fork from this step with this value")
                    enabled: tree.chosen.length > 0
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("A new run continues from here with the edited state; this run stays as it is")
                    onClicked: {
                        view.forkError = ""
                        const action = view.model.forkWith(tree.chosen, editor.text)
                        if (action)
                            action.finished.connect((ok, error, runId) => { if (ok) view.forked(runId); else view.forkError = error })
                    }
                }
            }

            ListView {
                objectName: "changesList"
                clip: true
                model: view.model.changes
                spacing: 4
                delegate: Frame {
                    required property var modelData
                    width: ListView.view.width - 8
                    ColumnLayout {
                        width: parent.width
                        RowLayout {
                            Label {
                                text: modelData.op === "added" ? qsTr("added") : modelData.op === "removed" ? qsTr("removed") : qsTr("changed")
                                color: modelData.op === "added" ? Theme.success : modelData.op === "removed" ? Theme.danger : Theme.warning
                                font.bold: true
                            }
                            Label { text: modelData.path; font.family: "monospace"; elide: Text.ElideMiddle; Layout.fillWidth: true }
                        }
                        Label { visible: modelData.before.length > 0; text: "− " + modelData.before; color: Theme.danger; wrapMode: Text.Wrap; Layout.fillWidth: true }
                        Label { visible: modelData.after.length > 0; text: "+ " + modelData.after; color: Theme.success; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    }
                }
                footer: Label { padding: Theme.gap; visible: view.model.changes.length === 0; text: view.model.step === 0 ? qsTr("The run's starting state.") : qsTr("This step changed nothing in the state."); color: Theme.muted }
            }

            ListView {
                objectName: "conversationList"
                clip: true
                model: view.model.conversation
                spacing: 4
                delegate: Frame {
                    required property var modelData
                    width: ListView.view.width - 8
                    ColumnLayout {
                        width: parent.width
                        RowLayout {
                            Label { text: modelData.role; font.bold: true; color: modelData.failed ? Theme.danger : Theme.accent }
                            Label { visible: modelData.tools.length > 0; text: qsTr("calls %1").arg(modelData.tools); color: Theme.muted }
                        }
                        Label { text: modelData.text; visible: text.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true; textFormat: Text.PlainText }
                    }
                }
                footer: Label { padding: Theme.gap; visible: view.model.conversation.length === 0; text: qsTr("No conversation is pending at this step."); color: Theme.muted }
            }
        }
    }
}
