// The streams of coding agent CLIs (coding/CodingStream.h), as each documents them and as a
// broken or hostile one might send them: Claude Code's stream-json and Codex's exec --json
// read into events (session, messages, tool uses, commands, file changes, usage and cost, the
// end), lines split across chunks, and everything else (not JSON, unknown types, wrong
// field types, absurd counts, a line of many megabytes) an event of its own, bounded.

#include "api/RunEvents.h"
#include "coding/CodingStream.h"

#include <QTest>

using namespace orch;
using Kind = CodingEvent::Kind;

namespace {

std::vector<CodingEvent> readAll(CodingStreamReader::Dialect dialect, const QByteArray& stream,
                                 int chunk = 0)
{
    CodingStreamReader reader(dialect);
    std::vector<CodingEvent> events;
    auto take = [&events](std::vector<CodingEvent> more) {
        for (CodingEvent& e : more)
            events.push_back(std::move(e));
    };
    if (chunk <= 0)
        take(reader.feed(stream));
    else
        for (qsizetype at = 0; at < stream.size(); at += chunk)
            take(reader.feed(stream.mid(at, chunk)));
    take(reader.finish());
    return events;
}

QList<Kind> kinds(const std::vector<CodingEvent>& events)
{
    QList<Kind> list;
    for (const CodingEvent& e : events)
        list << e.kind;
    return list;
}

const QByteArray kClaude =
    R"({"type":"system","subtype":"init","session_id":"5f1c-aa","model":"claude-sonnet-4","tools":["Bash","Edit"]}
{"type":"assistant","message":{"id":"msg_1","content":[{"type":"text","text":"I will add the route."}],"usage":{"input_tokens":900,"cache_read_input_tokens":100,"output_tokens":50}},"session_id":"5f1c-aa"}
{"type":"assistant","message":{"id":"msg_1","content":[{"type":"tool_use","id":"t1","name":"Edit","input":{"file_path":"/w/app.py","old_string":"a","new_string":"b"}}],"usage":{"input_tokens":900,"cache_read_input_tokens":100,"output_tokens":50}},"session_id":"5f1c-aa"}
{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t1","content":"ok","is_error":false}]}}
{"type":"assistant","message":{"id":"msg_2","content":[{"type":"tool_use","id":"t2","name":"Bash","input":{"command":"make test"}}],"usage":{"input_tokens":300,"output_tokens":20}}}
{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t2","content":[{"type":"text","text":"FAILED"}],"is_error":true}]}}
{"type":"result","subtype":"success","is_error":false,"duration_ms":5120,"num_turns":4,"result":"Done: /time added.","session_id":"5f1c-aa","total_cost_usd":0.0421,"usage":{"input_tokens":1200,"cache_creation_input_tokens":300,"cache_read_input_tokens":5000,"output_tokens":800}}
)";

const QByteArray kCodex =
    R"({"type":"thread.started","thread_id":"0199a213-81c0"}
{"type":"turn.started"}
{"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"bash -lc 'make test'","aggregated_output":"","exit_code":null,"status":"in_progress"}}
{"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"bash -lc 'make test'","aggregated_output":"Ran 2 tests\nOK\n","exit_code":0,"status":"completed"}}
{"type":"item.completed","item":{"id":"item_2","type":"reasoning","text":"thinking"}}
{"type":"item.completed","item":{"id":"item_3","type":"file_change","changes":[{"path":"app.py","kind":"update"},{"path":"test_app.py","kind":"add"}],"status":"completed"}}
{"type":"item.completed","item":{"id":"item_4","type":"agent_message","text":"Added /time."}}
{"type":"turn.completed","usage":{"input_tokens":24763,"cached_input_tokens":24448,"output_tokens":122}}
)";

} // namespace

class TestCodingStream : public QObject
{
    Q_OBJECT

private slots:
    void claudeCodeAsDocumented()
    {
        for (int chunk : {0, 1, 7, 64}) {
            const auto events = readAll(CodingStreamReader::Dialect::ClaudeCode, kClaude, chunk);
            // Each model call's usage as it happens, once per message however many events
            // repeat it.
            QCOMPARE(kinds(events), (QList<Kind>{Kind::Session, Kind::Message, Kind::Usage,
                                                 Kind::ToolUse, Kind::ToolResult, Kind::ToolUse,
                                                 Kind::Usage, Kind::ToolResult, Kind::Finished}));
            QCOMPARE(events[0].sessionId, QStringLiteral("5f1c-aa"));
            QCOMPARE(events[2].usage.prompt, 1000LL);
            QCOMPARE(events[2].usage.cached, 100LL);
            QCOMPARE(events[2].usage.completion, 50LL);
            QVERIFY(!events[2].usageIsTotal);
            QCOMPARE(events[6].usage.prompt, 300LL);
            QCOMPARE(events[3].name, QStringLiteral("Edit"));
            QCOMPARE(events[3].path, QStringLiteral("/w/app.py"));
            QVERIFY(!events[4].isError);
            QVERIFY(events[7].isError);
            QCOMPARE(events[7].text, QStringLiteral("FAILED"));
            const CodingEvent& last = events.back();
            QCOMPARE(last.text, QStringLiteral("Done: /time added."));
            QCOMPARE(last.cost.value_or(-1), 0.0421);
            QCOMPARE(last.usage.prompt, 6500LL);
            QCOMPARE(last.usage.cached, 5000LL);
            QCOMPARE(last.usage.completion, 800LL);
            QVERIFY(last.usage.reported && last.usageIsTotal);
        }
        // A run that hit its turn limit ended, but failed.
        const auto limited = readAll(
            CodingStreamReader::Dialect::ClaudeCode,
            R"({"type":"result","subtype":"error_max_turns","is_error":false,"session_id":"s"})");
        QCOMPARE(kinds(limited), QList<Kind>{Kind::Failed});
        QCOMPARE(limited[0].name, QStringLiteral("error_max_turns"));
    }

    void codexAsDocumented()
    {
        for (int chunk : {0, 3, 50}) {
            const auto events = readAll(CodingStreamReader::Dialect::Codex, kCodex, chunk);
            QCOMPARE(kinds(events),
                     (QList<Kind>{Kind::Session, Kind::Command, Kind::FileChange, Kind::FileChange,
                                  Kind::Message, Kind::Usage, Kind::Finished}));
            QCOMPARE(events[0].sessionId, QStringLiteral("0199a213-81c0"));
            QCOMPARE(events[1].name, QStringLiteral("bash -lc 'make test'"));
            QCOMPARE(events[1].exitCode, 0);
            QVERIFY(!events[1].isError);
            QCOMPARE(events[2].path, QStringLiteral("app.py"));
            QCOMPARE(events[3].text, QStringLiteral("add"));
            QCOMPARE(events[4].text, QStringLiteral("Added /time."));
            QCOMPARE(events[5].usage.prompt, 24763LL);
            QCOMPARE(events[5].usage.cached, 24448LL);
            QVERIFY(!events[5].cost);
        }
        const auto failed = readAll(CodingStreamReader::Dialect::Codex,
                                    R"({"type":"turn.failed","error":{"message":"quota"}})"
                                    "\n"
                                    R"({"type":"error","message":"stream disconnected"})");
        QCOMPARE(kinds(failed), (QList<Kind>{Kind::Failed, Kind::Failed}));
        QCOMPARE(failed[0].text, QStringLiteral("quota"));
        QCOMPARE(failed[1].text, QStringLiteral("stream disconnected"));
    }

    void hostileStreamsAreEventsNotCrashes()
    {
        const QByteArray hostile =
            "not json at all\n"
            "[1,2,3]\n"
            "{\"type\": 42}\n"
            "{\"no_type\": true}\n"
            "{\"type\":\"telemetry.v9\",\"x\":1}\n"
            "{\"type\":\"assistant\",\"message\":\"a string\"}\n"
            "{\"type\":\"assistant\",\"message\":{\"content\":{\"type\":\"text\"}}}\n"
            "{\"type\":\"result\",\"subtype\":\"success\",\"usage\":{\"input_tokens\":-5,"
            "\"output_tokens\":\"many\"},\"total_cost_usd\":\"free\"}\n"
            "\n\n"
            "{\"type\":\"system\",\"session_id\":12}\n"
            "{\"type\":\"assist";
        const auto events = readAll(CodingStreamReader::Dialect::ClaudeCode, hostile);
        QCOMPARE(kinds(events),
                 (QList<Kind>{Kind::Garbled, Kind::Garbled, Kind::Garbled, Kind::Garbled,
                              Kind::Unknown, Kind::Finished, Kind::Garbled}));
        QCOMPARE(events[4].name, QStringLiteral("telemetry.v9"));
        QVERIFY(!events[5].usage.reported); // the counts are not believed
        QCOMPARE(events[5].usage.prompt, 0LL);
        QVERIFY(!events[5].cost);

        const auto codex = readAll(
            CodingStreamReader::Dialect::Codex,
            "{\"type\":\"item.completed\",\"item\":{\"type\":\"command_execution\",\"exit_code\":"
            "1e300}}\n{\"type\":\"item.completed\",\"item\":{\"type\":\"file_change\",\"changes\":"
            "[{\"path\":7},{\"kind\":\"add\"}]}}\n{\"type\":\"item.completed\",\"item\":{\"type\":"
            "\"hologram\"}}\n{\"type\":\"item.completed\",\"item\":[]}\n");
        QCOMPARE(kinds(codex), (QList<Kind>{Kind::Command, Kind::Unknown, Kind::Unknown}));
        QCOMPARE(codex[0].exitCode, -1);
        QVERIFY(codex[0].isError);
    }

    void hugeLinesAndTextsStayBounded()
    {
        CodingStreamReader reader(CodingStreamReader::Dialect::ClaudeCode);
        // Five megabytes of one line, in chunks: reported once, nothing of it kept.
        const QByteArray piece(256 * 1024, 'x');
        int garbled = 0;
        for (int i = 0; i < 20; ++i)
            for (const CodingEvent& e : reader.feed(piece))
                garbled += e.kind == Kind::Garbled;
        QCOMPARE(garbled, 1);
        auto after = reader.feed("\n{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":"
                                 "\"text\",\"text\":\"" +
                                 QByteArray(100000, 'y') + "\"}]}}\n");
        QCOMPARE(after.size(), size_t(1));
        QCOMPARE(after[0].kind, Kind::Message);
        QVERIFY(after[0].text.size() <= CodingStreamReader::kLongestText);
        QCOMPARE(reader.garbledLines(), 1);
    }

    // A coding_step event as one line for the timeline and the chat's progress: any
    // language, one line however many the CLI sent, bounded, nothing for what is not work.
    void activityLines()
    {
        auto line = [](const Json& payload) {
            return CodingActivity::from({"r", 1, "coder", EventKind::CodingStep, payload, 0})
                ->line();
        };
        QCOMPARE(line({{"kind", "tool_use"}, {"name", "Edit"}, {"path", "app.py"}}),
                 QStringLiteral("Edit app.py"));
        QCOMPARE(line({{"kind", "tool_use"}, {"name", "Bash"}, {"text", "make\ntest"}}),
                 QStringLiteral("Bash: make test"));
        QCOMPARE(line({{"kind", "command"}, {"name", "pytest -q"}, {"exit_code", 2}}),
                 QStringLiteral("$ pytest -q → 2"));
        QCOMPARE(line({{"kind", "command"}, {"name", "ls"}, {"exit_code", 0}}),
                 QStringLiteral("$ ls"));
        QCOMPARE(line({{"kind", "file_change"}, {"text", "add"}, {"path", "a.py"}}),
                 QStringLiteral("+ a.py"));
        QCOMPARE(line({{"kind", "file_change"}, {"text", "update"}, {"path", "a.py"}}),
                 QStringLiteral("~ a.py"));
        const QString said = line({{"kind", "message"}, {"text", std::string(5000, 'x')}});
        QVERIFY(said.size() <= 122 && said.startsWith(QChar(0x201C)));
        QVERIFY(!line({{"kind", "message"}, {"text", "a\u0007\r\nb"}}).contains('\n'));
        for (const char* quiet : {"tool_result", "usage", "session", "unknown"})
            QVERIFY(line({{"kind", quiet}, {"text", "x"}}).isEmpty());
        // Wrong types are empty fields, not a crash.
        QCOMPARE(line({{"kind", "tool_use"}, {"name", 7}, {"path", Json::array()}}),
                 QStringLiteral("?"));
        QVERIFY(!CodingActivity::from({"r", 1, "a", EventKind::StepFinished, Json::object(), 0}));
    }
};

QTEST_GUILESS_MAIN(TestCodingStream)
#include "tst_coding_stream.moc"
