// The task file a coding agent CLI is given (coding/CodingTask.h): what it says for a new
// project, for work sent back (the failure, the failing tests, the failed checks, the note),
// for a change and for a repair; bounded whatever the state holds, and whole when the state's
// values have the wrong types.

#include "coding/CodingTask.h"

#include <QTest>

using namespace orch;

class TestCodingTask : public QObject
{
    Q_OBJECT

    static Json project()
    {
        return {{"project", {{"name", "city-clock"}, {"description", "Tells the time"}}},
                {"spec", {{"title", "City clock"}, {"acceptance", {"GET /time is 200"}}}},
                {"plan", {{"steps", {"add /time"}}}},
                {"scaffold",
                 {{"template", "python-http-service"}, {"contract", {{"kind", "http-service"}}}}}};
    }

private slots:
    void aNewProject()
    {
        const QString task = codingTask::write(project(), {}, {});
        QVERIFY(task.startsWith(QLatin1String("# Task: city-clock\n\nTells the time")));
        for (const char* expected : {"## Specification", "GET /time is 200", "## Plan", "add /time",
                                     "## The template's contract", "http-service",
                                     "## How your work is checked", "`make test` must pass"})
            QVERIFY2(task.contains(QLatin1String(expected)), expected);
        QVERIFY(!task.contains(QLatin1String("What failed")));
        QVERIFY(!task.contains(QLatin1String("Lessons")));
    }

    void workSentBackSaysWhatFailed()
    {
        Json state = project();
        state["failure"] = {{"class", "code"}, {"tool", "deploy"}, {"reason", "SyntaxError"}};
        state["tests"] = {{"passed", false},
                          {"first_failure", "t.T.test_a: KeyError"},
                          {"summary", "FAILED (errors=1)"}};
        state["probes"] = {{"passed", false},
                           {"failed", {{{"check", "time"}, {"got", {{"status", 500}}}}}}};
        const QString task = codingTask::write(state, QStringLiteral("GET /time gave 500"),
                                               QStringLiteral("1. [run_tests] x\n   Fixed by: y"));
        for (const char* expected :
             {"## What failed (fix this first)", "found by deploy): SyntaxError",
              "The tests failed: t.T.test_a: KeyError", "\"status\": 500",
              "The note it came back with: GET /time gave 500", "## Lessons from earlier runs",
              "Fixed by: y"})
            QVERIFY2(task.contains(QLatin1String(expected)), expected);
    }

    void aChangeAndARepair()
    {
        Json state = project();
        state["change"] = {{"request", "add /weather"}};
        QVERIFY(codingTask::write(state, {}, {}).contains(QLatin1String("add /weather")));
        state["repair"] = {{"log", "Traceback: boom"}};
        const QString repair = codingTask::write(state, {}, {});
        QVERIFY(repair.contains(QLatin1String("## Repair")));
        QVERIFY(repair.contains(QLatin1String("Traceback: boom")));
    }

    void boundedAndWholeWhateverTheState()
    {
        Json state = project();
        state["spec"] = std::string(1'000'000, 's');
        state["plan"] = {{"steps", Json::array()}};
        for (int i = 0; i < 2000; ++i)
            state["plan"]["steps"].push_back(std::string(100, 'p'));
        const QString task = codingTask::write(state, QString(100000, QLatin1Char('n')),
                                               QString(100000, QLatin1Char('l')));
        QVERIFY(task.size() <= codingTask::kLongestTask + 10);
        for (const Json& odd : {Json(42), Json::array({1, 2}), Json("text"),
                                Json{{"project", "a string"},
                                     {"spec", 7},
                                     {"failure", {1}},
                                     {"tests", {{"passed", "no"}}},
                                     {"probes", nullptr}}}) {
            const QString text = codingTask::write(odd, {}, {});
            QVERIFY2(text.contains(QLatin1String("## How your work is checked")),
                     odd.dump().c_str());
        }
        QCOMPARE(codingTask::conventionsFileName("claude"), QStringLiteral("CLAUDE.md"));
        QCOMPARE(codingTask::conventionsFileName("codex"), QStringLiteral("AGENTS.md"));
    }
};

QTEST_GUILESS_MAIN(TestCodingTask)
#include "tst_coding_task.moc"
