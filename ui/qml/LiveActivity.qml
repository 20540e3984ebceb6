import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The coding agent at work in the step now in flight: who, and the last things it did
// (files written, commands run, what it said), newest last, as they arrive.
Frame {
    id: live
    required property string agent
    required property var lines // newest last
    property int shown: 8

    objectName: "liveActivity"
    visible: agent.length > 0 && lines.length > 0
    height: visible ? implicitHeight : 0
    padding: 6
    background: Rectangle {
        radius: 4
        color: "transparent"
        border.color: Theme.accent
    }

    ColumnLayout {
        width: parent.width
        spacing: 2
        RowLayout {
            spacing: Theme.gap
            BusyIndicator { running: live.visible; Layout.preferredWidth: 18; Layout.preferredHeight: 18 }
            Label { text: qsTr("%1 is working").arg(live.agent); font.bold: true }
        }
        Label {
            Layout.fillWidth: true
            text: live.lines.slice(-live.shown).join("\n")
            font.family: "monospace"
            font.pixelSize: Theme.smallSize
            wrapMode: Text.NoWrap
            elide: Text.ElideRight
        }
    }
}
