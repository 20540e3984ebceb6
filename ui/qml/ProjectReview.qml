import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// One run under review: its timeline (agent, outcome, tools, tokens, cost, duration, model
// text), the pending question with an answer box, cancel/resume, fork from any step, a
// change request once the run is over, the report once written, and time travel: a step opens
// the inspector of its checkpoint.
Page {
    id: view
    required property Session session
    property alias runId: timeline.runId
    signal openRun(string runId)

    RunTimelineModel { id: timeline; session: view.session }
    CheckpointModel { id: checkpoint; session: view.session; runId: view.runId }

    // The live graph's "show this agent": its steps stand out and the latest is scrolled to.
    property string focusAgent: ""
    function showAgent(agentId) {
        focusAgent = agentId
        for (let i = timeline.count - 1; i >= 0; --i)
            if (timeline.get(i).agent === agentId) {
                steps.positionViewAtIndex(i, ListView.Center)
                break
            }
    }

    function inspect(step) {
        checkpoint.step = step
        tabs.currentIndex = 3
    }

    // Shows the outcome of this view's own request; a fork opens the new run.
    function follow(pending) {
        pending.finished.connect(function(ok, message, value) {
            feedback.failed = !ok
            feedback.text = ok ? "" : message
            if (ok && (pending.action === "redeploy" || pending.action === "rollback"))
                feedback.text = qsTr("Release %1 runs and passed its health check.").arg(value.substring(0, 12))
            if (ok && (pending.action === "fork" || pending.action === "change"))
                view.openRun(value)
        })
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12

        Label {
            visible: view.runId.length === 0
            text: qsTr("Choose a project to review.")
        }
        RowLayout {
            visible: view.runId.length > 0
            Label { text: timeline.projectName; font.pixelSize: 20; Layout.fillWidth: true; elide: Text.ElideRight }
            Label { text: qsTr("Status: %1").arg(timeline.statusName) }
            Label {
                objectName: "runCost"
                text: qsTr("Cost: $%1").arg(timeline.cost.toFixed(4))
                      + (timeline.simulatedCost > 0 ? " " + qsTr("(simulated)") : "")
            }
            Button { text: qsTr("Cancel"); enabled: timeline.status === RunStatus.Running || timeline.status === RunStatus.WaitingHuman || timeline.status === RunStatus.WaitingBudget || timeline.status === RunStatus.WaitingResources; onClicked: view.follow(view.session.cancel(view.runId)) }
            Button { text: qsTr("Resume"); enabled: timeline.status === RunStatus.Failed || timeline.status === RunStatus.Stalled; onClicked: view.follow(view.session.resume(view.runId)) }
        }
        Label { text: timeline.reason; visible: timeline.reason.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }
        Label {
            objectName: "storeAway"
            text: qsTr("Paused: the database cannot be reached. The run goes on by itself once it is back.")
            visible: timeline.storeAway
            color: Theme.warning
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { id: feedback; objectName: "feedback"; property bool failed: true; visible: text.length > 0; color: failed ? Theme.danger : Theme.success; wrapMode: Text.Wrap; Layout.fillWidth: true }

        Frame {
            visible: timeline.question.length > 0
            Layout.fillWidth: true
            ColumnLayout {
                anchors.fill: parent
                Label { text: qsTr("Question: %1").arg(timeline.question); wrapMode: Text.Wrap; Layout.fillWidth: true; font.bold: true }
                Flow {
                    Layout.fillWidth: true
                    spacing: 6
                    Repeater {
                        model: timeline.questionOptions
                        Button { required property string modelData; text: modelData; onClicked: view.follow(view.session.answer(view.runId, modelData)) }
                    }
                }
                RowLayout {
                    TextField {
                        id: answer; objectName: "answer"; Layout.fillWidth: true
                        echoMode: timeline.questionIsSecret ? TextInput.Password : TextInput.Normal
                        placeholderText: timeline.questionIsSecret ? qsTr("The secret (kept in the vault, never shown to agents)") : qsTr("Your answer")
                    }
                    Button {
                        text: qsTr("Send")
                        enabled: answer.text.trim().length > 0
                        onClicked: { view.follow(view.session.answer(view.runId, answer.text)); answer.clear() }
                    }
                }
            }
        }

        // Once the run is over, the project can be changed: a new run on the same project.
        RowLayout {
            visible: view.runId.length > 0 && timeline.status !== RunStatus.Running && timeline.status !== RunStatus.WaitingHuman && timeline.status !== RunStatus.WaitingBudget && timeline.status !== RunStatus.WaitingResources
            Layout.fillWidth: true
            TextField {
                id: changeRequest; objectName: "changeRequest"; Layout.fillWidth: true
                placeholderText: qsTr("Ask for a change to this project, e.g. \"add a /weather route\"")
            }
            Button {
                objectName: "askForChange"
                text: qsTr("Ask for a change")
                enabled: changeRequest.text.trim().length > 0
                onClicked: { view.follow(view.session.changeProject(timeline.projectId, changeRequest.text)); changeRequest.clear() }
            }
            Button {
                objectName: "redeploy"
                text: qsTr("Redeploy")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Install and start the running release again")
                onClicked: view.follow(view.session.redeploy(timeline.projectId))
            }
            Button {
                objectName: "rollback"
                text: qsTr("Roll back")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Put the release before it back")
                onClicked: view.follow(view.session.rollback(timeline.projectId))
            }
        }

        RowLayout {
            visible: view.focusAgent.length > 0
            Label { text: qsTr("Steps of %1 stand out.").arg(view.focusAgent); color: Theme.accent }
            Button { objectName: "showAllSteps"; text: qsTr("Show all alike"); flat: true; onClicked: view.focusAgent = "" }
        }

        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: view.runId.length > 0

            ListView {
                id: steps
                objectName: "timeline"
                // Keyboard: Tab into the steps, Up/Down between them, Enter opens the inspector.
                activeFocusOnTab: true
                keyNavigationEnabled: true
                Keys.onReturnPressed: if (currentIndex >= 0) view.inspect(timeline.get(currentIndex).step)
                Keys.onEnterPressed: if (currentIndex >= 0) view.inspect(timeline.get(currentIndex).step)
                SplitView.preferredWidth: parent.width * 0.6
                clip: true
                model: timeline
                spacing: 6
                delegate: Frame {
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
                    width: ListView.view.width - 8
                    opacity: view.focusAgent.length === 0 || view.focusAgent === agent ? 1 : 0.45
                    background: Rectangle {
                        radius: 4
                        color: checkpoint.step === step && tabs.currentIndex === 3 ? Theme.selection : "transparent"
                        border.color: parent.ListView.isCurrentItem && steps.activeFocus ? Theme.accent : Theme.border
                    }
                    TapHandler { onTapped: view.inspect(step) }
                    ColumnLayout {
                        width: parent.width
                        RowLayout {
                            Label { text: "#" + step; font.bold: true }
                            Label { text: agent; font.bold: true }
                            Label { text: outcome }
                            Label { text: qsTr("%1 ms").arg(durationMs); opacity: 0.7 }
                            Label { text: qsTr("%1/%2 tokens").arg(promptTokens).arg(completionTokens); opacity: 0.7 }
                            Label { text: cost === undefined || cost === null ? qsTr("cost unknown") : "$" + Number(cost).toFixed(5); opacity: 0.7 }
                            Item { Layout.fillWidth: true }
                            Button {
                                objectName: "inspect_" + step
                                text: qsTr("Inspect")
                                flat: true
                                ToolTip.visible: hovered
                                ToolTip.text: qsTr("The state after this step, what it changed, and the conversation")
                                onClicked: view.inspect(step)
                            }
                            Button { text: qsTr("Fork from here"); flat: true; onClicked: view.follow(view.session.fork(view.runId, step)) }
                        }
                        Label { text: qsTr("Tools: %1").arg(tools); visible: tools.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true }
                        Label { text: message; visible: message.length > 0; wrapMode: Text.Wrap; Layout.fillWidth: true; opacity: 0.85 }
                    }
                }
            }
            ColumnLayout {
                SplitView.fillWidth: true
                TabBar {
                    id: tabs
                    objectName: "reviewTabs"
                    Layout.fillWidth: true
                    TabButton { text: qsTr("Report") }
                    TabButton { text: qsTr("Files") }
                    TabButton { text: qsTr("Git") }
                    TabButton { text: qsTr("Step") }
                }
                StackLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: tabs.currentIndex
                    ScrollView {
                        contentWidth: availableWidth // wrap to the pane, no sideways scrolling
                        Label {
                            width: parent.width
                            padding: 8
                            textFormat: Text.MarkdownText
                            wrapMode: Text.Wrap
                            text: timeline.report.length > 0 ? timeline.report : qsTr("The report appears when the run ends.")
                        }
                    }
                    SourceBrowser {
                        model: WorkspaceModel { id: files; session: view.session; runId: view.runId }
                        itemText: (row) => row.path
                        detail: files.detail
                        onChosen: (row) => files.open(row.path)
                    }
                    SourceBrowser {
                        model: CommitsModel { id: commits; session: view.session; runId: view.runId }
                        itemText: (row) => row.sha.substring(0, 8) + "  " + row.summary
                        detail: commits.detail
                        onChosen: (row) => commits.showDiff(row.sha)
                    }
                    CheckpointInspector {
                        model: checkpoint
                        onForked: runId => view.openRun(runId)
                    }
                }
            }
        }
    }
}
