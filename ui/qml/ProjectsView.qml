import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// Projects with their status, current agent, last activity, cost and deployment health;
// filtered by text and status. A description starts a new project, with its forecast shown
// as it is typed; one whose forecast is more than the budget left asks first.
Page {
    id: view
    required property Session session
    signal openRun(string runId)
    property string startWanted: "" // waits for the forecast of what is typed now

    ProjectsModel { id: projects; session: view.session }
    ForecastQuery { id: forecast; objectName: "forecast"; session: view.session; description: description.text }
    ConfirmDialog { id: confirm; objectName: "startConfirm" }
    Connections {
        target: forecast
        function onAnswered() {
            if (forecast.loading || view.startWanted.length === 0)
                return
            const text = view.startWanted
            view.startWanted = ""
            if (forecast.exceedsBudget)
                confirm.ask(qsTr("Start anyway?"),
                            qsTr("%1 That is more than the budget left (%2): the run may stop halfway and wait for a top-up.").arg(forecast.text).arg(forecast.budgetLeft),
                            qsTr("Start anyway"), () => view.startNow(text))
            else
                view.startNow(text)
        }
    }

    function start(text) {
        view.startWanted = text
        forecast.refresh()
    }
    function startNow(text) {
        view.session.startRun(text).finished.connect(function(ok, message, runId) {
            status.text = ok ? qsTr("Started.") : message
            if (ok) {
                description.clear()
                view.openRun(runId)
            }
        })
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12

        RowLayout {
            TextField {
                id: description
                objectName: "newDescription"
                Layout.fillWidth: true
                placeholderText: qsTr("Describe a new project…")
                onAccepted: if (text.trim().length > 0) view.start(text)
            }
            Button {
                text: qsTr("Start", "start a new project")
                enabled: description.text.trim().length > 0
                onClicked: view.start(description.text)
            }
        }
        Label {
            objectName: "forecastLine"
            visible: description.text.trim().length > 0 && forecast.text.length > 0
            text: forecast.text
            color: forecast.exceedsBudget ? Theme.danger : Theme.muted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { id: status; visible: text.length > 0; color: Theme.danger }

        RowLayout {
            TextField {
                objectName: "search"
                Layout.fillWidth: true
                placeholderText: qsTr("Search projects")
                onTextChanged: projects.search = text
            }
            ComboBox {
                model: [{ value: "all", text: qsTr("All") }, { value: "active", text: qsTr("Active") },
                        { value: "finished", text: qsTr("Finished") }, { value: "failed", text: qsTr("Failed or stopped") }]
                textRole: "text"
                valueRole: "value"
                onActivated: projects.statusFilter = currentValue
            }
        }

        Label {
            visible: projects.count === 0 && !projects.loading
            text: projects.error.length > 0 ? projects.error : qsTr("No projects yet.")
        }

        ListView {
            objectName: "projectList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: projects
            spacing: 4
            delegate: ItemDelegate {
                id: project
                required property string name
                required property string runId
                required property string status
                required property string currentAgent
                required property date lastActivity
                required property real cost
                required property real simulatedCost
                required property int unknownCostCalls
                required property string health
                required property string url
                required property real uptime
                width: ListView.view.width
                onClicked: if (runId.length > 0) view.openRun(runId)
                contentItem: RowLayout {
                    spacing: 12
                    Rectangle {
                        width: 10; height: 10; radius: 5
                        color: health === "healthy" ? Theme.success : health === "unhealthy" ? Theme.danger : Theme.muted
                        ToolTip.visible: dotHover.hovered
                        ToolTip.text: StatusWords.label(health)
                        HoverHandler { id: dotHover }
                    }
                    Label { text: name; font.bold: true; Layout.fillWidth: true; elide: Text.ElideRight }
                    Label {
                        objectName: "projectUrl"
                        visible: url.length > 0
                        text: "<a href=\"" + url + "\">" + url + "</a>"
                        textFormat: Text.StyledText
                        linkColor: Theme.accent
                        elide: Text.ElideRight
                        Layout.maximumWidth: 320
                        onLinkActivated: link => Qt.openUrlExternally(link)
                        HoverHandler { cursorShape: Qt.PointingHandCursor }
                    }
                    Label { visible: uptime >= 0; text: qsTr("up %1%").arg((uptime * 100).toFixed(1)); opacity: 0.7 }
                    StatusChip { status: project.status }
                    Label { text: currentAgent; opacity: 0.7 }
                    Label { text: Qt.formatDateTime(lastActivity, "yyyy-MM-dd hh:mm") }
                    Label {
                        text: "$" + cost.toFixed(4) + (unknownCostCalls > 0 ? " + ?" : "")
                              + (simulatedCost > 0 ? " " + qsTr("(simulated)") : "")
                        ToolTip.visible: simulatedCost > 0 && costHover.hovered
                        ToolTip.text: qsTr("Priced for the offline demo model: not spent, not budgeted")
                        HoverHandler { id: costHover }
                    }
                }
            }
        }
    }
}
