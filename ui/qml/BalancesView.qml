import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// Spend by day, agent, model or project as a bar chart (Canvas), the global budget and what
// is left, calls of unknown price, and a top-up.
Page {
    id: view
    required property Session session

    BalancesModel { id: balances; session: view.session; onModelReset: chart.requestPaint() }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12

        RowLayout {
            Label { text: qsTr("Spent: $%1").arg(balances.spent.toFixed(4)); font.pixelSize: 18 }
            Label {
                text: balances.limited ? qsTr("Budget: $%1, left $%2").arg(balances.limit.toFixed(2)).arg(balances.remaining.toFixed(4))
                                       : qsTr("Budget: not limited")
            }
            Label { visible: balances.unknownCostCalls > 0; color: "#e65100"; text: qsTr("%n call(s) of unknown price", "", balances.unknownCostCalls) }
            Label {
                objectName: "databaseSize"
                visible: balances.databaseMegabytes > 0
                color: "#546e7a"
                text: qsTr("Database: %1 MB (%2 MB free)").arg(balances.databaseMegabytes.toFixed(1)).arg(balances.freeMegabytes.toFixed(1))
            }
            Item { Layout.fillWidth: true }
            SpinBox { id: amount; from: 1; to: 1000; value: 10; editable: true }
            Button {
                text: qsTr("Top up (USD)")
                onClicked: view.session.topUp("global", amount.value).finished.connect(function(ok, message) {
                    topUpError.text = ok ? "" : message
                })
            }
        }
        Label { id: topUpError; objectName: "topUpError"; visible: text.length > 0; color: "#a33" }

        TabBar {
            id: dimension
            Layout.fillWidth: true
            onCurrentIndexChanged: balances.dimension = ["day", "agent", "model", "project"][currentIndex]
            TabButton { text: qsTr("By day") }
            TabButton { text: qsTr("By agent") }
            TabButton { text: qsTr("By model") }
            TabButton { text: qsTr("By project") }
        }

        Canvas {
            id: chart
            objectName: "spendChart"
            Layout.fillWidth: true
            Layout.fillHeight: true
            onWidthChanged: requestPaint()
            onHeightChanged: requestPaint()
            onPaint: {
                const ctx = getContext("2d")
                ctx.reset()
                const n = balances.count
                if (n === 0)
                    return
                const left = 60, bottom = height - 60, top = 20
                const slot = (width - left - 20) / n
                const scale = balances.maxCost > 0 ? (bottom - top) / balances.maxCost : 0
                ctx.strokeStyle = "#90a4ae"
                ctx.beginPath(); ctx.moveTo(left, top); ctx.lineTo(left, bottom); ctx.lineTo(width - 10, bottom); ctx.stroke()
                ctx.font = "11px sans-serif"
                ctx.fillStyle = "#37474f"
                ctx.fillText("$" + balances.maxCost.toFixed(4), 4, top + 8)
                for (let i = 0; i < n; ++i) {
                    const row = balances.get(i)
                    const h = row.cost * scale
                    ctx.fillStyle = row.unknownCostCalls > 0 ? "#ffb74d" : "#42a5f5"
                    ctx.fillRect(left + i * slot + slot * 0.15, bottom - h, slot * 0.7, Math.max(h, 1))
                    ctx.fillStyle = "#37474f"
                    ctx.save()
                    ctx.translate(left + i * slot + slot * 0.5, bottom + 8)
                    ctx.rotate(Math.PI / 5)
                    ctx.fillText(String(row.label).substring(0, 24), 0, 0)
                    ctx.restore()
                }
            }
        }
        Label { visible: balances.count === 0; text: qsTr("Nothing spent yet.") }
    }
}
