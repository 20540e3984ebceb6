import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The navigation rail: one button per view (icon, name, a count badge where one matters),
// Up/Down and Ctrl+1…9 to move between views, and the light/dark switch at the bottom.
Rectangle {
    id: rail
    // [{icon, label}], in the order of the views.
    required property var sections
    // Counts shown on the buttons, by icon name (a change redraws only the badge).
    property var badges: ({})
    property int currentIndex: 0

    implicitWidth: 88
    color: Theme.rail

    function select(index) {
        if (index >= 0 && index < sections.length)
            currentIndex = index
    }

    // Keyboard: the next view is shown and its button takes the focus.
    function step(index) {
        if (index < 0 || index >= sections.length)
            return
        select(index)
        buttons.itemAt(index).forceActiveFocus()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.topMargin: Theme.gap
        anchors.bottomMargin: Theme.gap
        spacing: 2

        Repeater {
            id: buttons
            model: rail.sections
            delegate: RailButton {
                required property var modelData
                required property int index
                objectName: "rail_" + modelData.icon
                Layout.alignment: Qt.AlignHCenter
                iconName: modelData.icon
                label: modelData.label
                badge: rail.badges[modelData.icon] || 0
                current: rail.currentIndex === index
                shortcutText: index < 9 ? "Ctrl+" + (index + 1) : ""
                onClicked: rail.select(index)
                Keys.onUpPressed: rail.step(index - 1)
                Keys.onDownPressed: rail.step(index + 1)
            }
        }

        Item { Layout.fillHeight: true }

        RailButton {
            objectName: "themeSwitch"
            Layout.alignment: Qt.AlignHCenter
            iconName: Appearance.mode === "dark" ? "moon" : Appearance.mode === "light" ? "sun" : "contrast"
            label: Appearance.mode === "dark" ? qsTr("Dark") : Appearance.mode === "light" ? qsTr("Light") : qsTr("System")
            shortcutText: ""
            ToolTip.text: qsTr("Theme: %1 (click to switch)").arg(label)
            onClicked: Appearance.mode = Appearance.mode === "system" ? "light"
                                       : Appearance.mode === "light" ? "dark" : "system"
        }
    }

    Repeater {
        model: Math.min(9, rail.sections.length)
        delegate: Item {
            required property int index
            Shortcut {
                sequence: "Ctrl+" + (index + 1)
                onActivated: rail.select(index)
            }
        }
    }
}
