import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// A project's runs side by side, newest first: how each began (new, change, fork of which run
// at which step), its status, date and cost; the one under review stands out, a click opens
// another.
ListView {
    id: strip
    required property string projectId
    required property string currentRunId
    property alias runs: runsModel
    signal open(string runId)

    ProjectRunsModel { id: runsModel; objectName: "projectRuns"; session: strip.session; projectId: strip.projectId }
    required property Session session

    orientation: ListView.Horizontal
    spacing: Theme.gap
    clip: true
    implicitHeight: 56
    visible: count > 1 // one run needs no choosing
    model: runsModel

    function origin(kind, fromRun, fromStep) {
        if (kind === "fork")
            return qsTr("fork of %1 at step %2").arg(fromRun.substring(0, 8)).arg(fromStep)
        if (kind === "change")
            return qsTr("change")
        return qsTr("new")
    }

    delegate: ItemDelegate {
        id: entry
        required property string runId
        required property string kind
        required property string fromRun
        required property int fromStep
        required property string status
        required property date createdAt
        required property real cost
        required property bool simulated
        objectName: "run_" + runId
        height: strip.height
        width: Math.max(190, info.implicitWidth + 2 * Theme.pad)
        highlighted: runId === strip.currentRunId
        onClicked: if (runId !== strip.currentRunId) strip.open(runId)
        background: Rectangle {
            radius: Theme.radius
            color: entry.highlighted ? Theme.selection : Theme.surfaceRaised
            border.color: entry.highlighted ? Theme.accent : Theme.border
        }
        contentItem: ColumnLayout {
            id: info
            spacing: 2
            RowLayout {
                Label { text: strip.origin(entry.kind, entry.fromRun, entry.fromStep); font.bold: true }
                StatusChip { status: entry.status }
            }
            Label {
                text: Qt.formatDateTime(entry.createdAt, "yyyy-MM-dd hh:mm") + " · $" + entry.cost.toFixed(4)
                      + (entry.simulated ? " " + qsTr("(simulated)") : "")
                color: Theme.muted
                font.pixelSize: Theme.smallSize
            }
        }
    }
}
