import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// Asks before a risky action (fork, cancel, redeploy, roll back, tear down, delete): what it
// does in one sentence, and a button named for the action. ask() remembers what to do on yes.
Dialog {
    id: dialog
    objectName: "confirmDialog"
    property string message
    property string actionText: qsTr("Continue")
    property var onYes: null

    function ask(title, message, actionText, onYes) {
        dialog.title = title
        dialog.message = message
        dialog.actionText = actionText
        dialog.onYes = onYes
        open()
    }
    // For keyboard and tests: the same as pressing the action's button.
    function confirm() {
        const action = onYes
        onYes = null
        close()
        if (action)
            action()
    }

    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(480, parent ? parent.width - 2 * Theme.pad : 480)
    onRejected: onYes = null
    background: Rectangle { color: Theme.surface; radius: Theme.radius; border.color: Theme.border }

    Label {
        width: dialog.availableWidth
        text: dialog.message
        wrapMode: Text.Wrap
    }
    footer: DialogButtonBox {
        Button {
            objectName: "confirmYes"
            text: dialog.actionText
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: dialog.confirm()
        }
        Button {
            text: qsTr("Keep as it is")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
