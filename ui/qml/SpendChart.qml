import QtQuick
import QtQuick.Controls
import Orchestrator.Ui

// Spend as stacked bars: each slot {label, parts: [{value, colour, name, simulated}]}, with a
// dollar axis and gridlines; simulated parts hatched; hovering a bar shows its values.
Canvas {
    id: chart
    property var slots: []
    property real max: 0
    readonly property int axisLeft: 70
    readonly property int plotTop: 20
    readonly property real plotBottom: height - 60
    readonly property real slot: (width - axisLeft - 20) / Math.max(1, slots.length)
    readonly property real barWidth: Math.min(slot * 0.7, 90) // a lone bar stays a bar
    property int hovered: -1

    onSlotsChanged: requestPaint()
    onMaxChanged: requestPaint()
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()
    Connections { target: Theme; function onDarkChanged() { chart.requestPaint() } }

    function money(v) { return "$" + (v >= 1 ? v.toFixed(2) : v.toFixed(4)) }
    // The slot under x, -1 between bars.
    function slotAt(x) {
        const i = Math.floor((x - axisLeft) / slot)
        if (i < 0 || i >= slots.length)
            return -1
        const start = axisLeft + i * slot + (slot - barWidth) / 2
        return x >= start && x <= start + barWidth ? i : -1
    }
    function describe(i) {
        if (i < 0 || i >= slots.length)
            return ""
        const lines = [String(slots[i].label)]
        let total = 0
        for (const part of slots[i].parts) {
            if (part.value <= 0)
                continue
            total += part.value
            lines.push((part.name ? part.name + ": " : "") + money(part.value) + (part.simulated ? " " + qsTr("(simulated)") : ""))
        }
        if (slots[i].parts.length > 1)
            lines.push(qsTr("Total: %1").arg(money(total)))
        return lines.join("\n")
    }

    HoverHandler {
        id: hover
        onPointChanged: chart.hovered = chart.slotAt(point.position.x)
        onHoveredChanged: if (!hovered) chart.hovered = -1
    }
    ToolTip {
        objectName: "chartTip"
        visible: chart.hovered >= 0
        text: chart.describe(chart.hovered)
        x: Math.min(chart.width - implicitWidth, hover.point.position.x + 12)
        y: Math.max(0, hover.point.position.y - implicitHeight - 8)
    }

    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        if (slots.length === 0 || max <= 0)
            return
        const scale = (plotBottom - plotTop) / max
        ctx.font = "11px sans-serif"
        // Gridlines with their amounts, the axis in dollars.
        ctx.lineWidth = 1
        for (let g = 0; g <= 4; ++g) {
            const y = plotBottom - (plotBottom - plotTop) * g / 4
            ctx.strokeStyle = String(Theme.border)
            ctx.globalAlpha = g === 0 ? 1 : 0.5
            ctx.beginPath(); ctx.moveTo(axisLeft, y); ctx.lineTo(width - 10, y); ctx.stroke()
            ctx.globalAlpha = 1
            ctx.fillStyle = String(Theme.muted)
            ctx.textAlign = "right"
            ctx.fillText(money(max * g / 4), axisLeft - 6, y + 4)
        }
        ctx.textAlign = "left"
        ctx.strokeStyle = String(Theme.border)
        ctx.beginPath(); ctx.moveTo(axisLeft, plotTop); ctx.lineTo(axisLeft, plotBottom); ctx.stroke()
        for (let i = 0; i < slots.length; ++i) {
            let y = plotBottom
            const x = axisLeft + i * slot + (slot - barWidth) / 2
            for (const part of slots[i].parts) {
                const h = part.value * scale
                if (part.value <= 0)
                    continue
                ctx.fillStyle = String(part.colour)
                ctx.globalAlpha = i === hovered ? 1 : 0.85
                ctx.fillRect(x, y - h, barWidth, Math.max(h, 1))
                ctx.globalAlpha = 1
                if (part.simulated) { // hatched: not money spent
                    ctx.save()
                    ctx.beginPath(); ctx.rect(x, y - h, barWidth, Math.max(h, 1)); ctx.clip()
                    ctx.strokeStyle = String(Theme.background)
                    ctx.lineWidth = 2
                    for (let d = -h; d < barWidth + h; d += 8) {
                        ctx.beginPath(); ctx.moveTo(x + d, y); ctx.lineTo(x + d + h, y - h); ctx.stroke()
                    }
                    ctx.restore()
                }
                y -= h
            }
            ctx.fillStyle = String(Theme.text)
            ctx.save()
            ctx.translate(axisLeft + i * slot + slot * 0.5, plotBottom + 8)
            ctx.rotate(Math.PI / 5)
            ctx.fillText(String(slots[i].label).substring(0, 24), 0, 0)
            ctx.restore()
        }
    }
}
