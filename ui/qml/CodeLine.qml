import QtQuick
import QtQuick.Controls
import Orchestrator.Ui

// One line of a file or a diff: its numbers in a gutter, its text in monospace (coloured by
// its language where known), its background by kind (added, removed, hunk, header); an empty
// row is a gap (the other side of a side-by-side pair).
Rectangle {
    id: line
    property var row: ({})
    property var numbers: []   // what the gutter shows (0: nothing)
    property int digits: 3

    readonly property string kind: row.kind || ""
    implicitHeight: Math.max(code.implicitHeight, 16)
    color: kind === "add" ? Qt.rgba(Theme.success.r, Theme.success.g, Theme.success.b, 0.16)
         : kind === "del" ? Qt.rgba(Theme.danger.r, Theme.danger.g, Theme.danger.b, 0.16)
         : kind === "hunk" ? Qt.rgba(Theme.info.r, Theme.info.g, Theme.info.b, 0.12)
         : kind === "meta" ? Theme.surfaceRaised
         : row.text === undefined ? Qt.rgba(Theme.border.r, Theme.border.g, Theme.border.b, 0.15) : "transparent"

    // A line's pieces as styled text: escaped, spaces kept, each kind in its colour.
    function styled(tokens) {
        const colours = { keyword: Theme.dark ? "#ce93d8" : "#7b1fa2", string: Theme.success,
                          comment: Theme.muted, number: Theme.warning }
        let out = ""
        for (const piece of tokens) {
            const text = String(piece.t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
                                        .replace(/\t/g, "    ").replace(/ /g, "&nbsp;")
            out += piece.k ? "<font color=\"" + colours[piece.k] + "\">" + text + "</font>" : text
        }
        return out
    }

    Row {
        anchors.fill: parent
        Repeater {
            model: line.numbers
            Label {
                required property var modelData
                width: line.digits * 8 + 12
                height: line.height
                horizontalAlignment: Text.AlignRight
                rightPadding: 6
                text: modelData > 0 ? String(modelData) : ""
                color: Theme.muted
                font.family: "monospace"
                font.pixelSize: Theme.smallSize
            }
        }
        Label {
            id: code
            width: line.width - x
            leftPadding: 6
            text: line.row.tokens ? line.styled(line.row.tokens) : (line.row.text || "")
            textFormat: line.row.tokens ? Text.StyledText : Text.PlainText
            wrapMode: Text.WrapAnywhere
            font.family: "monospace"
            font.pixelSize: Theme.smallSize
            font.bold: line.kind === "meta" && String(line.row.text).startsWith("diff --git")
            color: line.kind === "add" ? Theme.success : line.kind === "del" ? Theme.danger
                 : line.kind === "hunk" ? Theme.info : Theme.text
        }
    }
}
