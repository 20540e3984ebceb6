import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// A project under review, at one of its runs: the header (status, deployed address and
// health, cost), the project's runs to move between, the pending question with an answer
// box, a change request once the run is over, and a resizable split between the run's steps
// and the report, files, git log and the chosen step's checkpoint (time travel). Risky actions
// (fork, cancel, redeploy, roll back, take down) ask first.
Page {
    id: view
    required property Session session
    property alias runId: timeline.runId
    signal openRun(string runId)

    RunTimelineModel { id: timeline; session: view.session }
    CheckpointModel { id: checkpoint; session: view.session; runId: view.runId }
    ConfirmDialog { id: confirm }
    DomainDialog {
        id: domainDialog
        onChosen: (domain) => view.follow(view.session.claimDomain(timeline.projectId, domain))
    }

    // A new run opens on its report, not on the tab the last one was left at.
    onRunIdChanged: tabs.currentIndex = 0

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

    // Shows the outcome of this view's own request; a fork or change opens the new run.
    function follow(pending) {
        pending.finished.connect(function(ok, message, value) {
            feedback.failed = !ok
            feedback.text = ok ? "" : message
            if (ok && (pending.action === "redeploy" || pending.action === "rollback"))
                feedback.text = qsTr("Release %1 runs and passed its health check.").arg(value.substring(0, 12))
            if (ok && pending.action === "teardown") {
                feedback.text = qsTr("%1 is down and removed; its code, runs and reports stay.").arg(timeline.projectName)
                timeline.fetchDeployment()
            }
            if (ok && pending.action === "domain") {
                feedback.text = value.length > 0 ? qsTr("%1 answers at %2 now.").arg(timeline.projectName).arg(value)
                                                 : qsTr("%1 moves to its domain at its next deploy.").arg(timeline.projectName)
                timeline.fetchDeployment()
            }
            if (ok && (pending.action === "fork" || pending.action === "change"))
                view.openRun(value)
        })
    }

    function askToFork(step) {
        confirm.ask(qsTr("Fork from step %1?").arg(step),
                    qsTr("A new run of this project starts from the state after step %1 and goes on from there. It spends from the budget; this run stays as it is.").arg(step),
                    qsTr("Fork"), () => view.follow(view.session.fork(view.runId, step)))
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12

        Label {
            visible: view.runId.length === 0
            text: qsTr("Choose a project to review.")
        }
        RunHeader {
            visible: view.runId.length > 0
            Layout.fillWidth: true
            timeline: timeline
            onCancelRequested: confirm.ask(qsTr("Cancel this run?"),
                                           qsTr("The run stops where it is, and whatever it started (a deploy included) is stopped and cleaned up. It can be resumed later."),
                                           qsTr("Cancel the run"), () => view.follow(view.session.cancel(view.runId)))
            onResumeRequested: view.follow(view.session.resume(view.runId))
        }
        Label {
            objectName: "runReason"
            text: timeline.reason
            visible: timeline.reason.length > 0 && timeline.question.length === 0
            color: Theme.statusColor(timeline.statusName)
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "storeAway"
            text: qsTr("Paused: the database cannot be reached. The run goes on by itself once it is back.")
            visible: timeline.storeAway
            color: Theme.warning
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { id: feedback; objectName: "feedback"; property bool failed: true; visible: text.length > 0; color: failed ? Theme.danger : Theme.success; wrapMode: Text.Wrap; Layout.fillWidth: true }

        ProjectRunStrip {
            objectName: "runStrip"
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            session: view.session
            projectId: timeline.projectId
            currentRunId: view.runId
            onOpen: runId => view.openRun(runId)
        }

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
            visible: view.runId.length > 0 && timeline.statusName.length > 0 && timeline.status !== RunStatus.Running && timeline.status !== RunStatus.WaitingHuman && timeline.status !== RunStatus.WaitingBudget && timeline.status !== RunStatus.WaitingResources
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
                text: qsTr("Redeploy…")
                enabled: timeline.url.length > 0
                ToolTip.visible: hovered
                ToolTip.text: enabled ? qsTr("Install and start the running release again") : qsTr("The project has not been deployed")
                onClicked: confirm.ask(qsTr("Redeploy %1?").arg(timeline.projectName),
                                       qsTr("The running release is installed and started again; the service is down for a moment."),
                                       qsTr("Redeploy"), () => view.follow(view.session.redeploy(timeline.projectId)))
            }
            Button {
                objectName: "rollback"
                text: qsTr("Roll back…")
                enabled: timeline.url.length > 0
                ToolTip.visible: hovered
                ToolTip.text: enabled ? qsTr("Put the release before it back") : qsTr("The project has not been deployed")
                onClicked: confirm.ask(qsTr("Roll back %1?").arg(timeline.projectName),
                                       qsTr("The release before the running one is put back and started."),
                                       qsTr("Roll back"), () => view.follow(view.session.rollback(timeline.projectId)))
            }
            Button {
                objectName: "domain"
                text: qsTr("Domain…")
                enabled: timeline.projectId.length > 0
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Reach the project at a domain of yours")
                onClicked: domainDialog.ask(timeline.projectName)
            }
            Button {
                objectName: "teardown"
                text: qsTr("Take down…")
                enabled: timeline.url.length > 0
                ToolTip.visible: hovered
                ToolTip.text: enabled ? qsTr("Stop the service and remove it") : qsTr("The project has not been deployed")
                onClicked: confirm.ask(qsTr("Take %1 down?").arg(timeline.projectName),
                                       qsTr("The service stops at %1; its process, web site and releases are removed. The code, runs and reports stay, and a change request deploys it again.").arg(timeline.url),
                                       qsTr("Take down"), () => view.follow(view.session.teardown(timeline.projectId)))
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
                SplitView.preferredWidth: view.width * 0.45
                SplitView.minimumWidth: 360
                clip: true
                model: timeline
                spacing: 4
                delegate: StepCard {
                    width: ListView.view.width - 8
                    opacity: view.focusAgent.length === 0 || view.focusAgent === agent ? 1 : 0.45
                    selected: checkpoint.step === step && tabs.currentIndex === 3
                    focused: ListView.isCurrentItem && steps.activeFocus
                    hideMessage: timeline.question.length > 0 && message === timeline.question
                    onInspect: view.inspect(step)
                    onFork: view.askToFork(step)
                }
                footer: LiveActivity {
                    width: ListView.view.width - 8
                    agent: timeline.liveAgent
                    lines: timeline.liveActivity
                }
            }
            ColumnLayout {
                SplitView.fillWidth: true
                SplitView.minimumWidth: 320
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
                    ReportText {
                        objectName: "runReport"
                        markdown: timeline.report
                        placeholder: qsTr("The report appears when the run ends.")
                    }
                    SourceBrowser {
                        model: WorkspaceModel { id: files; session: view.session; runId: view.runId }
                        listModel: FileTreeModel { id: fileTree; objectName: "fileTree"; source: files }
                        itemText: (row) => row.folder ? row.name + "/" : row.name
                        detail: files.detail
                        onChosen: (row) => row.folder ? fileTree.toggle(row.path) : files.open(row.path)
                    }
                    SourceBrowser {
                        model: CommitsModel { id: commits; session: view.session; runId: view.runId }
                        itemText: (row) => row.sha.substring(0, 8) + "  " + row.summary
                        detail: commits.detail
                        diff: true
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
