import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// A list (files as a tree, commits) beside the chosen entry's text (a file, a diff) as numbered
// lines in monospace; a diff shows old and new numbers with additions and deletions coloured,
// unified or side by side. On a narrow pane the list goes above the text, so the text keeps
// the width.
SplitView {
    id: browser
    required property RunRowsModel model
    // What the list shows, when not the model's own rows (the files' tree); rows with
    // `folder: true` are folders (not opened as text) and `depth` indents a row.
    property var listModel: model
    required property var itemText // (row) => string
    required property string detail
    property bool diff: false
    signal chosen(var row)

    orientation: width >= 900 ? Qt.Horizontal : Qt.Vertical

    // Something to read at once: the first entry (the newest commit, the first file) is opened
    // when the list fills and nothing is chosen yet.
    function chooseFirst() {
        if (list.currentIndex >= 0)
            return
        for (let i = 0; i < browser.listModel.count; ++i)
            if (!browser.listModel.get(i).folder) {
                list.currentIndex = i
                browser.chosen(browser.listModel.get(i))
                return
            }
    }
    Connections {
        target: browser.listModel
        function onModelReset() { browser.chooseFirst() }
        function onRowsInserted() { browser.chooseFirst() }
    }
    Connections {
        target: browser.model
        function onRunIdChanged() { list.currentIndex = -1 }
    }
    Component.onCompleted: chooseFirst()

    ListView {
        id: list
        objectName: "entries"
        SplitView.preferredWidth: browser.orientation === Qt.Horizontal ? 260 : browser.width
        SplitView.preferredHeight: browser.orientation === Qt.Horizontal ? browser.height : Math.min(180, browser.height / 3)
        clip: true
        model: browser.listModel
        currentIndex: -1
        ScrollBar.vertical: ScrollBar {}
        delegate: ItemDelegate {
            id: entry
            required property int index
            readonly property var row: browser.listModel.get(index)
            objectName: "entry_" + (row.path || index)
            width: ListView.view.width
            highlighted: ListView.isCurrentItem && !row.folder
            leftPadding: 12 + (row.depth || 0) * 14
            text: (row.folder ? (row.open ? "▾ " : "▸ ") : "") + browser.itemText(row)
            font.family: "monospace"
            font.pixelSize: Theme.smallSize
            font.bold: row.folder === true
            onClicked: {
                if (!row.folder)
                    list.currentIndex = index
                browser.chosen(row)
            }
        }
    }
    ColumnLayout {
        SplitView.fillWidth: true
        SplitView.fillHeight: true
        spacing: 0
        // A diff reads unified or side by side.
        TabBar {
            id: layout
            objectName: browser.diff ? "diffLayout" : ""
            visible: browser.diff
            Layout.fillWidth: true
            TabButton { text: qsTr("Unified") }
            TabButton { objectName: "sideBySide"; text: qsTr("Side by side") }
        }
        ListView {
            id: lines
            objectName: "detailLines"
            visible: !browser.diff || layout.currentIndex === 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: browser.model.detailLines
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            readonly property int digits: Math.max(3, String(count).length)
            delegate: CodeLine {
                required property var modelData
                width: ListView.view.width
                height: implicitHeight
                row: modelData
                numbers: browser.diff ? [modelData.old, modelData["new"]] : [modelData.number]
                digits: lines.digits
            }
        }
        ListView {
            id: split
            objectName: browser.diff ? "splitLines" : ""
            visible: browser.diff && layout.currentIndex === 1
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: visible ? browser.model.sideBySideLines : []
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            delegate: Item {
                id: pair
                required property var modelData
                readonly property bool spans: modelData.kind !== "pair"
                width: ListView.view.width
                height: Math.max(left.implicitHeight, right.visible ? right.implicitHeight : 0)
                CodeLine {
                    id: left
                    width: pair.spans ? pair.width : pair.width / 2 - 1
                    height: pair.height
                    row: pair.modelData.left
                    numbers: pair.spans ? [] : [pair.modelData.left.old || 0]
                    digits: lines.digits
                }
                CodeLine {
                    id: right
                    visible: !pair.spans
                    x: pair.width / 2 + 1
                    width: pair.width / 2 - 1
                    height: pair.height
                    row: pair.modelData.right
                    numbers: [pair.modelData.right["new"] || 0]
                    digits: lines.digits
                }
            }
        }
    }
}
