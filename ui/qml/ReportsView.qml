import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Orchestrator.Ui

// Run reports and digests: searchable in their text, rendered from Markdown, exportable.
Page {
    id: view
    required property Session session

    ReportsModel { id: reports; session: view.session }

    FileDialog {
        id: exportDialog
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("Markdown (*.md)")]
        onAccepted: reports.exportReport(list.currentIndex, selectedFile)
    }

    SplitView {
        anchors.fill: parent
        ColumnLayout {
            SplitView.preferredWidth: 340
            TextField {
                Layout.fillWidth: true
                placeholderText: qsTr("Search reports")
                onTextChanged: reports.search = text
            }
            ListView {
                id: list
                objectName: "reportList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: reports
                delegate: ItemDelegate {
                    required property string key
                    required property string kind
                    required property date createdAt
                    required property int index
                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem
                    text: (kind === "digest" ? qsTr("Digest") : qsTr("Run %1").arg(key.substring(0, 8))) + " — "
                          + Qt.formatDateTime(createdAt, "yyyy-MM-dd hh:mm")
                    onClicked: list.currentIndex = index
                }
            }
        }
        ColumnLayout {
            SplitView.fillWidth: true
            Button { text: qsTr("Export…"); enabled: list.currentIndex >= 0; onClicked: exportDialog.open() }
            ScrollView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                contentWidth: availableWidth // wrap to the pane, no sideways scrolling
                Label {
                    width: parent.width
                    padding: 8
                    wrapMode: Text.Wrap
                    textFormat: Text.MarkdownText
                    text: list.currentIndex >= 0 ? reports.get(list.currentIndex).markdown || qsTr("Loading…") : qsTr("Choose a report.")
                }
            }
        }
    }
}
