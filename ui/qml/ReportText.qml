import QtQuick
import QtQuick.Controls
import Orchestrator.Ui

// A report as a document: Markdown rendered by the Markdown renderer (tables as wide as the
// pane, code wrapped on a tinted panel, working links), selectable, scrolling vertically only.
ScrollView {
    id: pane
    property string markdown
    property string placeholder
    property bool opensLinks: true // off in tests, which only watch linkActivated
    readonly property alias document: body

    contentWidth: availableWidth
    // The margin is the pane's: TextEdit.linkAt() gets its own padding backwards in Qt 6.4.
    padding: Theme.pad
    TextEdit {
        id: body
        objectName: "reportBody"
        width: pane.availableWidth
        readOnly: true
        selectByMouse: true
        wrapMode: TextEdit.Wrap
        textFormat: TextEdit.RichText
        color: Theme.text
        selectionColor: Theme.selection
        selectedTextColor: Theme.text
        font.pixelSize: Theme.bodySize
        text: pane.markdown.length > 0
              ? Markdown.toHtml(pane.markdown, { text: Theme.text, link: Theme.accent, border: Theme.border,
                                                 code: Theme.surfaceRaised, header: Theme.surfaceRaised })
              : "<p>" + pane.placeholder + "</p>"
        onLinkActivated: link => { if (pane.opensLinks) Qt.openUrlExternally(link) }
        HoverHandler { cursorShape: body.hoveredLink.length > 0 ? Qt.PointingHandCursor : Qt.IBeamCursor }
    }
}
