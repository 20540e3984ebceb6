import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// Production servers: status, free memory and projects of each; register one (its SSH key is
// a vault handle, stored beforehand with `orchestratord secrets set server:NAME`), check it,
// trust its new host key after a reinstall, remove it.
Page {
    id: view
    required property Session session

    ServersModel { id: servers; session: view.session }
    ConfirmDialog { id: confirm }

    // Shows the outcome of this view's own request.
    function follow(pending) {
        busy.running = !pending.done
        pending.finished.connect(function(ok, message, value) {
            busy.running = false
            feedback.failed = !ok
            feedback.text = ok ? qsTr("Done: %1 %2").arg(pending.action).arg(value) : message
        })
        if (pending.done) {
            feedback.failed = !pending.ok
            feedback.text = pending.error
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12

        Label {
            text: servers.count === 0 && !servers.loading
                  ? qsTr("No servers: projects deploy to this machine.")
                  : qsTr("%1 server(s)").arg(servers.count)
        }
        RowLayout {
            Label { id: feedback; objectName: "serverFeedback"; property bool failed: false; visible: text.length > 0; color: failed ? Theme.danger : Theme.success; wrapMode: Text.Wrap; Layout.fillWidth: true }
            BusyIndicator { id: busy; running: false; implicitHeight: 24 }
        }

        ListView {
            id: list
            objectName: "serverList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: servers
            delegate: ItemDelegate {
                id: server
                required property string name
                required property string address
                required property string status
                required property string statusReason
                required property int capacityMb
                required property int freeMb
                required property string projects
                required property string system
                width: ListView.view.width
                contentItem: ColumnLayout {
                    RowLayout {
                        Rectangle {
                            width: 10; height: 10; radius: 5
                            color: status === "ready" ? Theme.success : status === "unchecked" ? Theme.muted : Theme.danger
                        }
                        Label { text: name; font.bold: true }
                        Label { text: address; opacity: 0.7; Layout.fillWidth: true; elide: Text.ElideRight }
                        Label { text: qsTr("%1 of %2 MB free").arg(freeMb).arg(capacityMb) }
                        StatusChip { status: server.status }
                        Button { text: qsTr("Check"); ToolTip.visible: hovered; ToolTip.text: qsTr("Read what it has and run the base role"); onClicked: view.follow(servers.check(name)) }
                        Button { text: qsTr("Trust new key"); visible: status === "host_key_changed"; onClicked: view.follow(servers.trust(name)) }
                        Button {
                            objectName: "removeServer_" + server.name
                            text: qsTr("Remove…")
                            onClicked: confirm.ask(qsTr("Remove %1?").arg(server.name),
                                                   qsTr("The orchestrator forgets this server; what runs on it keeps running, and new deploys go elsewhere."),
                                                   qsTr("Remove"), () => view.follow(servers.remove(server.name)))
                        }
                    }
                    Label { visible: statusReason.length > 0; text: statusReason; color: Theme.danger; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    Label { visible: system.length > 0 || projects.length > 0; opacity: 0.7; text: system + (projects.length > 0 ? " — " + qsTr("projects: %1").arg(projects) : "") }
                }
            }
        }

        GroupBox {
            title: qsTr("Register a server")
            Layout.fillWidth: true
            GridLayout {
                anchors.fill: parent
                columns: 4
                TextField { id: serverName; objectName: "serverName"; placeholderText: qsTr("Name, e.g. prod-1"); Layout.fillWidth: true }
                TextField { id: serverHost; objectName: "serverHost"; placeholderText: qsTr("Host"); Layout.fillWidth: true }
                RowLayout {
                    Label { text: qsTr("SSH port") }
                    SpinBox { id: serverPort; objectName: "serverPort"; from: 1; to: 65535; value: 22; editable: true }
                }
                TextField { id: serverUser; placeholderText: qsTr("User (root)"); Layout.fillWidth: true }
                TextField { id: serverKey; objectName: "serverKey"; placeholderText: qsTr("SSH key's vault handle, server:NAME"); Layout.fillWidth: true; Layout.columnSpan: 2 }
                RowLayout {
                    Label { text: qsTr("Memory for projects, MB") }
                    SpinBox { id: serverCapacity; objectName: "serverCapacity"; from: 64; to: 1048576; value: 2048; stepSize: 256; editable: true }
                }
                Button {
                    objectName: "addServer"
                    text: qsTr("Register")
                    enabled: serverName.text.length > 0 && serverHost.text.length > 0 && serverKey.text.length > 0
                    onClicked: view.follow(servers.add(serverName.text, serverHost.text, serverPort.value, serverUser.text, serverKey.text, serverCapacity.value))
                }
            }
        }
    }
}
