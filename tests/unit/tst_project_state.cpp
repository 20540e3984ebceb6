// Reducers (append for messages/errors, replace otherwise), step diffs, and edge conditions.

#include "JsonCompare.h"
#include "graph/Condition.h"
#include "graph/ProjectState.h"

#include <QTest>

using namespace orch;

class TestProjectState : public QObject
{
    Q_OBJECT
private slots:
    void appendsMessagesAndErrors()
    {
        ProjectState state;
        state.apply({{"messages", Json::array({{{"agent", "a"}}})}});
        state.apply({{"messages", Json::array({{{"agent", "b"}}, {{"agent", "c"}}})},
                     {"errors", {{"agent", "b"}, {"reason", "boom"}}}});
        QCOMPARE(state.document()["messages"].size(), size_t(3));
        QCOMPARE(state.document()["messages"][2]["agent"], "c");
        QCOMPARE(state.document()["errors"].size(), size_t(1)); // a single object appends too
    }

    void replacesOtherKeys()
    {
        ProjectState state(Json{{"spec", {{"title", "old"}, {"extra", 1}}}});
        state.apply({{"spec", {{"title", "new"}}}});
        QCOMPARE(state.document()["spec"], Json({{"title", "new"}}));
    }

    void diffListsOnlyChanges()
    {
        ProjectState state(Json{{"spec", "same"}, {"tests", {{"passed", false}}}});
        const Json diff = state.apply(
            {{"spec", "same"}, {"tests", {{"passed", true}}}, {"messages", Json::array({"hi"})}});
        QCOMPARE(diff.size(), size_t(2));
        QCOMPARE(diff[0]["key"], "messages");
        QCOMPARE(diff[0]["op"], "append");
        QCOMPARE(diff[0]["added"], Json::array({"hi"}));
        QCOMPARE(diff[1]["key"], "tests");
        QCOMPARE(diff[1]["op"], "set");
        QCOMPARE(diff[1]["old"]["passed"], false);
        QCOMPARE(diff[1]["new"]["passed"], true);
    }

    void emptyAppendIsNoChange()
    {
        ProjectState state;
        QVERIFY(state.apply({{"errors", Json::array()}}).empty());
        QVERIFY(state.apply(Json("not an object")).empty());
    }

    void conditions_data()
    {
        QTest::addColumn<QString>("when");
        QTest::addColumn<bool>("expected");
        QTest::newRow("always") << "always" << true;
        QTest::newRow("present object") << "spec" << true;
        QTest::newRow("nested true") << "tests.passed" << true;
        QTest::newRow("negated true") << "!tests.passed" << false;
        QTest::newRow("missing") << "deployment.url" << false;
        QTest::newRow("negated missing") << "!deployment.url" << true;
        QTest::newRow("empty string") << "report" << false;
        QTest::newRow("zero") << "tests.count" << false;
        QTest::newRow("empty array") << "errors" << false;
    }

    void conditions()
    {
        QFETCH(QString, when);
        QFETCH(bool, expected);
        const Json state = {{"spec", {{"title", "x"}}},
                            {"tests", {{"passed", true}, {"count", 0}}},
                            {"report", ""},
                            {"errors", Json::array()}};
        auto condition = Condition::parse(when);
        QVERIFY2(condition.ok(), qPrintable(condition.error()));
        QCOMPARE(condition->holds(state), expected);
        QCOMPARE(condition->text(), when);
    }

    void rejectsBadConditions()
    {
        for (const char* text : {"", "!", "tests passed", "a..b", "1abc", "!!x"})
            QVERIFY2(!Condition::parse(QString::fromLatin1(text)).ok(), text);
    }
};

QTEST_GUILESS_MAIN(TestProjectState)
#include "tst_project_state.moc"
