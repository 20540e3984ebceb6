// The task file a coding agent CLI is given (coding/CodingTask.h): what it says for a new
// project, for work sent back (the failure, the failing tests, the failed checks, the note),
// for a change and for a repair; bounded whatever the state holds, and whole when the state's
// values have the wrong types. And how each CLI is started (coding/CodingCommand.h): its
// documented flags, its own sandbox off, its home and proxy, the key only by name.

#include "coding/CodingCommand.h"
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

    void eachCliStartsAsItsDocumentationSays()
    {
        const CodingPlace place{"/w/p1", "/run/task.md", "/run/home", "http://127.0.0.1:3128",
                                "http://127.0.0.1:9999"};
        auto env = [](const CodingLaunch& l, const char* name) {
            for (const auto& [key, value] : l.environment)
                if (key == QLatin1String(name))
                    return value;
            return QStringLiteral("(unset)");
        };
        CodingAgentSettings claude;
        claude.program = "claude";
        claude.model = "claude-sonnet-4-5";
        claude.settings = {{"max-turns", 30},
                           {"append-system-prompt", "be brief"},
                           {"debug", false},
                           {"no-color", true}};
        auto c = codingLaunch(claude, place);
        QVERIFY(c);
        QCOMPARE(c->program, QStringLiteral("claude"));
        QCOMPARE(c->arguments.mid(0, 1), QStringList{"-p"});
        QVERIFY(c->arguments[1].contains("/run/task.md"));
        for (const QStringList& pair :
             {QStringList{"--output-format", "stream-json"},
              QStringList{"--permission-mode", "bypassPermissions"},
              QStringList{"--model", "claude-sonnet-4-5"}, QStringList{"--max-turns", "30"},
              QStringList{"--append-system-prompt", "be brief"}})
            QVERIFY2(c->arguments.join('\n').contains(pair.join('\n')), qPrintable(pair.join(' ')));
        QVERIFY(c->arguments.contains("--verbose") && c->arguments.contains("--no-color"));
        QVERIFY(!c->arguments.contains("--debug") && !c->arguments.contains("--resume"));
        QCOMPARE(env(*c, "HOME"), QStringLiteral("/run/home"));
        QCOMPARE(env(*c, "CLAUDE_CONFIG_DIR"), QStringLiteral("/run/home/.claude"));
        QCOMPARE(env(*c, "HTTPS_PROXY"), QStringLiteral("http://127.0.0.1:3128"));
        QCOMPARE(env(*c, "ANTHROPIC_BASE_URL"), QStringLiteral("http://127.0.0.1:9999"));
        QCOMPARE(env(*c, "ANTHROPIC_API_KEY"), QStringLiteral("(unset)")); // by name only
        QCOMPARE(c->keyVariables, QStringList{"ANTHROPIC_API_KEY"});
        auto resumed = codingLaunch(claude, place, "5f1c-aa");
        QVERIFY(resumed->arguments.join(' ').contains("--resume 5f1c-aa"));

        CodingAgentSettings codex;
        codex.program = "codex";
        auto x = codingLaunch(codex, place, "0199a213");
        QVERIFY(x);
        QCOMPARE(x->dialect, CodingStreamReader::Dialect::Codex);
        QCOMPARE(x->arguments.mid(0, 7),
                 (QStringList{"exec", "--json", "--sandbox", "danger-full-access",
                              "--skip-git-repo-check", "-C", "/w/p1"}));
        QCOMPARE(x->arguments.mid(x->arguments.size() - 3, 2), (QStringList{"resume", "0199a213"}));
        QVERIFY(x->arguments.last().contains("/run/task.md"));
        QCOMPARE(env(*x, "CODEX_HOME"), QStringLiteral("/run/home/.codex"));
        QCOMPARE(env(*x, "OPENAI_BASE_URL"), QStringLiteral("http://127.0.0.1:9999"));

        // A flag the orchestrator sets is refused even if a document slipped it past the
        // validator; another CLI gets its placeholders filled.
        codex.settings = {{"sandbox", "read-only"}};
        QVERIFY(!codingLaunch(codex, place));
        CodingAgentSettings other;
        other.program = "command";
        other.model = "m1";
        other.command = {"aider",          "--model",     "{model}",
                         "--message-file", "{task_file}", "{workspace}"};
        auto o = codingLaunch(other, place);
        QVERIFY(o);
        QCOMPARE(o->program, QStringLiteral("aider"));
        QCOMPARE(o->arguments,
                 (QStringList{"--model", "m1", "--message-file", "/run/task.md", "/w/p1"}));
        QVERIFY(!o->jsonStream);
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
