// The Claude Code stand-in (tests/support/standins/claude) against the orchestrator's reading
// of the real CLI: run as the orchestrator starts it (coding/CodingCommand.h) on a workspace,
// its work is the scripted model's (the fake Anthropic Messages API), and its stream reads
// (coding/CodingStream.h) into the session, the tool uses and their results, the message and
// the end with usage and cost. It is as strict as the CLI: no key, stream-json without
// --verbose, an unknown flag or a session it does not have each end with the CLI's error;
// --resume continues the conversation it kept.

#include "ScriptedModel.h"
#include "coding/CodingCommand.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;
using Kind = CodingEvent::Kind;

namespace {

struct Outcome
{
    int exitCode = -1;
    std::vector<CodingEvent> events;
    QString err;
};

} // namespace

class TestCodingStandins : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;
    QTemporaryDir m_dir;

    QString workspace() const { return m_dir.filePath(QStringLiteral("w")); }
    QString home() const { return m_dir.filePath(QStringLiteral("home")); }

    Outcome run(const QStringList& arguments, const std::vector<std::pair<QString, QString>>& env,
                const QString& key = QStringLiteral("sk-test-key"),
                const QString& program = QStringLiteral("claude"))
    {
        const bool codex = program == QLatin1String("codex");
        QProcess process;
        process.setWorkingDirectory(workspace());
        QProcessEnvironment environment;
        for (const auto& [name, value] : env)
            environment.insert(name, value);
        if (!key.isEmpty())
            environment.insert(
                codex ? QStringLiteral("CODEX_API_KEY") : QStringLiteral("ANTHROPIC_API_KEY"), key);
        process.setProcessEnvironment(environment);
        Outcome outcome;
        CodingStreamReader reader(codex ? CodingStreamReader::Dialect::Codex
                                        : CodingStreamReader::Dialect::ClaudeCode);
        // Read as it arrives, as the orchestrator will.
        connect(&process, &QProcess::readyReadStandardOutput, this, [&] {
            for (CodingEvent& e : reader.feed(process.readAllStandardOutput()))
                outcome.events.push_back(std::move(e));
        });
        process.start(QStringLiteral(SOURCE_DIR "/tests/support/standins/") + program, arguments);
        if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30000))
            process.kill();
        process.waitForFinished(1000);
        for (CodingEvent& e : reader.feed(process.readAllStandardOutput()))
            outcome.events.push_back(std::move(e));
        for (CodingEvent& e : reader.finish())
            outcome.events.push_back(std::move(e));
        outcome.exitCode = process.exitCode();
        outcome.err = QString::fromUtf8(process.readAllStandardError());
        return outcome;
    }
    CodingLaunch launch(const QString& resume = {},
                        const QString& program = QStringLiteral("claude"))
    {
        CodingAgentSettings settings;
        settings.program = program;
        const bool codex = program == QLatin1String("codex");
        settings.model =
            codex ? QStringLiteral("gpt-5-codex") : QStringLiteral("claude-sonnet-4-5");
        const CodingPlace place{workspace(),
                                QStringLiteral("TASK.md"),
                                home(),
                                {},
                                QStringLiteral("http://127.0.0.1:%1%2")
                                    .arg(m_fake.server.port())
                                    .arg(codex ? "/v1" : "")};
        return codingLaunch(settings, place, resume).value();
    }
    static QList<Kind> kindsOf(const Outcome& out)
    {
        QList<Kind> kinds;
        for (const CodingEvent& e : out.events)
            kinds << e.kind;
        return kinds;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_fake.listen());
        QVERIFY(QDir().mkpath(workspace()) && QDir().mkpath(home()));
    }
    void init() { m_fake.reset(); }

    void aTaskDoneAsTheModelSays()
    {
        m_fake.model.script(
            "claude",
            {FakeReply::anthropicToolUse(
                 {toolCall("Write", {{"file_path", "greet.py"}, {"content", "def greet(): pass\n"}},
                           "w1")},
                 "I will write it."),
             FakeReply::anthropicToolUse({toolCall("Bash", {{"command", "ls greet.py"}}, "b1"),
                                          toolCall("Read", {{"file_path", "/etc/passwd"}}, "r1")}),
             FakeReply::anthropicText("Added greet.py")});
        const CodingLaunch l = launch();
        Outcome out = run(l.arguments, l.environment);
        QVERIFY2(out.exitCode == 0, qPrintable(out.err));
        QCOMPARE(
            kindsOf(out),
            (QList<Kind>{Kind::Session, Kind::Message, Kind::ToolUse, Kind::Usage, Kind::ToolResult,
                         Kind::ToolUse, Kind::ToolUse, Kind::Usage, Kind::ToolResult,
                         Kind::ToolResult, Kind::Message, Kind::Usage, Kind::Finished}));
        QVERIFY(QFile::exists(QDir(workspace()).filePath("greet.py")));
        QCOMPARE(out.events[2].path, QStringLiteral("greet.py"));
        QCOMPARE(out.events[3].usage.prompt, 25LL); // each call's usage as it happens
        QVERIFY(!out.events[8].isError);
        QVERIFY(out.events[9].isError); // outside the working folder
        const CodingEvent& last = out.events.back();
        QCOMPARE(last.text, QStringLiteral("Added greet.py"));
        QCOMPARE(last.usage.prompt, 75LL); // three calls of 25 input tokens
        QCOMPARE(last.usage.completion, 27LL);
        QVERIFY(last.cost.value_or(0) > 0);
        QCOMPARE(last.sessionId, out.events[0].sessionId);
        // Its requests were the Messages API's, with the key as x-api-key.
        const RecordedRequest first = m_fake.server.requests().first();
        QVERIFY(first.path.endsWith("/v1/messages"));
        QCOMPARE(first.header("x-api-key"), QByteArray("sk-test-key"));

        // --resume continues what it kept: the next request carries the earlier conversation.
        m_fake.reset();
        m_fake.model.script("claude", {FakeReply::anthropicText("Still fine")});
        const CodingLaunch again = launch(out.events[0].sessionId);
        Outcome resumed = run(again.arguments, again.environment);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY(m_fake.lastRequest()["messages"].size() > 5);
        QCOMPARE(resumed.events.back().sessionId, out.events[0].sessionId);
    }

    void strictAsTheRealCli()
    {
        const CodingLaunch l = launch();
        Outcome noKey = run(l.arguments, l.environment, {});
        QCOMPARE(noKey.exitCode, 1);
        QCOMPARE(noKey.events.back().kind, Kind::Failed);
        QVERIFY(noKey.events.back().text.contains(QLatin1String("Invalid API key")));
        QCOMPARE(m_fake.server.requestCount(), 0);

        QStringList quiet = l.arguments;
        quiet.removeAll(QStringLiteral("--verbose"));
        Outcome noVerbose = run(quiet, l.environment);
        QCOMPARE(noVerbose.exitCode, 1);
        QVERIFY(noVerbose.err.contains(QLatin1String("requires --verbose")));

        Outcome unknown = run(l.arguments + QStringList{"--no-such-flag"}, l.environment);
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains(QLatin1String("unknown option '--no-such-flag'")));

        const CodingLaunch gone = launch(QStringLiteral("no-such-session"));
        Outcome missing = run(gone.arguments, gone.environment);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QLatin1String("No conversation found with session ID")));

        // Like the CLI it waits out a 429 or a 529 (Retry-After) and goes on; when the endpoint
        // keeps refusing past its retries, that is its failure, with the status.
        m_fake.model.script("claude", {FakeReply::error(429, "slow down", 0),
                                       FakeReply::error(529, "overloaded", 0),
                                       FakeReply::anthropicText("Done after waiting")});
        Outcome waited = run(l.arguments, l.environment);
        QVERIFY2(waited.exitCode == 0, qPrintable(waited.err));
        QCOMPARE(waited.events.back().text, QStringLiteral("Done after waiting"));
        QCOMPARE(m_fake.model.callsFor("claude"), 3);
        auto environment = l.environment;
        environment.push_back({QStringLiteral("CLAUDE_CODE_MAX_RETRIES"), QStringLiteral("1")});
        m_fake.model.script("claude", {FakeReply::error(529, "overloaded", 0),
                                       FakeReply::error(529, "overloaded", 0)});
        Outcome refused = run(l.arguments, environment);
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(refused.events.back().kind, Kind::Failed);
        QVERIFY2(refused.events.back().text.contains(QLatin1String("529")),
                 qPrintable(refused.events.back().text));
        // A 400 is not retried.
        m_fake.reset();
        m_fake.model.script("claude", {FakeReply::error(400, "bad request")});
        QCOMPARE(run(l.arguments, l.environment).exitCode, 1);
        QCOMPARE(m_fake.server.requestCount(), 1);
    }

    // Codex: its patches and commands become file changes and commands, its turns' usage the
    // usage; it streams the Responses API with the key as a bearer token; `exec resume`
    // continues the thread it kept.
    void codexDoesTheTaskAndResumes()
    {
        m_fake.model.script(
            "codex",
            {FakeReply::responses(
                 "I will add it.",
                 {toolCall("apply_patch",
                           {{"input", "*** Begin Patch\n*** Add File: hello.py\n+print('hi')\n"
                                      "*** End Patch"}},
                           "p1")}),
             FakeReply::responses({},
                                  {toolCall("shell", {{"command", {"python3", "hello.py"}}}, "s1"),
                                   toolCall("shell", {{"command", Json::array({"false"})}}, "s2")}),
             FakeReply::error(429, "slow down", 0), FakeReply::responses("Added hello.py")});
        const CodingLaunch l = launch({}, QStringLiteral("codex"));
        Outcome out = run(l.arguments, l.environment, QStringLiteral("sk-codex"), "codex");
        QVERIFY2(out.exitCode == 0, qPrintable(out.err));
        QCOMPARE(kindsOf(out),
                 (QList<Kind>{Kind::Session, Kind::Message, Kind::FileChange, Kind::Command,
                              Kind::Command, Kind::Message, Kind::Usage, Kind::Finished}));
        QCOMPARE(out.events[2].path, QStringLiteral("hello.py"));
        QCOMPARE(out.events[3].text.trimmed(), QStringLiteral("hi"));
        QCOMPARE(out.events[3].exitCode, 0);
        QVERIFY(out.events[4].isError);
        QCOMPARE(out.events[6].usage.prompt, 90LL); // three answered calls of 30
        QVERIFY(QFile::exists(QDir(workspace()).filePath("hello.py")));
        const RecordedRequest first = m_fake.server.requests().first();
        QVERIFY(first.path.endsWith("/v1/responses"));
        QCOMPARE(first.header("authorization"), QByteArray("Bearer sk-codex"));
        QCOMPARE(first.json()["stream"], true);

        m_fake.reset();
        m_fake.model.script("codex", {FakeReply::responses("Still there")});
        const CodingLaunch again = launch(out.events[0].sessionId, QStringLiteral("codex"));
        Outcome resumed =
            run(again.arguments, again.environment, QStringLiteral("sk-codex"), "codex");
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QCOMPARE(resumed.events[0].sessionId, out.events[0].sessionId);
        QVERIFY(m_fake.lastRequest()["input"].size() > 6);

        // A thread it never had, a missing key, a refusing endpoint: each its failure.
        const CodingLaunch gone = launch(QStringLiteral("no-such-thread"), QStringLiteral("codex"));
        QCOMPARE(run(gone.arguments, gone.environment, QStringLiteral("k"), "codex").exitCode, 1);
        Outcome noKey = run(l.arguments, l.environment, {}, "codex");
        QCOMPARE(noKey.exitCode, 1);
        QCOMPARE(noKey.events.back().kind, Kind::Failed);
        m_fake.reset();
        m_fake.model.script("codex", {FakeReply::error(401, "invalid key")});
        Outcome refused = run(l.arguments, l.environment, QStringLiteral("bad"), "codex");
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.events.back().text.contains(QLatin1String("401")),
                 qPrintable(refused.events.back().text));
    }
};

QTEST_GUILESS_MAIN(TestCodingStandins)
#include "tst_coding_standins.moc"
