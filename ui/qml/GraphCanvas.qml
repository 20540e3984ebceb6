import QtQuick

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

    onEdgesChanged: requestPaint()
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
            ctx.strokeStyle = i === selectedEdge ? "#d32f2f" : "#607d8b"
            ctx.fillStyle = ctx.strokeStyle
            ctx.lineWidth = i === selectedEdge ? 3 : 1.5
            ctx.beginPath()
            ctx.moveTo(a.x, a.y)
            ctx.lineTo(b.x, b.y)
            ctx.stroke()
            const angle = Math.atan2(b.y - a.y, b.x - a.x)
            const tip = Qt.point(b.x - Math.cos(angle) * nodeWidth / 2.2, b.y - Math.sin(angle) * nodeHeight / 1.6)
            ctx.beginPath()
            ctx.moveTo(tip.x, tip.y)
            ctx.lineTo(tip.x - 10 * Math.cos(angle - 0.4), tip.y - 10 * Math.sin(angle - 0.4))
            ctx.lineTo(tip.x - 10 * Math.cos(angle + 0.4), tip.y - 10 * Math.sin(angle + 0.4))
            ctx.closePath()
            ctx.fill()
            if (edges[i].when !== "always") {
                // Labels of a back-and-forth pair go on their own edge's side.
                ctx.textAlign = side < 0 ? "right" : "left"
                // Halfway; a back-and-forth pair puts its labels nearer their sources, apart.
                const f = side !== 0 ? 0.35 : 0.5
                const at = Qt.point(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f)
                ctx.fillText(edges[i].when, at.x + (side < 0 ? -4 : 4), at.y - 4)
            }
        }
    }
}
