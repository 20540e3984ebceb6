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
                const QString& key = QStringLiteral("sk-test-key"))
    {
        QProcess process;
        process.setWorkingDirectory(workspace());
        QProcessEnvironment environment;
        for (const auto& [name, value] : env)
            environment.insert(name, value);
        if (!key.isEmpty())
            environment.insert(QStringLiteral("ANTHROPIC_API_KEY"), key);
        process.setProcessEnvironment(environment);
        Outcome outcome;
        CodingStreamReader reader(CodingStreamReader::Dialect::ClaudeCode);
        // Read as it arrives, as the orchestrator will.
        connect(&process, &QProcess::readyReadStandardOutput, this, [&] {
            for (CodingEvent& e : reader.feed(process.readAllStandardOutput()))
                outcome.events.push_back(std::move(e));
        });
        process.start(QStringLiteral(SOURCE_DIR "/tests/support/standins/claude"), arguments);
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
    CodingLaunch launch(const QString& resume = {})
    {
        CodingAgentSettings settings;
        settings.program = QStringLiteral("claude");
        settings.model = QStringLiteral("claude-sonnet-4-5");
        const CodingPlace place{workspace(),
                                QStringLiteral("TASK.md"),
                                home(),
                                {},
                                QStringLiteral("http://127.0.0.1:%1").arg(m_fake.server.port())};
        return codingLaunch(settings, place, resume).value();
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
        QList<Kind> kinds;
        for (const CodingEvent& e : out.events)
            kinds << e.kind;
        QCOMPARE(kinds, (QList<Kind>{Kind::Session, Kind::Message, Kind::ToolUse, Kind::ToolResult,
                                     Kind::ToolUse, Kind::ToolUse, Kind::ToolResult,
                                     Kind::ToolResult, Kind::Message, Kind::Finished}));
        QVERIFY(QFile::exists(QDir(workspace()).filePath("greet.py")));
        QCOMPARE(out.events[2].path, QStringLiteral("greet.py"));
        QVERIFY(!out.events[6].isError);
        QVERIFY(out.events[7].isError); // outside the working folder
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

        // The model's endpoint refusing is the CLI's failure, with the status.
        m_fake.model.script("claude", {FakeReply::error(529, "overloaded")});
        Outcome refused = run(l.arguments, l.environment);
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(refused.events.back().kind, Kind::Failed);
        QVERIFY2(refused.events.back().text.contains(QLatin1String("529")),
                 qPrintable(refused.events.back().text));
    }
};

QTEST_GUILESS_MAIN(TestCodingStandins)
#include "tst_coding_standins.moc"
