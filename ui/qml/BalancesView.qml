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

    BalancesModel { id: balances; session: view.session; onModelReset: chart.requestPaint(); onBudgetChanged: chart.requestPaint() }
    readonly property bool overTime: dimension.currentIndex === 4

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
            text: qsTr("Database: %1 MB (%2 MB free)").arg(balances.databaseMegabytes.toFixed(1)).arg(balances.freeMegabytes.toFixed(1))
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
            onCurrentIndexChanged: { if (currentIndex < 4) balances.dimension = ["day", "agent", "model", "project"][currentIndex]; chart.requestPaint() }
            TabButton { text: qsTr("By day") }
            TabButton { text: qsTr("By agent") }
            TabButton { text: qsTr("By model") }
            TabButton { text: qsTr("By project") }
            TabButton { text: qsTr("Projects over time") }
        }

        Canvas {
            id: chart
            objectName: "spendChart"
            Layout.fillWidth: true
            Layout.fillHeight: true
            onWidthChanged: requestPaint()
            Connections { target: Theme; function onDarkChanged() { chart.requestPaint() } }
            onHeightChanged: requestPaint()
            // Stacked bars: each slot's parts [{value, colour}], labelled under the axis.
            function bars(ctx, slots, max) {
                const left = 60, bottom = height - 60, top = 20
                const slot = (width - left - 20) / Math.max(1, slots.length)
                const scale = max > 0 ? (bottom - top) / max : 0
                ctx.strokeStyle = String(Theme.border)
                ctx.beginPath(); ctx.moveTo(left, top); ctx.lineTo(left, bottom); ctx.lineTo(width - 10, bottom); ctx.stroke()
                ctx.font = "11px sans-serif"
                ctx.fillStyle = String(Theme.text)
                ctx.fillText("$" + max.toFixed(4), 4, top + 8)
                const barWidth = Math.min(slot * 0.7, 90) // a lone bar stays a bar
                for (let i = 0; i < slots.length; ++i) {
                    let y = bottom
                    for (const part of slots[i].parts) {
                        const h = part.value * scale
                        ctx.fillStyle = String(part.colour)
                        ctx.fillRect(left + i * slot + (slot - barWidth) / 2, y - h, barWidth, Math.max(h, part.value > 0 ? 1 : 0))
                        y -= h
                    }
                    ctx.fillStyle = String(Theme.text)
                    ctx.save()
                    ctx.translate(left + i * slot + slot * 0.5, bottom + 8)
                    ctx.rotate(Math.PI / 5)
                    ctx.fillText(String(slots[i].label).substring(0, 24), 0, 0)
                    ctx.restore()
                }
            }
            onPaint: {
                const ctx = getContext("2d")
                ctx.reset()
                const slots = []
                if (view.overTime) {
                    const t = balances.overTime
                    for (let d = 0; d < (t.days || []).length; ++d)
                        slots.push({ label: t.days[d], parts: t.projects.map((p, k) => ({ value: p.costs[d], colour: Theme.series(k) })) })
                    if (slots.length > 0)
                        bars(ctx, slots, t.max)
                    return
                }
                for (let i = 0; i < balances.count; ++i) {
                    const row = balances.get(i)
                    const real = row.cost - row.simulatedCost
                    slots.push({ label: row.label, parts: [
                        { value: real, colour: row.unknownCostCalls > 0 ? Theme.chartUnknown : Theme.chartBar },
                        { value: row.simulatedCost, colour: Theme.chartSimulated }] })
                }
                if (slots.length > 0)
                    bars(ctx, slots, balances.maxCost)
            }
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
        Label { visible: balances.count === 0; text: qsTr("Nothing spent yet."); color: Theme.muted }
    }
}
