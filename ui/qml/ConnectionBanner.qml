import QtQuick
import QtQuick.Controls
import Orchestrator.Ui

// Shown while a remote orchestratord cannot be reached; the session keeps retrying.
ToolBar {
    id: banner
    required property Session session
    visible: !session.connected
    height: visible ? implicitHeight : 0
    background: Rectangle { color: Theme.dangerBackground }

    Label {
        anchors.fill: parent
        anchors.margins: 8
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.Wrap
        text: qsTr("Not connected to %1 — retrying. %2").arg(banner.session.location).arg(banner.session.connectionError)
    }
}
