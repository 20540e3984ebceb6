import QtQuick
import QtQuick.Controls
import Orchestrator.Ui

// One destination on the navigation rail: an icon in a pill that marks the current view, its
// name below, an optional count badge, and a tooltip with the keyboard shortcut.
AbstractButton {
    id: button
    required property string iconName
    required property string label
    property bool current: false
    property int badge: 0
    property string shortcutText: ""

    implicitWidth: 80
    implicitHeight: 58
    focusPolicy: Qt.StrongFocus
    Accessible.name: label

    ToolTip.visible: hovered || visualFocus
    ToolTip.delay: 600
    ToolTip.text: shortcutText.length > 0 ? label + "  (" + shortcutText + ")" : label

    contentItem: Item {
        Rectangle {
            id: pill
            anchors.horizontalCenter: parent.horizontalCenter
            y: 4
            width: 52
            height: 30
            radius: 15
            color: button.current ? Theme.selection : button.hovered ? Theme.surfaceRaised : "transparent"
            border.width: button.visualFocus ? 2 : 0
            border.color: Theme.accent
            Icon {
                anchors.centerIn: parent
                name: button.iconName
                size: 20
                color: button.current ? Theme.accent : Theme.text
            }
            Rectangle {
                objectName: "badge"
                visible: button.badge > 0
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.rightMargin: -2
                anchors.topMargin: -4
                height: 16
                width: Math.max(16, badgeText.implicitWidth + 8)
                radius: 8
                color: Theme.danger
                Text {
                    id: badgeText
                    anchors.centerIn: parent
                    text: button.badge > 99 ? "99+" : button.badge
                    color: Theme.dark ? "#1d2127" : "#ffffff"
                    font.pixelSize: 10
                    font.bold: true
                }
            }
        }
        Text {
            anchors.top: pill.bottom
            anchors.topMargin: 3
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            elide: Text.ElideRight
            text: button.label
            color: button.current ? Theme.accent : Theme.muted
            font.pixelSize: 11
            font.bold: button.current
        }
    }
}
