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
    // Every node, so edges go around those between their ends.
    property int nodeCount: 0
    property var nodeAt: function(index) { return null }

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

    // Whether the segment p→q crosses the rectangle r (Liang–Barsky clipping).
    function crosses(p, q, r) {
        let t0 = 0, t1 = 1
        const dx = q.x - p.x, dy = q.y - p.y
        const sides = [[-dx, p.x - r.x], [dx, r.x + r.width - p.x], [-dy, p.y - r.y], [dy, r.y + r.height - p.y]]
        for (const [den, num] of sides) {
            if (Math.abs(den) < 1e-9) {
                if (num < 0)
                    return false
                continue
            }
            const t = num / den
            if (den < 0) t0 = Math.max(t0, t)
            else t1 = Math.min(t1, t)
            if (t0 > t1)
                return false
        }
        return true
    }

    // The points an edge from a to b passes (centres; ends: the items of its two nodes): the
    // straight line when no other node is in the way, else bent once at the nearest point
    // beside the line from which both halves pass every node with a margin.
    function route(a, b, ends) {
        const margin = 12
        const blockers = []
        for (let i = 0; i < nodeCount; ++i) {
            const n = nodeAt(i)
            if (n && ends.indexOf(n) < 0)
                blockers.push(Qt.rect(n.x - margin, n.y - margin, nodeWidth + 2 * margin, nodeHeight + 2 * margin))
        }
        const clear = (p, q) => blockers.every(r => !crosses(p, q, r))
        if (clear(a, b))
            return [a, b]
        const length = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y))
        const nx = -(b.y - a.y) / length, ny = (b.x - a.x) / length
        const mid = Qt.point((a.x + b.x) / 2, (a.y + b.y) / 2)
        for (let offset = 30; offset <= 900; offset += 30)
            for (const sign of [-1, 1]) {
                const m = Qt.point(mid.x + nx * offset * sign, mid.y + ny * offset * sign)
                if (clear(a, m) && clear(m, b))
                    return [a, m, b]
            }
        return [a, b]
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
            const path = route(a, b, [positionOf(edges[i].from), positionOf(edges[i].to)])
            const bend = path.length === 3 ? path[1] : null
            // From border to border: the visible part of the edge.
            const toward = (p, q) => {
                const span = Math.max(1, Math.hypot(q.x - p.x, q.y - p.y))
                return [(q.x - p.x) / span, (q.y - p.y) / span]
            }
            const out = toward(a, bend || b), into = toward(b, bend || a)
            a = borderPoint(a, out[0], out[1])
            b = borderPoint(b, into[0], into[1])
            ctx.strokeStyle = String(i === selectedEdge ? Theme.accent : Theme.edge)
            ctx.fillStyle = ctx.strokeStyle
            ctx.lineWidth = i === selectedEdge ? 3 : 1.5
            ctx.beginPath()
            ctx.moveTo(a.x, a.y)
            if (bend)
                ctx.lineTo(bend.x, bend.y)
            ctx.lineTo(b.x, b.y)
            ctx.stroke()
            const last = bend || a
            const angle = Math.atan2(b.y - last.y, b.x - last.x)
            const tip = b
            ctx.beginPath()
            ctx.moveTo(tip.x, tip.y)
            ctx.lineTo(tip.x - 10 * Math.cos(angle - 0.4), tip.y - 10 * Math.sin(angle - 0.4))
            ctx.lineTo(tip.x - 10 * Math.cos(angle + 0.4), tip.y - 10 * Math.sin(angle + 0.4))
            ctx.closePath()
            ctx.fill()
            if (edges[i].when !== "always") {
                const text = String(edges[i].when).substring(0, 40)
                let box = labelBox(a, bend || b, side, ctx.measureText(text).width + 8, 15)
                // A label wider than the gap between its nodes moves off the line until no
                // node covers it.
                const over = (r, n) => n && r.x < n.x + nodeWidth && n.x < r.x + r.width && r.y < n.y + nodeHeight && n.y < r.y + r.height
                const ends = [positionOf(edges[i].from), positionOf(edges[i].to)]
                const [lx, ly] = toward(a, bend || b)
                const away = side === 0 && lx > 0 ? [ly, -lx] : [-ly, lx] // the normal labelBox used
                for (let step = 0; step < 24 && (over(box, ends[0]) || over(box, ends[1])); ++step)
                    box = Qt.rect(box.x + away[0] * 4, box.y + away[1] * 4, box.width, box.height)
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
