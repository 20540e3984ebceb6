import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The top of a project's review: its name, the run's status, where it is deployed and how
// healthy it is (the address opens in the browser), what the run cost, and Cancel / Resume
// where they mean something.
ColumnLayout {
    id: header
    required property RunTimelineModel timeline
    signal cancelRequested()
    signal resumeRequested()

    readonly property bool active: timeline.status === RunStatus.Running || timeline.status === RunStatus.WaitingHuman
                                   || timeline.status === RunStatus.WaitingBudget || timeline.status === RunStatus.WaitingResources
    spacing: 4

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.gap
        Label {
            objectName: "projectTitle"
            text: header.timeline.projectName
            font.pixelSize: Theme.titleSize
            elide: Text.ElideRight
            Layout.maximumWidth: header.width * 0.4
        }
        StatusChip { objectName: "runStatus"; status: header.timeline.statusName }
        Label {
            objectName: "runCost"
            text: qsTr("Cost: $%1").arg(header.timeline.cost.toFixed(4))
                  + (header.timeline.simulatedCost > 0 ? " " + qsTr("(simulated)") : "")
            color: Theme.muted
        }
        Item { Layout.fillWidth: true }
        Button {
            objectName: "cancelRun"
            text: qsTr("Cancel…")
            visible: header.active
            onClicked: header.cancelRequested()
        }
        Button {
            objectName: "resumeRun"
            text: qsTr("Resume")
            visible: header.timeline.status === RunStatus.Failed || header.timeline.status === RunStatus.Stalled
            onClicked: header.resumeRequested()
        }
    }
    RowLayout {
        visible: header.timeline.url.length > 0
        spacing: Theme.gap
        StatusChip { status: header.timeline.health.length > 0 ? header.timeline.health : "unchecked" }
        Label {
            objectName: "deployedUrl"
            text: "<a href=\"" + header.timeline.url + "\">" + header.timeline.url + "</a>"
            textFormat: Text.StyledText
            linkColor: Theme.accent
            elide: Text.ElideRight
            Layout.fillWidth: true
            onLinkActivated: link => Qt.openUrlExternally(link)
            HoverHandler { cursorShape: Qt.PointingHandCursor }
        }
    }
}
