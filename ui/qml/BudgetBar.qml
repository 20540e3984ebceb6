import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// One budget as a bar: how much of its limit is spent, turning amber past 80% and red when
// used up; without a limit, just what was spent.
ColumnLayout {
    id: bar
    required property string label
    required property real spent
    property var limit: undefined // a number, or undefined for no limit
    readonly property bool limited: limit !== undefined && limit !== null
    readonly property real share: limited ? (limit > 0 ? Math.min(1, spent / limit) : 1) : 0
    spacing: 2

    RowLayout {
        Layout.fillWidth: true
        Label { text: bar.label; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
        Label {
            objectName: "budgetText"
            color: Theme.muted
            text: bar.limited ? qsTr("$%1 of $%2, $%3 left").arg(bar.spent.toFixed(2)).arg(Number(bar.limit).toFixed(2))
                                                            .arg(Math.max(0, bar.limit - bar.spent).toFixed(2))
                              : qsTr("$%1, not limited").arg(bar.spent.toFixed(2))
        }
    }
    Rectangle {
        Layout.fillWidth: true
        implicitHeight: 8
        radius: 4
        color: Theme.surfaceRaised
        border.color: Theme.border // the track shows even before anything is spent
        visible: bar.limited
        Rectangle {
            objectName: "budgetFill"
            width: parent.width * bar.share
            height: parent.height
            radius: 4
            color: bar.share >= 1 ? Theme.danger : bar.share >= 0.8 ? Theme.warning : Theme.success
        }
    }
}
