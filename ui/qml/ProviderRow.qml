import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// One provider of the settings file: its base URL and the vault handle of its key (the key
// itself is stored in the vault from here, never written to the file), a connection test that
// lists the models it serves, and, for a provider added by name, its removal.
GridLayout {
    id: row
    required property var modelData // {name, kind, baseUrl, keySecret, builtIn}
    required property SettingsController settings
    property ModelSetup models: null
    signal stored(string label, string error)
    signal removeRequested(string name)

    columns: 6
    Layout.fillWidth: true

    function save(baseUrl, keySecret) {
        if (modelData.builtIn)
            settings.setProvider(modelData.kind, baseUrl, keySecret)
        else
            settings.setNamedProvider(modelData.name, modelData.kind, baseUrl, keySecret)
    }
    function example(kind) {
        switch (kind) {
        case "openai": return qsTr("Base URL, e.g. https://api.openai.com/v1")
        case "anthropic": return qsTr("Base URL, e.g. https://api.anthropic.com/v1")
        default: return qsTr("Base URL of the provider's API")
        }
    }

    ColumnLayout {
        spacing: 0
        Layout.preferredWidth: 120
        Label { text: row.modelData.name; font.bold: true; elide: Text.ElideRight; Layout.maximumWidth: 120 }
        Label {
            visible: !row.modelData.builtIn
            text: qsTr("%1 API").arg(row.modelData.kind)
            color: Theme.muted
            font.pixelSize: Theme.smallSize
        }
    }
    TextField {
        id: baseUrl
        objectName: "baseUrl_" + row.modelData.name
        Layout.fillWidth: true
        placeholderText: row.example(row.modelData.kind)
        text: row.modelData.baseUrl
        onEditingFinished: row.save(text, keySecret.text)
    }
    TextField {
        id: keySecret
        Layout.preferredWidth: 160
        placeholderText: qsTr("Key handle, e.g. key:%1").arg(row.modelData.name)
        text: row.modelData.keySecret
        onEditingFinished: row.save(baseUrl.text, text)
    }
    RowLayout {
        TextField { id: keyValue; echoMode: TextInput.Password; placeholderText: qsTr("API key"); enabled: row.settings.canStoreSecrets }
        Button {
            text: qsTr("Store key")
            enabled: row.settings.canStoreSecrets && keyValue.text.length > 0 && keySecret.text.length > 0
            onClicked: { row.stored(keySecret.text, row.settings.storeSecret(keySecret.text, keyValue.text)); keyValue.clear() }
        }
    }
    Button {
        objectName: "testProvider_" + row.modelData.name
        text: qsTr("Test connection")
        enabled: row.models !== null && baseUrl.text.length > 0 && !testing
        property bool testing: false
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Asks the endpoint which models it serves, with the key stored under the handle")
        onClicked: {
            testing = true
            tested.failed = false
            tested.text = qsTr("Asking %1…").arg(baseUrl.text)
            row.models.testProvider(row.modelData.kind, baseUrl.text, keySecret.text).finished.connect((ok, error, models) => {
                testing = false
                tested.failed = !ok
                const ids = models.split("\n").filter(m => m.length > 0)
                tested.text = !ok ? error
                            : ids.length === 0 ? qsTr("Connected; the endpoint lists no models.")
                            : qsTr("Connected: %n model(s) — %1", "", ids.length).arg(ids.slice(0, 12).join(", ") + (ids.length > 12 ? ", …" : ""))
            })
        }
    }
    ToolButton {
        objectName: "removeProvider_" + row.modelData.name
        visible: !row.modelData.builtIn
        text: qsTr("Remove…")
        onClicked: row.removeRequested(row.modelData.name)
    }
    Label {
        id: tested
        objectName: "testResult_" + row.modelData.name
        property bool failed: false
        Layout.columnSpan: 6
        Layout.fillWidth: true
        visible: text.length > 0
        wrapMode: Text.Wrap
        color: failed ? Theme.danger : Theme.success
    }
}
