import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// Spend by day, agent, model or project as a bar chart (Canvas; the offline demo model's
// simulated part in its own colour), spend per project over time, the budgets as bars, calls
// of unknown price, and a top-up.
Page {
    id: view
    required property Session session

    BalancesModel { id: balances; session: view.session; onModelReset: view.refreshChart(); onBudgetChanged: view.refreshChart() }
    readonly property bool overTime: dimension.currentIndex === 4
    onOverTimeChanged: refreshChart()

    // The chart's bars from the model: paid and simulated parts per row, or each project's
    // spend per day.
    function refreshChart() {
        const slots = []
        if (overTime) {
            const t = balances.overTime
            for (let d = 0; d < (t.days || []).length; ++d)
                slots.push({ label: t.days[d], parts: t.projects.map((p, k) => ({ value: p.costs[d], colour: Theme.series(k), name: p.label })) })
        } else {
            for (let i = 0; i < balances.count; ++i) {
                const row = balances.get(i)
                slots.push({ label: row.label, parts: [
                    { value: row.cost - row.simulatedCost, colour: row.unknownCostCalls > 0 ? Theme.chartUnknown : Theme.chartBar, name: qsTr("Paid") },
                    { value: row.simulatedCost, colour: Theme.chartSimulated, name: qsTr("Simulated"), simulated: true }] })
            }
        }
        chart.slots = slots
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pad
        spacing: Theme.gap

        RowLayout {
            spacing: Theme.pad
            Label { objectName: "spent"; text: qsTr("Spent: $%1").arg(balances.spent.toFixed(4)); font.pixelSize: Theme.titleSize }
            Label {
                objectName: "simulatedSpend"
                visible: balances.simulated > 0
                color: Theme.info
                text: qsTr("+ $%1 simulated by the offline demo model (not spent, not budgeted)").arg(balances.simulated.toFixed(4))
            }
            Label { visible: balances.unknownCostCalls > 0; color: Theme.warning; text: qsTr("%n call(s) of unknown price", "", balances.unknownCostCalls) }
            Item { Layout.fillWidth: true }
            SpinBox { id: amount; from: 1; to: 1000; value: 10; editable: true }
            Button {
                text: qsTr("Top up (USD)")
                onClicked: view.session.topUp("global", amount.value).finished.connect(function(ok, message) {
                    topUpError.text = ok ? "" : message
                })
            }
        }
        Label { id: topUpError; objectName: "topUpError"; visible: text.length > 0; color: Theme.danger }
        Label {
            objectName: "databaseSize"
            visible: balances.databaseMegabytes > 0
            color: Theme.muted
            // Free pages are room inside the file that new rows reuse, not free disk space.
            text: balances.freeMegabytes >= 0.1
                  ? qsTr("Database: %1 MB on disk, %2 MB of it reusable").arg(balances.databaseMegabytes.toFixed(1)).arg(balances.freeMegabytes.toFixed(1))
                  : qsTr("Database: %1 MB on disk").arg(balances.databaseMegabytes.toFixed(1))
        }

        GridLayout {
            objectName: "budgetBars"
            Layout.fillWidth: true
            columns: Math.max(1, Math.min(2, balances.budgets.length))
            columnSpacing: Theme.pad * 2
            Repeater {
                model: balances.budgets
                BudgetBar {
                    required property var modelData
                    Layout.fillWidth: true
                    label: modelData.label
                    spent: modelData.spent
                    limit: modelData.limit
                }
            }
        }

        TabBar {
            id: dimension
            Layout.fillWidth: true
            onCurrentIndexChanged: if (currentIndex < 4) balances.dimension = ["day", "agent", "model", "project"][currentIndex]
            TabButton { text: qsTr("By day") }
            TabButton { text: qsTr("By agent") }
            TabButton { text: qsTr("By model") }
            TabButton { text: qsTr("By project") }
            TabButton { text: qsTr("Projects over time") }
        }

        SpendChart {
            id: chart
            objectName: "spendChart"
            Layout.fillWidth: true
            Layout.fillHeight: true
            max: view.overTime ? (balances.overTime.max || 0) : balances.maxCost
            Component.onCompleted: view.refreshChart()
        }
        Flow {
            objectName: "legend"
            Layout.fillWidth: true
            spacing: Theme.pad
            Repeater {
                model: view.overTime ? (balances.overTime.projects || []).map((p, k) => ({ label: p.label, colour: Theme.series(k) }))
                                     : (balances.simulated > 0 ? [{ label: qsTr("Paid"), colour: Theme.chartBar },
                                                                  { label: qsTr("Simulated (offline demo model)"), colour: Theme.chartSimulated }] : [])
                Row {
                    required property var modelData
                    spacing: 4
                    Rectangle { width: 12; height: 12; radius: 2; color: modelData.colour; anchors.verticalCenter: parent.verticalCenter }
                    Label { text: modelData.label }
                }
            }
        }
        Label {
            objectName: "overTimeSimulated"
            visible: view.overTime && balances.simulated > 0
            text: qsTr("These bars include $%1 simulated by the offline demo model: not spent, not budgeted.").arg(balances.simulated.toFixed(4))
            color: Theme.info
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { visible: balances.count === 0; text: qsTr("Nothing spent yet."); color: Theme.muted }
    }
}
