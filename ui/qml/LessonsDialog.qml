import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Orchestrator.Ui

// What runs learned from the failures they recovered from, as the agents of later runs on the
// same template are given them: the failure, what fixed it, how often it was given and how
// often the same failure came back anyway (two misses drop it). The person rewords a lesson
// (given from then on, its misses start over) or forgets it.
Dialog {
    id: dialog
    objectName: "lessonsDialog"
    required property Session session

    title: qsTr("Lessons from failures")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(760, parent ? parent.width - 2 * Theme.pad : 760)
    height: Math.min(620, parent ? parent.height - 2 * Theme.pad : 620)
    standardButtons: Dialog.Close
    background: Rectangle { color: Theme.surface; radius: Theme.radius; border.color: Theme.border }

    LessonsModel { id: lessons; objectName: "lessonsModel"; session: dialog.session }
    onOpened: lessons.reload() // what runs learned since it was last open
    ConfirmDialog { id: confirm; objectName: "forgetLessonConfirm" }

    function follow(pending) {
        pending.finished.connect(function(ok, message) {
            feedback.failed = !ok
            feedback.text = ok ? "" : message
        })
        if (pending.done) {
            feedback.failed = !pending.ok
            feedback.text = pending.error
        }
    }

    ColumnLayout {
        anchors.fill: parent
        RowLayout {
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: lessons.count === 0 && !lessons.loading
                      ? qsTr("No lessons yet: a run keeps one when it recovers from a failure of its code.")
                      : qsTr("%n lesson(s). The agents of later runs on the same template are given them.", "", lessons.count)
            }
            CheckBox { objectName: "showDropped"; text: qsTr("Show dropped"); checked: lessons.showDropped; onToggled: lessons.showDropped = checked }
        }
        Label { id: feedback; objectName: "lessonFeedback"; property bool failed: false; visible: text.length > 0; color: Theme.danger; wrapMode: Text.Wrap; Layout.fillWidth: true }

        ListView {
            objectName: "lessonList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: lessons
            delegate: Frame {
                id: lesson
                required property var lessonId
                required property string templateName
                required property string tool
                required property string failure
                required property string fix
                required property int uses
                required property int misses
                required property bool dropped
                required property bool edited
                property bool editing: false
                width: ListView.view.width
                opacity: dropped ? 0.6 : 1
                ColumnLayout {
                    anchors.fill: parent
                    RowLayout {
                        Label { text: "#" + lesson.lessonId; font.bold: true }
                        Label { text: lesson.templateName.length > 0 ? lesson.templateName : qsTr("(no template)") }
                        Label { text: lesson.tool; color: Theme.muted }
                        Label {
                            Layout.fillWidth: true
                            color: lesson.misses > 0 ? Theme.danger : Theme.muted
                            text: qsTr("given %1, missed %2").arg(lesson.uses).arg(lesson.misses)
                                  + (lesson.dropped ? " — " + qsTr("dropped") : "")
                                  + (lesson.edited ? " — " + qsTr("edited") : "")
                        }
                        Button { objectName: "editLesson_" + lesson.lessonId; text: lesson.editing ? qsTr("Cancel") : qsTr("Edit"); onClicked: lesson.editing = !lesson.editing }
                        Button {
                            objectName: "forgetLesson_" + lesson.lessonId
                            text: qsTr("Forget…")
                            onClicked: confirm.ask(qsTr("Forget lesson #%1?").arg(lesson.lessonId),
                                                   qsTr("Later runs are no longer given it."),
                                                   qsTr("Forget"), () => dialog.follow(lessons.remove(lesson.lessonId)))
                        }
                    }
                    Label { visible: !lesson.editing; Layout.fillWidth: true; wrapMode: Text.Wrap; text: qsTr("Failed: %1").arg(lesson.failure) }
                    Label { visible: !lesson.editing; Layout.fillWidth: true; wrapMode: Text.Wrap; text: qsTr("Fixed by: %1").arg(lesson.fix) }
                    TextArea { id: failureText; objectName: "lessonFailure_" + lesson.lessonId; visible: lesson.editing; Layout.fillWidth: true; wrapMode: TextEdit.Wrap; text: lesson.failure; placeholderText: qsTr("What failed") }
                    TextArea { id: fixText; objectName: "lessonFix_" + lesson.lessonId; visible: lesson.editing; Layout.fillWidth: true; wrapMode: TextEdit.Wrap; text: lesson.fix; placeholderText: qsTr("What fixes it") }
                    Button {
                        objectName: "saveLesson_" + lesson.lessonId
                        visible: lesson.editing
                        enabled: fixText.text.trim().length > 0
                        text: qsTr("Save")
                        onClicked: { dialog.follow(lessons.edit(lesson.lessonId, failureText.text, fixText.text)); lesson.editing = false }
                    }
                }
            }
        }
    }
}
