// Failure memory on a real engine and store, with real `make test` runs: a run whose tests
// fail (a module the test needs is missing) and pass once the Developer wrote it keeps a
// lesson; the next run on the same template gives it to the Developer at the start of its
// work (and not to an agent it does not concern); a run in which the same failure comes back
// anyway counts a miss, and after the second the lesson is dropped and no longer given. A
// secret of the vault in what a lesson would keep is kept as its handle.

#include "CliProcess.h"
#include "EngineInternals.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/Database.h"
#include "store/Lessons.h"
#include "store/RunStore.h"
#include "vault/Vault.h"

#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

const char* kZoneTest = "import unittest\n"
                        "import zones\n\n\n"
                        "class ZoneTest(unittest.TestCase):\n"
                        "    def test_utc_has_no_offset(self):\n"
                        "        self.assertEqual(zones.offset('UTC'), 0)\n";
const char* kZones = "def offset(name):\n"
                     "    return 0 if name == 'UTC' else None\n";
const char* kLessonMark = "No module named 'zones'";

FakeReply tools(std::vector<ToolCall> calls)
{
    return FakeReply::openAiToolCalls(calls);
}

// The architect scaffolds the template; the Developer writes the test, and either the module
// too (it learned) or the module only after the tests failed without it.
Json graph()
{
    return testGraph(
        "architect",
        {testAgent("architect", {{"tools", {"scaffold", "handoff"}}, {"handoffs", {"dev"}}}),
         testAgent("dev", {{"tools", {"create_file", "run_tests", "git_commit", "handoff"}},
                           {"handoffs", {"done"}},
                           {"max_turns", 10}}),
         testAgent("done", {{"terminal", true}})},
        Json::array());
}

// The first message of each request `agent` made in this run, joined.
QString startsOf(const FakeLlmServer& server, const QString& agent)
{
    QString all;
    for (const RecordedRequest& request : server.requests()) {
        const Json body = request.json();
        if (ScriptedModel::agentOf(body) != agent)
            continue;
        for (const Json& message : body["messages"])
            if (stringOr(message, "role") == "user") {
                all += toQ(stringOr(message, "content"));
                break;
            }
    }
    return all;
}

} // namespace

class TestFailureMemory : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;

    void scriptArchitect()
    {
        m_fake.model.script(
            "architect", {tools({toolCall("scaffold", {{"template", "python-http-service"}}, "s"),
                                 handoffCall("dev")})});
        m_fake.model.script("done", {FakeReply::openAiText("done")});
    }
    // Tests fail without the module, then the module is written and they pass.
    void scriptStumblingDeveloper(const std::string& commitMessage)
    {
        m_fake.model.script(
            "dev",
            {tools(
                 {toolCall("create_file", {{"path", "test_zone.py"}, {"content", kZoneTest}}, "f1"),
                  toolCall("run_tests", Json::object(), "t1")}),
             tools({toolCall("create_file", {{"path", "zones.py"}, {"content", kZones}}, "f2"),
                    toolCall("run_tests", Json::object(), "t2"),
                    toolCall("git_commit", {{"message", commitMessage}}, "c1")}),
             tools({handoffCall("done")})});
    }
    RunRecord runOnce(TestEngine& t)
    {
        m_fake.reset();
        scriptArchitect();
        return t.runToEnd(graph(), "a clock with time zones", 60000);
    }
    static std::vector<Lesson> lessons(TestEngine& t, bool withDropped = true)
    {
        return Lessons(inside(*t.engine).store().database()).list(withDropped).value();
    }

