// The run report: facts from the record (spec, code, tests, deployment, probes, steps, cost)
// and the provenance of failures (reason, attempt, rollback).

#include "JsonCompare.h"
#include "report/ReportBuilder.h"

#include <QTest>

using namespace orch;

class TestReport : public QObject
{
    Q_OBJECT

    static ReportInput input()
    {
        ReportInput in;
        in.run = {"run-1", "p1", 1,    RunStatus::Completed, {}, "documentator", 2, 300,
                  40,      1000, 61000};
        in.project = {"p1", "clock", "a service that tells the time", "/ws/p1", 0};
        in.state = {{"spec",
                     {{"title", "City Time"},
                      {"summary", "Tells time"},
                      {"acceptance", {"GET /health is 200"}}}},
                    {"repo",
                     {{"path", "/ws/p1"},
                      {"branch", "main"},
                      {"last_commit", "abc123"},
                      {"pushed", "abc123"}}},
                    {"tests", {{"passed", true}, {"exit_code", 0}, {"summary", "Ran 5 tests\nOK"}}},
                    {"report", {{"markdown", "All done."}}}};
        StepRecord step;
        step.stepNo = 1;
        step.agent = "developer";
        step.outcome = "continue";
        step.detail = {
            {"tools",
             {{{"name", "run_tests"}, {"ok", true}}, {{"name", "git_push"}, {"ok", false}}}}};
        step.usage = {200, 30, 0};
        in.steps = {step};
        in.ledger = {
            {"run-1", "p1", 1, "developer", "openai http://x", "gpt-4o-mini", {200, 30, 0}, 0.0001},
            {"run-1",
             "p1",
             2,
             "tester",
             "openai http://x",
             "mystery-model",
             {100, 10, 0},
             std::nullopt}};
        return in;
    }

private slots:
    void containsTheFacts()
    {
        const QString report = buildReport(input());
        QVERIFY(report.startsWith("# City Time\n"));
        for (const char* expected :
             {"a service that tells the time", "GET /health is 200", "`abc123`",
              "Passed (exit code 0)", "Ran 5 tests", "Nothing was deployed.",
              "| 1 | developer | continue | run_tests, git_push (failed) |", "tool git_push failed",
              "All done.", "60 s"})
            QVERIFY2(report.contains(QLatin1String(expected)), expected);
    }

    void theCheckSheetAndAChangeAreShown()
    {
        ReportInput in = input();
        in.state["probes"] = {{"version", "abc123"},
                              {"checks",
                               {{{"id", "health"},
                                 {"criterion", 1},
                                 {"request", {{"method", "GET"}, {"path", "/health"}}},
                                 {"expected", {{"status", 200}}},
                                 {"got", {{"status", 200}, {"body", "<ok>"}}},
                                 {"passed", true}},
                                {{"id", "greet|x"},
                                 {"request", {{"method", "POST"}, {"path", "/greet"}}},
                                 {"expected", {{"status", 201}}},
                                 {"got", {{"status", 500}}},
                                 {"passed", false}}}},
                              {"uncovered_criteria", {2}}};
        in.state["change"] = {{"request", "greet <by> name"},
                              {"from_run", "run-0"},
                              {"from_commit", "0123456789abcdef"},
                              {"from_version", "0123456"}};
        in.state["deployment"] = {{"version", "abc123"}};
        const QString report = buildReport(in);
        for (const char* expected :
             {"| health | 1 | `{\"method\":\"GET\",\"path\":\"/health\"}` |", "| yes |",
              "| greet\\|x | – |", "| **no** |", "&lt;ok&gt;",
              "Acceptance criteria without a check: [2].", "## What changed",
              "- Asked: greet &lt;by&gt; name", "- Code: `0123456789ab` → `abc123`",
              "- Deployed version: `0123456` → `abc123`", "git diff 0123456789ab abc123"})
            QVERIFY2(report.contains(QString::fromUtf8(expected)), expected);
    }

    void freeTextCannotOpenHtml()
    {
        ReportInput in = input();
        in.state["spec"]["requirements"] = {"GET /time?city=<name> answers", "a & b"};
        in.project.description = "echo <script> back";
        const QString report = buildReport(in);
        QVERIFY(report.contains("- GET /time?city=&lt;name&gt; answers"));
        QVERIFY(report.contains("- a &amp; b"));
        QVERIFY(report.contains("echo &lt;script&gt; back"));
        QVERIFY(!report.contains("<name>"));
    }

    void unknownPricesAreNotZero()
    {
        const QString report = buildReport(input());
        QVERIFY(report.contains("| tester | mystery-model | 1 | 100/10 | unknown |"));
        QVERIFY(report.contains("| **total** | | 2 | 300/40 | **unknown** |"));
        QVERIFY(report.contains("their cost is unknown, not zero"));
    }

    void failedDeployShowsReasonAttemptAndRollback()
    {
        ReportInput in = input();
        in.run.status = RunStatus::Failed;
        in.run.reason = "max_steps (200) reached";
        in.state["deployment"] = {{"url", "https://clock.localhost:8443/"},
                                  {"health", "failed"},
                                  {"healthy", false},
                                  {"version", "bad999"},
                                  {"running", "abc123"},
                                  {"previous", "abc123"},
                                  {"rolled_back", true},
                                  {"health_checks", 12},
                                  {"attempt", 2},
                                  {"reason", "health check failed after 12 attempts: HTTP 502"}};
        in.state["errors"] =
            Json::array({{{"agent", "devops"},
                          {"reason", "health check failed after 12 attempts: HTTP 502"},
                          {"attempt", 2}}});
        const QString report = buildReport(in);
        QVERIFY(report.contains(
            "Rolled back to `abc123`: health check failed after 12 attempts: HTTP 502"));
        QVERIFY(report.contains(
            "- devops (attempt 2): health check failed after 12 attempts: HTTP 502"));
        QVERIFY(report.contains("the run ended failed: max_steps (200) reached"));
        QVERIFY(report.contains("Health: failed after 12 check(s)"));
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
