import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// The language and the theme (both switched at once, no restart); provider profiles and the Telegram bot of the
// settings file, with the problems the engine finds in it; keys and the bot token go into the
// vault, never into the file. File changes apply at the next start.
Page {
    id: view
    required property Session session
    required property Translator translator
    required property SettingsController settings
    // The models' readiness and the provider connection test; null where no engine is near.
    property ModelSetup models: null

    ConfirmDialog { id: confirm }

    // The outcome of the last action here, kept as what happened rather than as text, so it
    // reads in the language chosen after it.
    property var outcome: ({ kind: "", detail: "" })
    function stored(label, error) {
        outcome = error.length === 0 ? { kind: "stored", detail: label } : { kind: "error", detail: error }
    }
    function outcomeText(o) {
        switch (o.kind) {
        case "stored": return qsTr("%1 stored in the vault.").arg(o.detail)
        case "saved": return qsTr("Saved. Changes apply at the next start.")
        case "badIds": return qsTr("User ids must be numbers.")
        case "unwritable": return qsTr("Cannot write %1.").arg(o.detail)
        case "error": return o.detail
        default: return ""
        }
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: parent.width - 32
            x: 16
            spacing: 10

            RowLayout {
                Label { text: qsTr("Language") }
                ComboBox {
                    objectName: "languageBox"
                    Layout.preferredWidth: Math.max(implicitWidth, 160)
                    model: [{ code: "en", name: "English" }, { code: "ru", name: "Русский" }]
                    textRole: "name"
                    valueRole: "code"
                    currentIndex: view.translator.language === "ru" ? 1 : 0
                    onActivated: view.translator.language = currentValue
                }
                Label { text: qsTr("Theme"); Layout.leftMargin: Theme.pad }
                ComboBox {
                    objectName: "themeBox"
                    Layout.preferredWidth: Math.max(implicitWidth, 200)
                    model: [{ code: "system", name: qsTr("As the system") }, { code: "light", name: qsTr("Light") },
                            { code: "dark", name: qsTr("Dark") }]
                    textRole: "name"
                    valueRole: "code"
                    currentIndex: Appearance.mode === "dark" ? 2 : Appearance.mode === "light" ? 1 : 0
                    onActivated: Appearance.mode = currentValue
                }
            }
            Label {
                text: view.session.remote ? qsTr("Connected to a remote orchestratord at %1").arg(view.session.location)
                                          : qsTr("In-process engine on %1").arg(view.session.location)
            }
            Label { text: qsTr("Settings file: %1 (changes apply at the next start)").arg(view.settings.path); wrapMode: Text.Wrap; Layout.fillWidth: true }

            Label { text: qsTr("Provider profiles"); font.bold: true }
            Repeater {
                model: view.settings.providers
                ProviderRow {
                    settings: view.settings
                    models: view.models
                    onStored: (label, error) => view.stored(label, error)
                    onRemoveRequested: name => confirm.ask(qsTr("Remove the provider %1?").arg(name),
                                                           qsTr("Agents whose model profiles use it cannot run until another provider serves them. Its key stays in the vault."),
                                                           qsTr("Remove"), () => view.settings.removeProvider(name))
                }
            }
            // Another OpenAI- or Anthropic-compatible API by a name of its own.
            RowLayout {
                Layout.fillWidth: true
                TextField { id: newName; objectName: "newProviderName"; placeholderText: qsTr("Name, e.g. openrouter"); Layout.preferredWidth: 200 }
                ComboBox {
                    id: newKind
                    objectName: "newProviderKind"
                    model: [{ code: "openai", name: qsTr("OpenAI-compatible API") }, { code: "anthropic", name: qsTr("Anthropic-compatible API") }]
                    textRole: "name"
                    valueRole: "code"
                    Layout.preferredWidth: Math.max(implicitWidth, 240)
                }
                Button {
                    objectName: "addProvider"
                    text: qsTr("Add provider")
                    enabled: newName.text.trim().length > 0
                    onClicked: {
                        const error = view.settings.setNamedProvider(newName.text.trim(), newKind.currentValue, "", "")
                        view.outcome = error.length > 0 ? { kind: "error", detail: error } : { kind: "", detail: "" }
                        if (error.length === 0)
                            newName.clear()
                    }
                }
                Item { Layout.fillWidth: true }
            }

            Label { text: qsTr("Models per profile"); font.bold: true; visible: view.models !== null && view.models.profiles.length > 0 }
            Repeater {
                model: view.models ? view.models.profiles : []
                ProfileRow {
                    settings: view.settings
                    models: view.models
                    onFailed: error => view.outcome = { kind: "error", detail: error }
                }
            }

            Label { text: qsTr("Telegram bot"); font.bold: true }
            GridLayout {
                columns: 2
                Layout.fillWidth: true
                Label { text: qsTr("Token handle") }
                RowLayout {
                    TextField { id: tokenSecret; text: view.settings.telegramTokenSecret; placeholderText: "bot:main" }
                    TextField { id: tokenValue; echoMode: TextInput.Password; placeholderText: qsTr("Bot token"); enabled: view.settings.canStoreSecrets }
                    Button {
                        text: qsTr("Store token")
                        enabled: view.settings.canStoreSecrets && tokenValue.text.length > 0 && tokenSecret.text.length > 0
                        onClicked: { view.stored(tokenSecret.text, view.settings.storeSecret(tokenSecret.text, tokenValue.text)); tokenValue.clear() }
                    }
                }
                Label { text: qsTr("Admins (user ids)") }
                TextField { id: admins; Layout.fillWidth: true; text: view.settings.admins; placeholderText: "123456789, 987654321" }
                Label { text: qsTr("Users (user ids)") }
                TextField { id: users; Layout.fillWidth: true; text: view.settings.users }
            }
            RowLayout {
                Button {
                    text: qsTr("Save settings")
                    onClicked: {
                        if (!view.settings.setTelegram(tokenSecret.text, admins.text, users.text))
                            view.outcome = { kind: "badIds", detail: "" }
                        else
                            view.outcome = view.settings.save() ? { kind: "saved", detail: "" }
                                                                : { kind: "unwritable", detail: view.settings.path }
                    }
                }
                Label {
                    id: feedback
                    objectName: "settingsFeedback"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: view.outcomeText(view.outcome)
                    color: view.outcome.kind === "error" || view.outcome.kind === "badIds" || view.outcome.kind === "unwritable" ? Theme.danger : Theme.success
                }
            }
            Label { text: qsTr("Problems the engine finds in the file:"); visible: view.settings.problems.length > 0; font.bold: true }
            Repeater {
                model: view.settings.problems
                Label { required property string modelData; text: modelData; color: Theme.danger; wrapMode: Text.Wrap; Layout.fillWidth: true }
            }
        }
    }
}
