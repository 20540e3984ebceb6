import QtQuick
import QtQuick.Controls
import QtTest
import Orchestrator.Ui

// The navigation rail and the theme: buttons, badges, keyboard, shortcuts, tooltips, and the
// light/dark switch that every view's colours follow.
TestCase {
    id: test
    name: "Navigation"
    when: windowShown
    visible: true
    width: 300
    height: 800

    property int inboxCount: 0

    Component {
        id: railComponent
        NavRail {
            height: 760
            sections: [{ icon: "projects", label: "Projects" }, { icon: "review", label: "Review" },
                       { icon: "graph", label: "Live graph" }, { icon: "inbox", label: "Inbox" }]
            badges: ({ inbox: test.inboxCount })
        }
    }

    function init() {
        Appearance.mode = "system"
        test.inboxCount = 0
    }
    function cleanupTestCase() {
        Appearance.mode = "system"
    }

    function test_clickingAButtonShowsItsView() {
        const rail = createTemporaryObject(railComponent, test)
        const graph = findChild(rail, "rail_graph")
        verify(graph)
        tryVerify(() => graph.width > 0)
        mouseClick(graph)
        compare(rail.currentIndex, 2)
        verify(graph.current)
        verify(!findChild(rail, "rail_projects").current)
    }

    function test_theInboxBadgeCountsAndHidesAtZero() {
        const rail = createTemporaryObject(railComponent, test)
        const badge = findChild(findChild(rail, "rail_inbox"), "badge")
        verify(badge)
        verify(!badge.visible)
        test.inboxCount = 3
        tryVerify(() => badge.visible)
        test.inboxCount = 250
        tryVerify(() => badge.children[0].text === "99+")
        test.inboxCount = 0
        tryVerify(() => !badge.visible)
    }

    function test_arrowKeysAndShortcutsMoveBetweenViews() {
        const rail = createTemporaryObject(railComponent, test)
        const first = findChild(rail, "rail_projects")
        first.forceActiveFocus()
        keyClick(Qt.Key_Down)
        compare(rail.currentIndex, 1)
        verify(findChild(rail, "rail_review").activeFocus)
        keyClick(Qt.Key_Down)
        keyClick(Qt.Key_Down)
        keyClick(Qt.Key_Down) // past the last: stays
        compare(rail.currentIndex, 3)
        keyClick(Qt.Key_Up)
        compare(rail.currentIndex, 2)
        keyClick(Qt.Key_1, Qt.ControlModifier)
        compare(rail.currentIndex, 0)
        keyClick(Qt.Key_4, Qt.ControlModifier)
        compare(rail.currentIndex, 3)
        keyClick(Qt.Key_9, Qt.ControlModifier) // no ninth view here
        compare(rail.currentIndex, 3)
    }

    function test_buttonsExplainThemselvesInTooltips() {
        const rail = createTemporaryObject(railComponent, test)
        const graph = findChild(rail, "rail_graph")
        compare(graph.ToolTip.text, "Live graph  (Ctrl+3)")
        graph.forceActiveFocus(Qt.TabFocusReason)
        tryVerify(() => graph.ToolTip.visible)
    }

    function test_theThemeSwitchCyclesAndColoursFollow() {
        const rail = createTemporaryObject(railComponent, test)
        const toggle = findChild(rail, "themeSwitch")
        compare(Appearance.mode, "system")
        verify(!Theme.dark) // the offscreen platform's palette is light
        const lightRail = String(rail.color)
        mouseClick(toggle)
        compare(Appearance.mode, "light")
        verify(!Theme.dark)
        mouseClick(toggle)
        compare(Appearance.mode, "dark")
        verify(Theme.dark)
        verify(String(rail.color) !== lightRail)
        compare(toggle.iconName, "moon")
        mouseClick(toggle)
        compare(Appearance.mode, "system")
        verify(!Theme.dark)
        Appearance.mode = "purple" // anything unknown means the system's
        compare(Appearance.mode, "system")
    }

    function test_everyRailIconIsBundled() {
        for (const name of ["projects", "review", "graph", "editor", "balances", "reports",
                            "settings", "servers", "inbox", "sun", "moon", "contrast"])
            verify(IconSet.path(name).startsWith("M"), name)
        compare(IconSet.path("../../etc/passwd"), "")
        compare(IconSet.path("no-such-icon"), "")
    }
}
