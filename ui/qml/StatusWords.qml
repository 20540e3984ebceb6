pragma Singleton
import QtQuick

// The words a person reads for the engine's status names (runs, step outcomes, agent states,
// health, servers), translated; a name without a word here is shown with its underscores
// turned into spaces rather than raw.
QtObject {
    function label(status) {
        switch (status) {
        case "running": return qsTr("running")
        case "waiting_human": return qsTr("waiting for you")
        case "waiting_budget": return qsTr("waiting for budget")
        case "waiting_resources": return qsTr("waiting for a server")
        case "completed": return qsTr("completed")
        case "failed": return qsTr("failed")
        case "stalled": return qsTr("stalled")
        case "cancelled": return qsTr("cancelled")
        case "continue": return qsTr("continues")
        case "finished": return qsTr("finished")
        case "handoff": return qsTr("handed off")
        case "wait_for_human": return qsTr("asked you")
        case "asked": return qsTr("asked you")
        case "answered": return qsTr("answered")
        case "wait_for_resources": return qsTr("waits for a server")
        case "wait_for_store": return qsTr("waits for the database")
        case "compacted": return qsTr("condensed its notes")
        case "idle": return qsTr("idle")
        case "thinking": return qsTr("thinking")
        case "calling_tool": return qsTr("calling a tool")
        case "waiting_for_human": return qsTr("waiting for you")
        case "done": return qsTr("done")
        case "healthy": return qsTr("healthy")
        case "unhealthy": return qsTr("unhealthy")
        case "none": return qsTr("not deployed")
        case "ready": return qsTr("ready")
        case "unchecked": return qsTr("unchecked")
        case "unreachable": return qsTr("unreachable")
        case "host_key_changed": return qsTr("host key changed")
        default: return String(status).replace(/_/g, " ")
        }
    }
}
