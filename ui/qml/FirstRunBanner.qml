import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The first run: with no model configured (or a key missing from the vault) projects cannot
// start. Instead of a command-line hint after the first failure, this says so at once and
// offers the two ways on: add a provider in Settings, or use the offline demo model. While
// the demo model is in use, it says what that means.
ToolBar {
    id: banner
    required property ModelSetup setup
    signal openSettings()

    readonly property bool blocked: setup.checked && !setup.ready
    visible: blocked || setup.offlineDemo
    height: visible ? implicitHeight : 0
    background: Rectangle { color: banner.blocked ? Theme.dangerBackground : Theme.selection }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.pad
        anchors.rightMargin: Theme.pad
        spacing: Theme.gap
        Label {
            objectName: "firstRunText"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: banner.blocked
                  ? qsTr("No model is ready, so projects cannot start yet: %1").arg(banner.setup.problem)
                  : qsTr("Offline demo model: projects replay a recorded run (a service that tells the time in a city) whatever you describe; its spend is simulated.")
        }
        Label { id: failure; objectName: "firstRunError"; visible: text.length > 0; color: Theme.danger }
        Button {
            objectName: "openProviderSettings"
            visible: banner.blocked
            text: qsTr("Add a provider…")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Settings: the endpoint and the vault handle of its key, with a connection test")
            onClicked: banner.openSettings()
        }
        Button {
            objectName: "useOfflineDemo"
            visible: banner.blocked
            text: qsTr("Use the offline demo model")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Recorded replies, no network and no real model; spend is labelled simulated")
            onClicked: banner.setup.useOfflineDemo().finished.connect((ok, error) => failure.text = ok ? "" : error)
        }
    }
}
