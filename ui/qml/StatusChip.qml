import QtQuick
import QtQuick.Controls
import Orchestrator.Ui

// A status as a small coloured chip with its translated word: good green, bad red, waiting
// amber, working blue, anything else grey.
Label {
    id: chip
    required property string status
    readonly property color tone: Theme.statusColor(status)

    visible: status.length > 0
    text: StatusWords.label(status)
    color: tone
    font.pixelSize: Theme.smallSize
    font.bold: true
    leftPadding: 8
    rightPadding: 8
    topPadding: 2
    bottomPadding: 2
    background: Rectangle {
        radius: height / 2
        color: Qt.rgba(chip.tone.r, chip.tone.g, chip.tone.b, 0.14)
        border.color: Qt.rgba(chip.tone.r, chip.tone.g, chip.tone.b, 0.5)
    }
}
