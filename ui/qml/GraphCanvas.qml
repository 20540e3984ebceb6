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
        for (let i = 0; i < edges.length; ++i) {
            const a = centre(edges[i].from), b = centre(edges[i].to)
            if (!a || !b)
                continue
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
            if (edges[i].when !== "always")
                ctx.fillText(edges[i].when, (a.x + b.x) / 2 + 4, (a.y + b.y) / 2 - 4)
        }
    }
}
