import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The control panel: a section list on the left, the chosen view on the right, and a banner
// while the connection to a remote orchestratord is down.
ApplicationWindow {
    id: window
    required property Session session
    required property Translator translator
    required property SettingsController settings
    property alias currentSection: sections.currentIndex

    width: 1280
    height: 800
    visible: true
    title: qsTr("Codegen Orchestrator") + (session.remote ? " — " + session.location : "")

    function openRun(runId) {
        review.runId = runId
        sections.currentIndex = 1
    }

    header: ConnectionBanner { session: window.session }

    InboxModel { id: inbox; session: window.session }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        ListView {
            id: sections
            objectName: "sections"
            Layout.preferredWidth: 190
            Layout.fillHeight: true
            model: [qsTr("Projects"), qsTr("Project review"), qsTr("Graph (live)"), qsTr("Agent editor"),
                    qsTr("Balances"), qsTr("Reports"), qsTr("Settings"), qsTr("Servers"),
                    inbox.count > 0 ? qsTr("Inbox (%1)").arg(inbox.count) : qsTr("Inbox")]
            delegate: ItemDelegate {
                required property string modelData
                required property int index
                width: ListView.view.width
                text: modelData
                highlighted: ListView.isCurrentItem
                onClicked: sections.currentIndex = index
            }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: sections.currentIndex

            ProjectsView { session: window.session; onOpenRun: runId => window.openRun(runId) }
            ProjectReview { id: review; session: window.session; onOpenRun: runId => window.openRun(runId) }
            GraphView { session: window.session; runId: review.runId }
            AgentEditor { session: window.session }
            BalancesView { session: window.session }
            ReportsView { session: window.session }
            SettingsView { session: window.session; translator: window.translator; settings: window.settings }
            ServersView { session: window.session }
            InboxView { session: window.session; model: inbox; onOpenRun: runId => window.openRun(runId) }
        }
    }
}
