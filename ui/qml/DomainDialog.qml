import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// Gives a project a domain: a name in the zone, or the person's own, which the engine takes
// only once its DNS points at the project's server (else the record to create is shown).
// Empty: back to its name in the zone. ask() opens it for a project; `chosen` reports the name.
Dialog {
    id: dialog
    objectName: "domainDialog"
    property string projectName
    signal chosen(string domain)

    function ask(name) {
        projectName = name
        field.text = ""
        open()
        field.forceActiveFocus()
    }
    function submit() {
        close()
        chosen(field.text.trim())
    }

    title: qsTr("A domain for %1").arg(projectName)
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, parent ? parent.width - 2 * Theme.pad : 520)
    background: Rectangle { color: Theme.surface; radius: Theme.radius; border.color: Theme.border }

    ColumnLayout {
        width: dialog.availableWidth
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("A domain of yours is used once its A (or AAAA) record points at the project's server; you are shown the record to create if it does not yet. The service is then deployed there with a certificate of its own. Leave it empty to go back to its name in the zone.")
        }
        TextField {
            id: field
            objectName: "domainField"
            Layout.fillWidth: true
            placeholderText: qsTr("shop.example.org")
            inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhUrlCharactersOnly
            maximumLength: 253
            onAccepted: dialog.submit()
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "domainUse"
            text: qsTr("Check and use")
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: dialog.submit()
        }
        Button {
            text: qsTr("Keep as it is")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
