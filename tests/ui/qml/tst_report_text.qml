import QtQuick
import QtTest
import Orchestrator.Ui

// A report rendered as a document in a narrow pane: a wide table and a long code block stay
// inside it, and a link is a link that can be clicked.
TestCase {
    id: test
    name: "ReportText"
    when: windowShown
    visible: true
    width: 420
    height: 600

    readonly property string report: "# City time\n\n## Checks\n\n"
        + "| check | criterion | request | expected | got | passed |\n|---|---|---|---|---|---|\n"
        + "| tokyo | 1 | `{\"path\":\"/time?city=Tokyo\"}` | {\"status\":200,\"body_contains\":\"Tokyo\"} | {\"status\":200,\"body\":\"Tokyo 09:00 and a long tail of words\"} | yes |\n\n"
        + "## Tests\n\n```\n" + "ok test_time_in_tokyo_is_formatted_as_hours_and_minutes_" + "x".repeat(200) + "\n```\n\n"
        + "## Deployment\n\n- URL: https://city-time.localhost:8443/\n"

    Component {
        id: textComponent
        ReportText { width: 420; height: 600; opensLinks: false }
    }

    function test_wideContentStaysInThePane() {
        const view = createTemporaryObject(textComponent, test, { markdown: report })
        const body = view.document
        tryVerify(() => body.contentHeight > 100)
        verify(body.contentWidth <= body.width + 1, body.contentWidth + " > " + body.width)
        verify(body.text.indexOf("<table") >= 0)
    }

    function test_aLinkIsClickable() {
        const view = createTemporaryObject(textComponent, test, { markdown: report })
        const body = view.document
        tryVerify(() => body.contentHeight > 100)
        const spy = createTemporaryObject(signalSpy, test, { target: body, signalName: "linkActivated" })
        let found = null
        for (let y = 0; y < body.contentHeight && !found; y += 4)
            for (let x = 0; x < body.width && !found; x += 6)
                if (body.linkAt(x, y) === "https://city-time.localhost:8443/")
                    found = { x: x, y: y }
        verify(found !== null, "the deployed URL is a link")
        mousePress(body, found.x, found.y)
        wait(50)
        mouseRelease(body, found.x, found.y)
        tryCompare(spy, "count", 1)
        compare(spy.signalArguments[0][0], "https://city-time.localhost:8443/")
    }

    function test_aPlaceholderUntilThereIsAReport() {
        const view = createTemporaryObject(textComponent, test, { placeholder: "The report appears when the run ends." })
        verify(view.document.getText(0, 1000).indexOf("The report appears") >= 0)
    }

    Component { id: signalSpy; SignalSpy {} }
}
