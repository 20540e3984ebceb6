import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The language (switched at once, no restart), where the engine lives, and the settings
// file the engine reads: provider profiles, the Telegram bot and its allow-list.
Page {
    id: view
    required property Session session
    required property Translator translator

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12

        RowLayout {
            Label { text: qsTr("Language") }
            ComboBox {
                objectName: "languageBox"
                model: [{ code: "en", name: "English" }, { code: "ru", name: "Русский" }]
                textRole: "name"
                valueRole: "code"
                currentIndex: view.translator.language === "ru" ? 1 : 0
                onActivated: view.translator.language = currentValue
            }
        }
        Label {
            text: view.session.remote ? qsTr("Connected to a remote orchestratord at %1").arg(view.session.location)
                                      : qsTr("In-process engine on %1").arg(view.session.location)
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("Provider profiles (kind, base URL, model, API key), the Telegram bot token and its allow-list live in the settings file given with --config; keys and tokens are stored in the vault with “orchestratord secrets set”, never in the file.")
        }
    }
}