private slots:
    void initTestCase() { QVERIFY(m_fake.listen()); }

    void aLessonReachesTheNextRunAndIsDroppedAfterTwoMisses()
    {
        TestEngine t(m_fake.server, false, 2, 20000);

        // 1: the run stumbles and recovers: a lesson.
        m_fake.reset();
        scriptArchitect();
        scriptStumblingDeveloper("Add the zones module the test imports");
        RunRecord run = t.runToEnd(graph(), "a clock with time zones", 60000);
        QCOMPARE(run.status, RunStatus::Completed);
        QVERIFY(!startsOf(m_fake.server, "dev").contains(QLatin1String(kLessonMark)));
        auto kept = lessons(t);
        QCOMPARE(kept.size(), size_t(1));
        const Lesson lesson = kept.front();
        QCOMPARE(lesson.templateName, QStringLiteral("python-http-service"));
        QCOMPARE(lesson.tool, QStringLiteral("run_tests"));
        QCOMPARE(lesson.failureClass, QStringLiteral("code"));
        QVERIFY2(lesson.failure.contains(QLatin1String(kLessonMark)), qPrintable(lesson.failure));
        QVERIFY2(lesson.signature.contains(QLatin1String("no module named 'zones'")),
                 qPrintable(lesson.signature));
        QVERIFY2(lesson.fix.contains(QLatin1String("changed zones.py")), qPrintable(lesson.fix));
        QVERIFY2(lesson.fix.contains(QLatin1String("Add the zones module")),
                 qPrintable(lesson.fix));
        QVERIFY(!lesson.fix.contains(QLatin1String("test_zone.py"))); // written before it failed
        QCOMPARE(lesson.runId, run.id);
        QCOMPARE(lesson.uses, 0);

        // 2: the Developer of the next run on the template starts with it, and does not stumble;
        // the architect (scaffold and handoff only) is not given it.
        m_fake.reset();
        scriptArchitect();
        m_fake.model.script(
            "dev",
            {tools(
                 {toolCall("create_file", {{"path", "test_zone.py"}, {"content", kZoneTest}}, "f1"),
                  toolCall("create_file", {{"path", "zones.py"}, {"content", kZones}}, "f2"),
                  toolCall("run_tests", Json::object(), "t1"),
                  toolCall("git_commit", {{"message", "zones"}}, "c1")}),
             tools({handoffCall("done")})});
        run = t.runToEnd(graph(), "a clock with time zones", 60000);
        QCOMPARE(run.status, RunStatus::Completed);
        const QString start = startsOf(m_fake.server, "dev");
        QVERIFY2(start.contains(QLatin1String("Lessons from earlier runs on the template "
                                              "python-http-service")),
                 qPrintable(start));
        QVERIFY(start.contains(QLatin1String(kLessonMark)));
        QVERIFY(start.contains(QLatin1String("Fixed by: changed zones.py")));
        QVERIFY(!startsOf(m_fake.server, "architect").contains(QLatin1String(kLessonMark)));
        kept = lessons(t);
        QCOMPARE(kept.size(), size_t(1));
        QCOMPARE(kept.front().uses, 1);
        QCOMPARE(kept.front().misses, 0);

        // 3 and 4: given, and the same failure comes back anyway: a miss each; the second
        // drops it.
        for (int miss = 1; miss <= 2; ++miss) {
            m_fake.reset();
            scriptArchitect();
            scriptStumblingDeveloper("Add the zones module the test imports");
            run = t.runToEnd(graph(), "a clock with time zones", 60000);
            QCOMPARE(run.status, RunStatus::Completed);
            QVERIFY(startsOf(m_fake.server, "dev").contains(QLatin1String(kLessonMark)));
            kept = lessons(t);
            QCOMPARE(kept.size(), size_t(1)); // the same fix is not learned again
            QCOMPARE(kept.front().misses, miss);
            QCOMPARE(kept.front().uses, 1 + miss);
            QCOMPARE(kept.front().dropped(), miss == 2);
        }
        QVERIFY(lessons(t, false).empty());

        // 5: dropped lessons are not given.
        m_fake.reset();
        scriptArchitect();
        scriptStumblingDeveloper("Write zones.py after all");
        run = t.runToEnd(graph(), "a clock with time zones", 60000);
        QCOMPARE(run.status, RunStatus::Completed);
        QVERIFY(!startsOf(m_fake.server, "dev").contains(QLatin1String("Lessons from earlier")));
        // Its recovery, with another fix, is a lesson of its own.
        kept = lessons(t);
        QCOMPARE(kept.size(), size_t(2));
        QCOMPARE(lessons(t, false).size(), size_t(1));
        QVERIFY(lessons(t, false).front().fix.contains(QLatin1String("Write zones.py after all")));
    }

    void thePersonListsEditsAndDeletesLessons()
    {
        TestEngine t(m_fake.server, false, 2, 20000);
        m_fake.reset();
        scriptArchitect();
        scriptStumblingDeveloper("Add the zones module");
        QCOMPARE(t.runToEnd(graph(), "a clock with time zones", 60000).status,
                 RunStatus::Completed);
        const QStringList db = {QStringLiteral("--db"), t.engine->databasePath()};

        CliResult listed = runCli(QStringList{"lessons"} + db);
        QCOMPARE(listed.exitCode, 0);
        qInfo().noquote() << "orchestratord lessons:\n" + listed.out;
        QVERIFY2(listed.out.contains(QLatin1String("python-http-service  run_tests  (given 0, "
                                                   "missed 0)")),
                 qPrintable(listed.out));
        QVERIFY(listed.out.contains(QLatin1String(kLessonMark)));
        CliResult json = runCli(QStringList{"lessons", "--json"} + db);
        QCOMPARE(json.exitCode, 0);
        const Json row = parseJson(json.out.trimmed().toUtf8());
        const qint64 id = intOr(row, "id", 0);
        QVERIFY(id > 0);
        const QString number = QString::number(id);

        // Hostile and mistaken edits are refused with the reason, and change nothing.
        const QString tooLong(Lessons::kLongestText + 1, QLatin1Char('x'));
        for (const QStringList& wrong :
             {QStringList{"lessons", "edit", "abc", "--fix", "x"},
              QStringList{"lessons", "edit", "999999", "--fix", "x"},
              QStringList{"lessons", "edit", number, "--fix", "   "},
              QStringList{"lessons", "edit", number, "--fix", tooLong},
              QStringList{"lessons", "edit", number}, QStringList{"lessons", "delete"},
              QStringList{"lessons", "forget", number}}) {
            CliResult refused = runCli(wrong + db);
            QVERIFY2(refused.exitCode == 2, qPrintable(wrong.join(' ') + ": " + refused.err));
            QVERIFY(!refused.err.isEmpty());
        }
        QVERIFY(runCli(QStringList{"lessons", "edit", "999999", "--fix", "x"} + db)
                    .err.contains(QLatin1String("no lesson 999999")));

        // The person's wording is what the next run is given.
        const QString wording = QStringLiteral("Write zones.py (offset() by name) before a test "
                                               "imports it");
        CliResult edited = runCli(QStringList{"lessons", "edit", number, "--fix", wording} + db);
        QCOMPARE(edited.exitCode, 0);
        QVERIFY2(edited.out.contains(QLatin1String("edited")), qPrintable(edited.out));
        m_fake.reset();
        scriptArchitect();
        scriptStumblingDeveloper("Add the zones module");
        QCOMPARE(t.runToEnd(graph(), "a clock with time zones", 60000).status,
                 RunStatus::Completed);
        QVERIFY(startsOf(m_fake.server, "dev").contains(wording));
        QCOMPARE(lessons(t).front().fix, wording); // a run's fix does not replace a person's

        CliResult deleted = runCli(QStringList{"lessons", "delete", number} + db);
        QCOMPARE(deleted.exitCode, 0);
        QVERIFY(lessons(t).empty());
        QVERIFY(runCli(QStringList{"lessons"} + db).out.contains(QLatin1String("no lessons yet")));
        QCOMPARE(runCli(QStringList{"lessons", "delete", number} + db).exitCode, 2);
    }

    void aSecretInALessonIsKeptAsItsHandle()
    {
        TestEngine t(m_fake.server, false, 2, 20000);
        auto vault = inside(*t.engine).vault();
        QVERIFY(vault);
        const QByteArray secret = "zz-very-secret-token-0042";
        QVERIFY(vault.value()->put(QStringLiteral("zone_api_key"), secret));
        m_fake.reset();
        scriptArchitect();
        scriptStumblingDeveloper("Add zones; the key is " + secret.toStdString());
        QCOMPARE(t.runToEnd(graph(), "a clock with time zones", 60000).status,
                 RunStatus::Completed);
        const auto kept = lessons(t);
        QCOMPARE(kept.size(), size_t(1));
        QVERIFY2(!kept.front().fix.contains(QString::fromLatin1(secret)),
                 qPrintable(kept.front().fix));
        QVERIFY(kept.front().fix.contains(QLatin1String("zone_api_key")));
    }
};

QTEST_GUILESS_MAIN(TestFailureMemory)
#include "tst_failure_memory.moc"
