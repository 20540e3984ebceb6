import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// One model profile of the graph ("coder": the Developer's): which provider and model serve it.
// "As the graph says" keeps the graph's own; another choice is written to the settings file's
// model_profiles and wins over the graph. The model box lists what the provider serves.
RowLayout {
    id: row
    required property var modelData // {name, provider, model, agents}
    required property SettingsController settings
    property ModelSetup models: null
    signal failed(string error)

    readonly property var choice: settings.profileChoices[modelData.name]
    readonly property var providerNames: settings.providers.filter(p => p.baseUrl.length > 0).map(p => p.name)
    property var listed: [] // the chosen provider's model ids, once asked

    Layout.fillWidth: true

    function choose(provider, model) {
        const error = row.settings.setProfileChoice(row.modelData.name, provider, model)
        if (error.length > 0)
            row.failed(error)
    }
    function listModels(name) {
        const provider = row.settings.providers.find(p => p.name === name)
        if (!provider || row.models === null)
            return
        listing.text = qsTr("Asking %1…").arg(provider.baseUrl)
        row.models.testProvider(provider.kind, provider.baseUrl, provider.keySecret).finished.connect((ok, error, ids) => {
            listing.text = ok ? "" : error
            row.listed = ok ? ids.split("\n").filter(m => m.length > 0) : []
        })
    }

    ColumnLayout {
        spacing: 0
        Layout.preferredWidth: 200
        Label { text: row.modelData.name; font.bold: true; elide: Text.ElideRight; Layout.maximumWidth: 200 }
        Label {
            text: row.modelData.agents
            visible: text.length > 0
            color: Theme.muted
            font.pixelSize: Theme.smallSize
            elide: Text.ElideRight
            Layout.maximumWidth: 200
        }
    }
    ComboBox {
        id: providerBox
        objectName: "profileProvider_" + row.modelData.name
        Layout.preferredWidth: 240
        model: [qsTr("As the graph says (%1)").arg(row.modelData.provider)].concat(row.providerNames)
        currentIndex: row.choice ? Math.max(0, row.providerNames.indexOf(row.choice.provider) + 1) : 0
        onActivated: index => {
            if (index === 0) {
                row.choose("", "")
                return
            }
            const name = row.providerNames[index - 1]
            row.choose(name, modelBox.editText.length > 0 ? modelBox.editText : row.modelData.model)
            row.listModels(name)
        }
    }
    ComboBox {
        id: modelBox
        objectName: "profileModel_" + row.modelData.name
        Layout.fillWidth: true
        editable: true
        enabled: row.choice !== undefined
        readonly property string current: row.choice ? row.choice.model : row.modelData.model
        model: row.listed.indexOf(current) >= 0 ? row.listed : [current].concat(row.listed)
        currentIndex: model.indexOf(current)
        onAccepted: row.choose(row.choice.provider, editText)
        onActiveFocusChanged: if (!activeFocus && row.choice && editText !== row.choice.model) row.choose(row.choice.provider, editText)
        onActivated: index => row.choose(row.choice.provider, model[index])
        ToolTip.visible: hovered && !enabled
        ToolTip.text: qsTr("Choose a provider first")
    }
    Label {
        id: listing
        objectName: "profileListing_" + row.modelData.name
        visible: text.length > 0
        color: Theme.muted
        elide: Text.ElideRight
        Layout.maximumWidth: 240
    }
}
