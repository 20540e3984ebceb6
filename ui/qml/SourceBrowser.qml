import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// A list (files, commits) beside the text of the chosen entry (a file, a diff), monospaced.
SplitView {
    id: browser
    required property RowsModel model
    required property var itemText // (row) => string
    required property string detail
    signal chosen(var row)

    ListView {
        id: list
        SplitView.preferredWidth: 260
        clip: true
        model: browser.model
        currentIndex: -1
        delegate: ItemDelegate {
            required property int index
            width: ListView.view.width
            highlighted: ListView.isCurrentItem
            text: browser.itemText(browser.model.get(index))
            font.family: "monospace"
            onClicked: {
                list.currentIndex = index
                browser.chosen(browser.model.get(index))
            }
        }
    }
    ScrollView {
        SplitView.fillWidth: true
        TextArea {
            readOnly: true
            font.family: "monospace"
            textFormat: TextEdit.PlainText
            text: browser.detail
        }
    }
}
