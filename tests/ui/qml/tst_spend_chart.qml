import QtQuick
import QtTest
import Orchestrator.Ui

// The spend chart: hovering a bar shows its values (paid, simulated, total); between bars
// nothing; no bars, no tip.
TestCase {
    id: test
    name: "SpendChart"
    when: windowShown
    visible: true
    width: 600
    height: 320

    Component {
        id: chartComponent
        SpendChart {
            width: 600; height: 320; max: 2
            slots: [{ label: "2026-12-01", parts: [{ value: 1.5, colour: "#1e88e5", name: "Paid" },
                                                   { value: 0.5, colour: "#9575cd", name: "Simulated", simulated: true }] },
                    { label: "2026-12-02", parts: [{ value: 0.25, colour: "#1e88e5", name: "Paid" }] }]
        }
    }

    function test_hoverShowsTheValues() {
        const chart = createTemporaryObject(chartComponent, test)
        const tip = findChild(chart, "chartTip")
        const middle = chart.axisLeft + chart.slot * 0.5
        mouseMove(chart, middle, chart.plotBottom - 20)
        tryVerify(() => chart.hovered === 0)
        tryVerify(() => tip.visible)
        verify(tip.text.indexOf("2026-12-01") >= 0, tip.text)
        verify(tip.text.indexOf("Paid: $1.50") >= 0, tip.text)
        verify(tip.text.indexOf("Simulated: $0.5000 (simulated)") >= 0, tip.text)
        verify(tip.text.indexOf("Total: $2.00") >= 0, tip.text)
        mouseMove(chart, chart.axisLeft + chart.slot * 1.5, chart.plotBottom - 5)
        tryVerify(() => chart.hovered === 1)
        verify(tip.text.indexOf("Total") < 0) // one part: no total line
        // Between the bars and left of the axis: no bar, no tip.
        mouseMove(chart, chart.axisLeft + chart.slot - 2, chart.plotBottom - 5)
        tryVerify(() => chart.hovered === -1)
        mouseMove(chart, 10, 10)
        tryVerify(() => !tip.visible)
    }
}
