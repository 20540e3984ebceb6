import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Orchestrator.Ui

// The control panel: a navigation rail on the left, the chosen view on the right, and a
// banner while the connection to a remote orchestratord is down. Light or dark follows
// Appearance (the system, or the user's choice).
ApplicationWindow {
    id: window
    required property Session session
    required property Translator translator
    required property SettingsController settings
    property alias currentSection: rail.currentIndex

    width: 1280
    height: 800
    visible: true
    title: qsTr("Codegen Orchestrator") + (session.remote ? " — " + session.location : "")
    Material.theme: Theme.dark ? Material.Dark : Material.Light
    Material.accent: Theme.accent
    Material.primary: Theme.accent
    Material.background: Theme.background
    Material.foreground: Theme.text
    color: Theme.background

    // The run the live graph shows: the one last opened or acted on (started, answered,
    // resumed, forked, changed), wherever that happened.
    property string graphRun: ""
    function openRun(runId) {
        review.runId = runId
        graphRun = runId
        rail.currentIndex = 1
    }
    Connections {
        target: window.session
        function onActedRunChanged() { window.graphRun = window.session.actedRun }
    }

    header: Column {
        ConnectionBanner { session: window.session; width: parent.width }
        FirstRunBanner { setup: models; width: parent.width; onOpenSettings: rail.currentIndex = 6 }
    }

    InboxModel { id: inbox; session: window.session }
    ModelSetup { id: models; session: window.session }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        NavRail {
            id: rail
            objectName: "sections"
            Layout.fillHeight: true
            sections: [
                { icon: "projects", label: qsTr("Projects") },
                { icon: "review", label: qsTr("Review") },
                { icon: "graph", label: qsTr("Live graph") },
                { icon: "editor", label: qsTr("Agents") },
                { icon: "balances", label: qsTr("Balances") },
                { icon: "reports", label: qsTr("Reports") },
                { icon: "settings", label: qsTr("Settings") },
                { icon: "servers", label: qsTr("Servers") },
                { icon: "inbox", label: qsTr("Inbox") }
            ]
            badges: ({ inbox: inbox.count })
        }

        Rectangle { Layout.fillHeight: true; implicitWidth: 1; color: Theme.border }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: rail.currentIndex

            ProjectsView { session: window.session; onOpenRun: runId => window.openRun(runId) }
            ProjectReview { id: review; session: window.session; onOpenRun: runId => window.openRun(runId) }
            GraphView {
                session: window.session
                runId: window.graphRun
                onAgentChosen: agentId => { review.showAgent(agentId); rail.currentIndex = 1 }
            }
            AgentEditor { session: window.session }
            BalancesView { session: window.session }
            ReportsView { session: window.session; language: window.translator.language }
            SettingsView { objectName: "settingsView"; session: window.session; translator: window.translator; settings: window.settings; models: models }
            ServersView { session: window.session }
            InboxView { session: window.session; model: inbox; onOpenRun: runId => window.openRun(runId) }
        }
    }
}
