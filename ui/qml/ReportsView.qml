import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Orchestrator.Ui

// Run reports, digests and "while you were away": each row names its project, status and cost;
// searchable in their text; the chosen one rendered as a document (the same rendering as in
// Review), exportable. "While you were away" writes the last week's in the interface language.
Page {
    id: view
    required property Session session
    property string language: "en" // of "while you were away"

    ReportsModel { id: reports; objectName: "reportsModel"; session: view.session }

    FileDialog {
        id: exportDialog
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("Markdown (*.md)")]
        onAccepted: reports.exportReport(reports.selectedRow, selectedFile)
    }

    SplitView {
        anchors.fill: parent
        ColumnLayout {
            SplitView.preferredWidth: 380
            SplitView.minimumWidth: 240
            TextField {
                Layout.fillWidth: true
                Layout.margins: Theme.gap
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
                currentIndex: reports.selectedRow
                delegate: ItemDelegate {
                    id: row
                    required property string key
                    required property string kind
                    required property string projectName
                    required property string status
                    required property var cost
                    required property bool simulated
                    required property date createdAt
                    required property int index
                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem
                    onClicked: reports.selectedKey = key
                    contentItem: ColumnLayout {
                        spacing: 2
                        RowLayout {
                            Label {
                                Layout.fillWidth: true
                                elide: Text.ElideRight
                                font.bold: true
                                text: row.kind === "digest" ? qsTr("Digest")
                                      : row.kind === "away" ? qsTr("While you were away")
                                      : row.projectName.length > 0 ? row.projectName : qsTr("Run %1").arg(row.key.substring(0, 8))
                            }
                            StatusChip { status: row.status }
                        }
                        RowLayout {
                            Label {
                                Layout.fillWidth: true
                                text: Qt.formatDateTime(row.createdAt, "yyyy-MM-dd hh:mm")
                                color: Theme.muted
                                font.pixelSize: Theme.smallSize
                            }
                            Label {
                                visible: row.cost !== undefined && row.cost !== null
                                text: "$" + Number(row.cost).toFixed(4) + (row.simulated ? " " + qsTr("(simulated)") : "")
                                color: Theme.muted
                                font.pixelSize: Theme.smallSize
                            }
                        }
                    }
                }
            }
        }
        ColumnLayout {
            SplitView.fillWidth: true
            RowLayout {
                Layout.margins: Theme.gap
                Button {
                    objectName: "awayButton"
                    text: qsTr("While you were away")
                    onClicked: reports.writeAway(view.language)
                }
                Button {
                    text: qsTr("Export…")
                    enabled: reports.selectedRow >= 0 && reports.selectedMarkdown.length > 0
                    onClicked: exportDialog.open()
                }
            }
            ReportText {
                objectName: "reportText"
                Layout.fillWidth: true
                Layout.fillHeight: true
                markdown: reports.selectedMarkdown
                placeholder: reports.selectedKey.length === 0 ? qsTr("Choose a report.") : qsTr("Loading…")
            }
        }
    }
}
