import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// A list (files, commits) beside the chosen entry's text (a file, a diff) as numbered lines in
// monospace; a diff shows old and new numbers with additions and deletions coloured. On a
// narrow pane the list goes above the text, so the text keeps the width.
SplitView {
    id: browser
    required property RunRowsModel model
    required property var itemText // (row) => string
    required property string detail
    property bool diff: false
    signal chosen(var row)

    orientation: width >= 900 ? Qt.Horizontal : Qt.Vertical

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

    // Something to read at once: the first entry (the newest commit, the first file) is opened
    // when the list fills and nothing is chosen yet.
    function chooseFirst() {
        if (list.currentIndex < 0 && browser.model.count > 0) {
            list.currentIndex = 0
            browser.chosen(browser.model.get(0))
        }
    }
    Connections {
        target: browser.model
        function onModelReset() { browser.chooseFirst() }
        function onRowsInserted() { browser.chooseFirst() }
        function onRunIdChanged() { list.currentIndex = -1 }
    }
    Component.onCompleted: chooseFirst()

    ListView {
        id: list
        objectName: "entries"
        SplitView.preferredWidth: browser.orientation === Qt.Horizontal ? 260 : browser.width
        SplitView.preferredHeight: browser.orientation === Qt.Horizontal ? browser.height : Math.min(180, browser.height / 3)
        clip: true
        model: browser.model
        currentIndex: -1
        ScrollBar.vertical: ScrollBar {}
        delegate: ItemDelegate {
            required property int index
            width: ListView.view.width
            highlighted: ListView.isCurrentItem
            text: browser.itemText(browser.model.get(index))
            font.family: "monospace"
            font.pixelSize: Theme.smallSize
            onClicked: {
                list.currentIndex = index
                browser.chosen(browser.model.get(index))
            }
        }
    }
    ListView {
        id: lines
        objectName: "detailLines"
        SplitView.fillWidth: true
        SplitView.fillHeight: true
        clip: true
        model: browser.model.detailLines
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        readonly property int digits: Math.max(3, String(count).length)
        delegate: Rectangle {
            id: line
            required property var modelData
            width: ListView.view.width
            height: Math.max(code.implicitHeight, 16)
            color: modelData.kind === "add" ? Qt.rgba(Theme.success.r, Theme.success.g, Theme.success.b, 0.16)
                 : modelData.kind === "del" ? Qt.rgba(Theme.danger.r, Theme.danger.g, Theme.danger.b, 0.16)
                 : modelData.kind === "hunk" ? Qt.rgba(Theme.info.r, Theme.info.g, Theme.info.b, 0.12)
                 : modelData.kind === "meta" ? Theme.surfaceRaised : "transparent"
            function number(n) { return n > 0 ? String(n) : "" }
            Row {
                anchors.fill: parent
                Repeater {
                    model: browser.diff ? [line.modelData.old, line.modelData["new"]] : [line.modelData.number]
                    Label {
                        required property var modelData
                        width: lines.digits * 8 + 12
                        height: line.height
                        horizontalAlignment: Text.AlignRight
                        rightPadding: 6
                        text: line.number(modelData)
                        color: Theme.muted
                        font.family: "monospace"
                        font.pixelSize: Theme.smallSize
                    }
                }
                Label {
                    id: code
                    width: line.width - x
                    leftPadding: 6
                    // Coloured by the file's language where it is known (CodeTokens).
                    text: line.modelData.tokens ? browser.styled(line.modelData.tokens) : line.modelData.text
                    textFormat: line.modelData.tokens ? Text.StyledText : Text.PlainText
                    wrapMode: Text.WrapAnywhere
                    font.family: "monospace"
                    font.pixelSize: Theme.smallSize
                    font.bold: line.modelData.kind === "meta" && line.modelData.text.startsWith("diff --git")
                    color: line.modelData.kind === "add" ? Theme.success : line.modelData.kind === "del" ? Theme.danger
                         : line.modelData.kind === "hunk" ? Theme.info : Theme.text
                }
            }
        }
    }
}
