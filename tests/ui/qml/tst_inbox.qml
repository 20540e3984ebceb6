import QtQuick
import QtQuick.Controls
import QtTest
import Orchestrator.Ui

TestCase {
    id: test
    name: "Inbox"
    when: windowShown
    visible: true // mouse events reach only a visible test case
    width: 900
    height: 700

    // The view's own model, given its rows directly (no engine here).
    InboxModel { id: inbox }
    property var questions: []

    Component {
        id: viewComponent
        InboxView { session: null; model: inbox; width: 900; height: 700 }
    }

    SignalSpy { id: answered; signalName: "answerGiven" }

    function init() {
        test.questions = []
        inbox.showQuestions([])
        answered.clear()
    }

    function ask(runId, question, options, secret, approval) {
        test.questions = test.questions.concat([{ runId: runId, projectName: "Clock " + runId,
                                                  question: question, options: options,
                                                  secret: secret, approval: approval,
                                                  askedAt: new Date() }])
        inbox.showQuestions(test.questions)
    }

    function test_optionsAnswerWithTheirText() {
        ask("r1", "Which city?", ["Tokyo", "Paris"], false, false)
        const view = createTemporaryObject(viewComponent, test)
        answered.target = view
        tryVerify(() => findChild(view, "option_Paris") !== null)
        const paris = findChild(view, "option_Paris")
        tryVerify(() => paris.visible && paris.width > 0)
        mouseClick(paris)
        compare(answered.count, 1)
        compare(answered.signalArguments[0][0], "r1")
        compare(answered.signalArguments[0][1], "Paris")
    }

    function test_aTypedAnswerIsSentAndASecretIsHidden() {
        ask("r2", "The bot's token?", [], true, false)
        ask("r3", "Anything else?", [], false, false)
        const view = createTemporaryObject(viewComponent, test)
        answered.target = view
        tryVerify(() => findChild(view, "answer_r2") !== null && findChild(view, "answer_r3") !== null)
        compare(findChild(view, "answer_r2").echoMode, TextInput.Password)
        compare(findChild(view, "answer_r3").echoMode, TextInput.Normal)
        const send = findChild(view, "send_r3")
        verify(!send.enabled) // nothing typed yet
        findChild(view, "answer_r3").text = "  add Berlin  "
        verify(send.enabled)
        mouseClick(send)
        compare(answered.count, 1)
        compare(answered.signalArguments[0][0], "r3")
        compare(answered.signalArguments[0][1], "  add Berlin  ")
        compare(findChild(view, "answer_r3").text, "")
    }

    function test_anApprovalHasOnlyItsButtonsAndAnEmptyInboxSaysSo() {
        const view = createTemporaryObject(viewComponent, test)
        verify(findChild(view, "inboxEmpty").visible)
        ask("r4", "Deploy to a real server?", ["approve", "reject"], false, true)
        tryVerify(() => !findChild(view, "inboxEmpty").visible)
        tryVerify(() => findChild(view, "option_approve") !== null)
        verify(!findChild(view, "answer_r4").visible || !findChild(view, "answer_r4").parent.visible)
    }
}
