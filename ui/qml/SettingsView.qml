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
    function baseUrlExample(kind) {
        switch (kind) {
        case "openai": return qsTr("Base URL, e.g. https://api.openai.com/v1")
        case "anthropic": return qsTr("Base URL, e.g. https://api.anthropic.com/v1")
        default: return qsTr("Base URL of the provider's API")
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
                GridLayout {
                    id: provider
                    required property var modelData
                    columns: 5
                    Layout.fillWidth: true
                    Label { text: modelData.kind; font.bold: true; Layout.preferredWidth: 90 }
                    TextField {
                        id: baseUrl
                        Layout.fillWidth: true
                        placeholderText: view.baseUrlExample(provider.modelData.kind)
                        text: modelData.baseUrl
                        onEditingFinished: view.settings.setProvider(modelData.kind, text, keySecret.text)
                    }
                    TextField {
                        id: keySecret
                        Layout.preferredWidth: 160
                        placeholderText: qsTr("Key handle, e.g. key:openai")
                        text: modelData.keySecret
                        onEditingFinished: view.settings.setProvider(modelData.kind, baseUrl.text, text)
                    }
                    RowLayout {
                        TextField { id: keyValue; echoMode: TextInput.Password; placeholderText: qsTr("API key"); enabled: view.settings.canStoreSecrets }
                        Button {
                            text: qsTr("Store key")
                            enabled: view.settings.canStoreSecrets && keyValue.text.length > 0 && keySecret.text.length > 0
                            onClicked: { view.stored(keySecret.text, view.settings.storeSecret(keySecret.text, keyValue.text)); keyValue.clear() }
                        }
                    }
                    Button {
                        objectName: "testProvider_" + modelData.kind
                        text: qsTr("Test connection")
                        enabled: view.models !== null && baseUrl.text.length > 0 && !testing
                        property bool testing: false
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Asks the endpoint which models it serves, with the key stored under the handle")
                        onClicked: {
                            testing = true
                            tested.failed = false
                            tested.text = qsTr("Asking %1…").arg(baseUrl.text)
                            view.models.testProvider(modelData.kind, baseUrl.text, keySecret.text).finished.connect((ok, error, models) => {
                                testing = false
                                tested.failed = !ok
                                const ids = models.split("\n").filter(m => m.length > 0)
                                tested.text = !ok ? error
                                            : ids.length === 0 ? qsTr("Connected; the endpoint lists no models.")
                                            : qsTr("Connected: %n model(s) — %1", "", ids.length).arg(ids.slice(0, 12).join(", ") + (ids.length > 12 ? ", …" : ""))
                            })
                        }
                    }
                    Label {
                        id: tested
                        objectName: "testResult_" + provider.modelData.kind
                        property bool failed: false
                        Layout.columnSpan: 5
                        Layout.fillWidth: true
                        visible: text.length > 0
                        wrapMode: Text.Wrap
                        color: failed ? Theme.danger : Theme.success
                    }
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
