pragma Singleton
import QtQuick
import Orchestrator.Ui

// The design tokens every view uses: colours for light and dark, status colours, spacing and
// type sizes, so no view hard-codes a colour and both themes stay consistent.
QtObject {
    readonly property bool dark: Appearance.dark

    readonly property color accent: dark ? "#90caf9" : "#1565c0"
    readonly property color onAccent: dark ? "#0d2238" : "#ffffff"
    readonly property color background: dark ? "#121417" : "#f6f7f9"
    readonly property color surface: dark ? "#1c1f24" : "#ffffff"
    readonly property color surfaceRaised: dark ? "#262a31" : "#eef1f5"
    readonly property color rail: dark ? "#16181c" : "#e9edf2"
    readonly property color selection: dark ? "#1f3a5c" : "#d6e6fb"
    readonly property color border: dark ? "#3a3f47" : "#c9d1da"
    readonly property color nodeBorder: dark ? "#6b7785" : "#90a4ae"
    readonly property color text: dark ? "#e6e8eb" : "#1d2127"
    readonly property color muted: dark ? "#9aa3ad" : "#5f6b77"
    readonly property color danger: dark ? "#ef9a9a" : "#c62828"
    readonly property color success: dark ? "#a5d6a7" : "#2e7d32"
    readonly property color warning: dark ? "#ffcc80" : "#e65100"
    readonly property color info: dark ? "#90caf9" : "#1565c0"
    readonly property color dangerBackground: dark ? "#4a1f1f" : "#fde2e1"
    readonly property color chartBar: dark ? "#64b5f6" : "#42a5f5"
    readonly property color chartUnknown: dark ? "#ffb74d" : "#ffb74d"
    readonly property color chartSimulated: dark ? "#b39ddb" : "#9575cd"
    readonly property color edge: dark ? "#8d99a6" : "#607d8b"

    readonly property int gap: 8
    readonly property int pad: 16
    readonly property int radius: 8
    readonly property int titleSize: 20
    readonly property int bodySize: 14
    readonly property int smallSize: 12

    // A distinct colour for the k-th series of a chart (projects over time).
    readonly property var seriesColours: dark ? ["#64b5f6", "#81c784", "#ffb74d", "#e57373", "#ba68c8", "#4dd0e1", "#fff176", "#a1887f"]
                                              : ["#1e88e5", "#43a047", "#fb8c00", "#e53935", "#8e24aa", "#00acc1", "#fdd835", "#6d4c41"]
    function series(k) { return seriesColours[k % seriesColours.length] }

    // The fill of an agent in the live graph, by its state.
    function agentFill(state) {
        switch (state) {
        case "thinking": return dark ? "#5c5320" : "#fff59d"
        case "calling_tool": return dark ? "#1f4b73" : "#90caf9"
        case "waiting_for_human": return dark ? "#6b4a1c" : "#ffcc80"
        case "done": return dark ? "#2b5230" : "#a5d6a7"
        case "failed": return dark ? "#6b2b2b" : "#ef9a9a"
        default: return dark ? "#2c3138" : "#eceff1"
        }
    }
    // A status word's colour: good, bad, or neither.
    function statusColor(status) {
        switch (status) {
        case "healthy": case "ready": case "completed": case "done": case "up": return success
        case "unhealthy": case "failed": case "down": case "unreachable": case "stalled":
        case "host_key_changed": return danger
        case "waiting_human": case "waiting_for_human": case "paused": case "waiting_budget":
        case "waiting_resources": case "wait_for_human": case "asked": case "wait_for_resources":
        case "wait_for_store": return warning
        case "running": case "thinking": case "calling_tool": case "handoff": case "continue":
        case "finished": return info
        default: return muted
        }
    }
}
