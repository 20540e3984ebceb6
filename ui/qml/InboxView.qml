import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// Every pending question and approval across projects: its options as buttons and an answer
// box (hidden input for a secret). An answer is given through the session; the question
// leaves the list when the engine says it was answered, here or in Telegram.
Page {
    id: view
    required property Session session
    required property var model
    signal answerGiven(string runId, string text)
    signal openRun(string runId)

    function answer(runId, text) {
        view.answerGiven(runId, text)
        if (!view.session)
            return
        const pending = view.session.answer(runId, text)
        pending.finished.connect(function(ok, message) { feedback.text = ok ? "" : message })
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12

        Label {
            objectName: "inboxEmpty"
            visible: list.count === 0
            text: qsTr("Nothing waits for you.")
        }
        Label { id: feedback; visible: text.length > 0; color: Theme.danger; wrapMode: Text.Wrap; Layout.fillWidth: true }

        ListView {
            id: list
            objectName: "inboxList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: view.model
            delegate: Frame {
                id: item
                required property string runId
                required property string projectName
                required property string question
                required property var options
                required property bool secret
                required property bool approval
                width: ListView.view.width
                ColumnLayout {
                    anchors.fill: parent
                    RowLayout {
                        Label { text: item.projectName; font.bold: true; Layout.fillWidth: true; elide: Text.ElideRight }
                        Label { text: item.approval ? qsTr("approval") : item.secret ? qsTr("secret") : qsTr("question"); opacity: 0.7 }
                        Button { text: qsTr("Open"); flat: true; onClicked: view.openRun(item.runId) }
                    }
                    Label { text: item.question; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 6
                        Repeater {
                            model: item.options
                            Button {
                                required property string modelData
                                objectName: "option_" + modelData
                                text: modelData
                                onClicked: view.answer(item.runId, modelData)
                            }
                        }
                    }
                    RowLayout {
                        visible: !item.approval
                        TextField {
                            id: answerBox
                            objectName: "answer_" + item.runId
                            Layout.fillWidth: true
                            echoMode: item.secret ? TextInput.Password : TextInput.Normal
                            placeholderText: item.secret ? qsTr("The secret (kept in the vault, never shown to agents)") : qsTr("Your answer")
                            onAccepted: send.clicked()
                        }
                        Button {
                            id: send
                            objectName: "send_" + item.runId
                            text: qsTr("Send")
                            enabled: answerBox.text.trim().length > 0
                            onClicked: { view.answer(item.runId, answerBox.text); answerBox.clear() }
                        }
                    }
                }
            }
        }
    }
}
