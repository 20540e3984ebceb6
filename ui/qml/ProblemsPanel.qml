import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// Every problem validation found in the graph, in one list: where it is (an agent's field, an
// edge, the graph) and what is wrong; a click goes to it (the agent or edge chosen, so the
// field shows it too).
ColumnLayout {
    id: panel
    required property GraphEditor editor
    signal goToAgent(int row, string field)
    signal goToEdge(int index)
    visible: !editor.valid
    spacing: 2

    // {path, message, agent, field, edge} for each problem, agents first, in path order.
    function problems(errors) {
        const list = []
        for (const path of Object.keys(errors).sort()) {
            const agent = /^\$\.agents\[(\d+)\](?:\.([a-z_]+))?/.exec(path)
            const edge = /^\$\.edges\[(\d+)\]/.exec(path)
            list.push({ path: path, message: String(errors[path]),
                        agent: agent ? Number(agent[1]) : -1, field: agent && agent[2] ? agent[2] : "",
                        edge: edge ? Number(edge[1]) : -1 })
        }
        return list
    }
    function where(p) {
        if (p.agent >= 0) {
            const a = editor.agent(p.agent)
            return (a.title || a.agentId || qsTr("agent %1").arg(p.agent + 1)) + (p.field.length > 0 ? " · " + p.field : "")
        }
        if (p.edge >= 0) {
            const e = editor.edges[p.edge]
            return e ? e.from + " → " + e.to : qsTr("edge %1").arg(p.edge + 1)
        }
        return qsTr("the graph")
    }

    Label { text: qsTr("Problems"); font.bold: true; color: Theme.danger }
    Repeater {
        model: panel.problems(panel.editor.errors)
        ItemDelegate {
            required property var modelData
            required property int index
            objectName: "problem_" + index
            Layout.fillWidth: true
            contentItem: ColumnLayout {
                spacing: 0
                Label { text: panel.where(modelData); font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
                Label { text: modelData.message; color: Theme.danger; wrapMode: Text.Wrap; Layout.fillWidth: true }
            }
            onClicked: {
                if (modelData.agent >= 0)
                    panel.goToAgent(modelData.agent, modelData.field)
                else if (modelData.edge >= 0)
                    panel.goToEdge(modelData.edge)
            }
        }
    }
}
