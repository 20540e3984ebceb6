// Time travel's edits to a checkpoint's state: values replaced and added by JSON pointer, and
// every malformed or out-of-bounds edit refused with a reason that names it.

#include "JsonCompare.h"
#include "graph/StateEdits.h"

#include <QTest>

using namespace orch;

namespace {
const Json kState = {{"spec", {{"title", "Clock"}, {"cities", {"Tokyo", "Paris"}}}},
                     {"plan", "one file"},
                     {"resources", {{"port", "project:p:port"}}},
                     {"repo", {{"path", "/ws/p"}}},
                     {"deployment", {{"url", "http://p.localhost"}}}};

QString refusal(const Json& edits)
{
    auto result = applyStateEdits(kState, edits);
    return result ? QString() : result.error();
}
} // namespace

class TestStateEdits : public QObject
{
    Q_OBJECT
private slots:
    void noEditsLeaveTheStateAsItIs()
    {
        for (const Json& none : {Json(), Json::object()}) {
            auto result = applyStateEdits(kState, none);
            QVERIFY(result);
            QCOMPARE(result->state, kState);
            QVERIFY(result->paths.isEmpty());
        }
    }

    void replacesAndAddsValuesByPointer()
    {
        auto result = applyStateEdits(kState, {{"/spec/title", "World clock"},
                                               {"/spec/cities/1", "Lima"},
                                               {"/spec/units", Json::array({"24h"})},
                                               {"/plan", {{"steps", 2}}}});
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        QCOMPARE(result->state["spec"]["title"], "World clock");
        QCOMPARE(result->state["spec"]["cities"], Json::array({"Tokyo", "Lima"}));
        QCOMPARE(result->state["spec"]["units"], Json::array({"24h"}));
        QCOMPARE(result->state["plan"]["steps"], 2);
        QCOMPARE(result->state["resources"], kState["resources"]); // untouched
        QCOMPARE(result->paths.size(), 4);
        QVERIFY(result->paths.contains("/spec/cities/1"));
    }

    void escapedPointersReachOddKeys()
    {
        const Json state = {{"a/b", {{"~x", 1}}}};
        auto result = applyStateEdits(state, {{"/a~1b/~0x", 2}});
        QVERIFY(result);
        QCOMPARE(result->state["a/b"]["~x"], 2);
    }

    void refusesMalformedEditsWithTheirReason()
    {
        QVERIFY(refusal(Json::array({"/plan"})).contains("must be an object"));
        QVERIFY(refusal("set /plan to 1").contains("must be an object"));
        QVERIFY(refusal({{"plan", 1}}).contains("not a JSON pointer"));
        QVERIFY(refusal({{"/plan~2", 1}}).contains("not a JSON pointer"));
        QVERIFY(refusal({{"", 1}}).contains("whole state"));
        QVERIFY(refusal({{"/" + std::string(600, 'a'), 1}}).contains("too long"));
    }

    void refusesWhatTheEngineRecords()
    {
        // Vault handles, the workspace and the deployment point at this project's own things.
        for (const char* path : {"/resources/port", "/resources", "/repo/path", "/deployment"})
            QVERIFY2(refusal({{path, "elsewhere"}}).contains("recorded by the engine"), path);
    }

    void refusesPathsThatLeadNowhere()
    {
        QVERIFY(refusal({{"/nothing/here", 1}}).contains("has nothing at /nothing"));
        QVERIFY(refusal({{"/spec/cities/2", "Rome"}}).contains("no such element in a list of 2"));
        QVERIFY(refusal({{"/spec/cities/-", "Rome"}}).contains("no such element"));
        QVERIFY(refusal({{"/spec/cities/99999999999999", "Rome"}}).contains("no such element"));
        QVERIFY(refusal({{"/plan/steps", 2}}).contains("single value"));
    }

    void refusesHugeValuesAndTooManyEdits()
    {
        QVERIFY(refusal({{"/plan", std::string(70 * 1024, 'x')}}).contains("larger than 64 KB"));
        Json many = Json::object();
        for (int i = 0; i < kMaxStateEdits + 1; ++i)
            many["/k" + std::to_string(i)] = i;
        QVERIFY(refusal(many).contains("at most 32"));
    }

    void oneBadEditRefusesThemAll()
    {
        // The first edit is fine, the second is not: the caller gets an error, not half a state.
        auto result = applyStateEdits(kState, {{"/plan", "two"}, {"/resources/port", "x"}});
        QVERIFY(!result);
        QVERIFY(result.error().contains("resources"));
    }
};

QTEST_GUILESS_MAIN(TestStateEdits)
#include "tst_state_edits.moc"
