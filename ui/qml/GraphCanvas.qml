import QtQuick
import Orchestrator.Ui

// The edges of a graph drawn once on a canvas (arrows with their conditions); nodes are
// drawn by the view on top. Repaints only when the edges or the node positions change.
Canvas {
    id: canvas
    property var edges: []
    property var positionOf: function(agentId) { return null }
    property int nodeWidth: 150
    property int nodeHeight: 56
    property int selectedEdge: -1

    function centre(agentId) {
        const p = positionOf(agentId)
        return p ? Qt.point(p.x + nodeWidth / 2, p.y + nodeHeight / 2) : null
    }

    // Where the line from a node's centre c along (ux, uy) leaves the node: arrows start and
    // end at the borders, so their heads are never hidden under a node.
    function borderPoint(c, ux, uy) {
        const sx = Math.abs(ux) > 1e-6 ? (nodeWidth / 2 + 2) / Math.abs(ux) : 1e9
        const sy = Math.abs(uy) > 1e-6 ? (nodeHeight / 2 + 2) / Math.abs(uy) : 1e9
        const reach = Math.min(sx, sy)
        return Qt.point(c.x + ux * reach, c.y + uy * reach)
    }

    // Where an edge's label goes: beside the line from a to b, never on it — moved along the
    // line's normal by exactly the box's reach towards the line plus a gap, above the line (or
    // on its own side of a back-and-forth pair). Halfway; nearer the source for a pair.
    function labelBox(a, b, side, width, height) {
        const f = side !== 0 ? 0.35 : 0.5
        const at = Qt.point(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f)
        const length = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y))
        let nx = -(b.y - a.y) / length, ny = (b.x - a.x) / length
        if (side === 0 && ny > 0) { nx = -nx; ny = -ny } // a pair keeps its own side
        const reach = Math.abs(nx) * width / 2 + Math.abs(ny) * height / 2 + 4
        return Qt.rect(at.x + nx * reach - width / 2, at.y + ny * reach - height / 2, width, height)
    }

    onEdgesChanged: requestPaint()
    Connections {
        target: Theme
        function onDarkChanged() { canvas.requestPaint() }
    }
    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        ctx.font = "11px sans-serif"
        let pairs = {}
        for (let j = 0; j < edges.length; ++j)
            pairs[edges[j].from + ">" + edges[j].to] = true
        for (let i = 0; i < edges.length; ++i) {
            let a = centre(edges[i].from), b = centre(edges[i].to)
            if (!a || !b)
                continue
            let side = 0
            // An edge with a partner going back is drawn a little to its side, so both show.
            if (pairs[edges[i].to + ">" + edges[i].from]) {
                const length = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y))
                const nx = -(b.y - a.y) / length * 8, ny = (b.x - a.x) / length * 8
                a = Qt.point(a.x + nx, a.y + ny)
                b = Qt.point(b.x + nx, b.y + ny)
                side = nx !== 0 ? Math.sign(nx) : Math.sign(ny)
            }
            // From border to border: the visible part of the edge.
            const span = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y))
            const ux = (b.x - a.x) / span, uy = (b.y - a.y) / span
            a = borderPoint(a, ux, uy)
            b = borderPoint(b, -ux, -uy)
            ctx.strokeStyle = String(i === selectedEdge ? Theme.accent : Theme.edge)
            ctx.fillStyle = ctx.strokeStyle
            ctx.lineWidth = i === selectedEdge ? 3 : 1.5
            ctx.beginPath()
            ctx.moveTo(a.x, a.y)
            ctx.lineTo(b.x, b.y)
            ctx.stroke()
            const angle = Math.atan2(b.y - a.y, b.x - a.x)
            const tip = b
            ctx.beginPath()
            ctx.moveTo(tip.x, tip.y)
            ctx.lineTo(tip.x - 10 * Math.cos(angle - 0.4), tip.y - 10 * Math.sin(angle - 0.4))
            ctx.lineTo(tip.x - 10 * Math.cos(angle + 0.4), tip.y - 10 * Math.sin(angle + 0.4))
            ctx.closePath()
            ctx.fill()
            if (edges[i].when !== "always") {
                const text = String(edges[i].when).substring(0, 40)
                const box = labelBox(a, b, side, ctx.measureText(text).width + 8, 15)
                ctx.fillStyle = String(Theme.background)
                ctx.globalAlpha = 0.9
                ctx.fillRect(box.x, box.y, box.width, box.height)
                ctx.globalAlpha = 1
                ctx.fillStyle = String(i === selectedEdge ? Theme.accent : Theme.muted)
                ctx.textAlign = "center"
                ctx.fillText(text, box.x + box.width / 2, box.y + box.height - 4)
            }
        }
    }
}
