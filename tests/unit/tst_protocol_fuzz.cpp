// Recorded inputs mutated at random from a fixed seed, a fixed number of times, through every
// parser of outside input: model replies (OpenAI and Anthropic, whole and streamed), the
// checkpoint cursor read back, tool arguments against every tool's schema, the remote API's
// wire types, the settings file and the graph file. Nothing may throw or crash; every parse
// ends in a value or an error with a message.

#include "JsonMutator.h"
#include "api/WireFormat.h"
#include "config/ServerConfig.h"
#include "graph/GraphLoader.h"
#include "llm/AnthropicProtocol.h"
#include "llm/Conversation.h"
#include "llm/OpenAiProtocol.h"
#include "llm/SseParser.h"
#include "runtime/RunCursor.h"
#include "tools/ArgumentSchema.h"
#include "tools/ToolRegistry.h"

#include <QFile>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {
constexpr quint64 kSeed = 20261129;
constexpr int kIterations = 1500;
// Recorded inputs (defined at the end of the file: moc does not read raw string literals).
Json openAiReply();
Json anthropicReply();
std::vector<Json> openAiChunks();
std::vector<Json> anthropicEvents();
QByteArray asSse(const std::vector<Json>& events, JsonMutator& mutator);
void decodeStream(const ChatProtocol& protocol, const QByteArray& stream, JsonMutator& mutator);
QByteArray resource(const QString& path);
} // namespace

class TestProtocolFuzz : public QObject
{
    Q_OBJECT

private slots:
    void wholeReplies()
    {
        JsonMutator mutator(kSeed);
        const OpenAiProtocol openAi;
        const AnthropicProtocol anthropic;
        for (int i = 0; i < kIterations; ++i) {
            for (const auto& [protocol, recorded] :
                 {std::pair<const ChatProtocol*, Json>{&openAi, openAiReply()},
                  {&anthropic, anthropicReply()}}) {
                const Json mutated = mutator.mutate(recorded);
                QByteArray bytes = toBytes(mutated);
                if (mutator.below(3) == 0)
                    bytes = mutator.mutateBytes(bytes);
                auto parsed = protocol->parseReply(bytes);
                if (!parsed) {
                    QVERIFY(!parsed.error().isEmpty());
                    continue;
                }
                QVERIFY(parsed->usage.prompt >= 0 && parsed->usage.completion >= 0);
                QVERIFY(!protocol->errorMessage(bytes).isEmpty());
            }
        }
    }

    void streamedReplies()
    {
        JsonMutator mutator(kSeed + 1);
        const OpenAiProtocol openAi;
        const AnthropicProtocol anthropic;
        for (int i = 0; i < kIterations; ++i) {
            decodeStream(openAi, asSse(openAiChunks(), mutator), mutator);
            decodeStream(anthropic, asSse(anthropicEvents(), mutator), mutator);
        }
    }

    // A checkpoint's cursor read back and its conversation made valid before sending.
    void cursorKeepsEveryMember()
    {
        RunCursor cursor;
        cursor.agent = QStringLiteral("developer");
        cursor.conversation = {ChatMessage::user("go"), ChatMessage::user("on")};
        cursor.activationTurns = 4;
        cursor.acted = true;
        cursor.pendingQuestions = {{"c2", "ask_human", {{"text", "Which city?"}}}};
        cursor.agentSteps[QStringLiteral("developer")] = 3;
        cursor.cameFrom = QStringLiteral("architect");
        cursor.nudges = 2;
        cursor.extraTurns = 5;
        cursor.turnsWarned = true;
        cursor.repeatedCalls["a1b2"] = 2;
        cursor.roundTrips[QStringLiteral("architect|developer")] = 1;
        cursor.lastNotes[QStringLiteral("architect")] = QStringLiteral("n\u00e9e");
        cursor.tokenAllowance = 9000;
        cursor.workMs = 1234;
        cursor.minutesAllowance = 30;
        cursor.heldFor = QStringLiteral("developer");
        cursor.askedGuards["3f2a9c"] = 7;
        cursor.failureMemory = {{"open", {{"run_tests", "boom"}}}};
        const Json written = cursor.toJson();
        QCOMPARE(written.size(), size_t(19));
        // Every member set above is written: none is left at its default.
        for (auto it = written.begin(); it != written.end(); ++it) {
            const Json& value = it.value();
            const bool unset = value.is_null() || value.empty() || value == Json(0) ||
                               value == Json(false) || value == Json("");
            QVERIFY2(!unset, it.key().c_str());
        }
        QVERIFY(RunCursor::fromJson(written).toJson() == written);
    }

    void checkpointCursors()
    {
        JsonMutator mutator(kSeed + 2);
        RunCursor cursor;
        cursor.agent = QStringLiteral("developer");
        cursor.conversation = {
            ChatMessage::user("build it"),
            {ChatMessage::Role::Assistant,
             "",
             {{"c1", "read_file", "{}"}, {"c2", "ask_human", "{}"}},
             {},
             {}},
            {ChatMessage::Role::Tool, "{\"content\":\"x\"}", {}, "c1", "read_file"}};
        cursor.pendingQuestions = {{"c2", "ask_human", {{"text", "Which city?"}}}};
        cursor.agentSteps[QStringLiteral("developer")] = 3;
        cursor.acted = true;
        cursor.heldFor = QStringLiteral("developer");
        cursor.askedGuards["3f2a9c"] = 7;
        const Json recorded = cursor.toJson();
        const RunCursor intact = RunCursor::fromJson(recorded);
        // What keeps a resumed run from looping: whether the agent acted in this visit, work
        // held for the person, and the questions already asked.
        QVERIFY(intact.acted);
        QCOMPARE(intact.heldFor, QStringLiteral("developer"));
        QCOMPARE(intact.askedGuards.at("3f2a9c"), 7);
        QCOMPARE(intact.pendingQuestions.size(), size_t(1));
        QCOMPARE(intact.pendingQuestions.front().toolCallId, std::string("c2"));
        QVERIFY(conversation::problem(intact.conversation).contains("c2")); // still unanswered
        for (int i = 0; i < kIterations; ++i) {
            const RunCursor read = RunCursor::fromJson(mutator.mutate(recorded));
            // problem() walks the same repair ensureValid() applies before a request is sent.
            (void)conversation::problem(read.conversation);
            // A question answers a tool call it names, or none (the run's own question).
            for (const PendingQuestion& question : read.pendingQuestions)
                QVERIFY(!question.toolName.empty() || question.toolCallId.empty());
        }
    }

    void toolArguments()
    {
        JsonMutator mutator(kSeed + 3);
        auto registry = ToolRegistry::withBuiltins();
        const Json sample = {{"path", "a.py"},           {"content", "x"}, {"limit", 5},
                             {"argv", {"make", "test"}}, {"passed", true}, {"question", "why?"},
                             {"options", {"a", "b"}},    {"lines", 10}};
        for (int i = 0; i < kIterations; ++i)
            for (const QString& name : registry->names()) {
                auto result = ArgumentSchema::conform(registry->find(name)->spec().parameters,
                                                      mutator.mutate(sample));
                QVERIFY(result.ok() || !result.error().isEmpty());
            }
    }

    void remoteWireTypes()
    {
        JsonMutator mutator(kSeed + 4);
        RunRecord run{"r1", "p1", 3, RunStatus::Running, "", "developer", 4, 100, 20, 1, 2};
        StepRecord step{"r1",       1,          "developer",
                        "llm",      "continue", {{"tools", Json::array()}},
                        {10, 2, 0}, 30,         Json::object()};
        RunEvent event{"r1", 1, "developer", EventKind::StepFinished, {{"step", 1}}, 5};
        RunDetail detail;
        detail.run = run;
        detail.steps = {step};
        detail.events = {event};
        const ProjectRun forked{run, "fork", "r0", 2, 0.5, 0.25};
        QCOMPARE(wire::projectRunFrom(wire::toJson(forked)).value().fromStep, 2);
        const Json recorded = {{"run", wire::toJson(run)},
                               {"project_run", wire::toJson(forked)},
                               {"step", wire::toJson(step)},
                               {"event", wire::toJson(event)},
                               {"detail", wire::toJson(detail)}};
        for (int i = 0; i < kIterations; ++i) {
            const Json m = mutator.mutate(recorded);
            for (const Json& value : {member(m, "run"), member(m, "step"), member(m, "event"),
                                      member(m, "detail"), member(m, "project_run"), m}) {
                auto r = wire::projectRunFrom(value);
                QVERIFY(r.ok() || !r.error().isEmpty());
                (void)wire::runFrom(value);
                (void)wire::stepFrom(value);
                (void)wire::eventFrom(value);
                (void)wire::checkpointFrom(value);
                (void)wire::ledgerFrom(value);
                (void)wire::balancesFrom(value);
                (void)wire::projectSummaryFrom(value);
                auto d = wire::runDetailFrom(value);
                QVERIFY(d.ok() || !d.error().isEmpty());
            }
        }
    }

    void settingsAndGraphFiles()
    {
        JsonMutator mutator(kSeed + 5);
        const Json settings = parseJson(
            resource(QStringLiteral(SOURCE_DIR "/resources/server/orchestratord.example.json")));
        const Json graph = parseJson(resource(QStringLiteral(":/graphs/default.json")));
        QVERIFY(settings.is_object() && graph.is_object());
        auto registry = ToolRegistry::withBuiltins();
        GraphLoader loader(registry->names(), {});
        for (int i = 0; i < kIterations / 3; ++i) {
            auto config = ServerConfig::fromJson(mutator.mutate(settings), QStringLiteral("/tmp"));
            QVERIFY(config.ok() || !config.error().isEmpty());
            LoadedGraph loaded = loader.loadJson(mutator.mutate(graph), QStringLiteral(":/graphs"));
            QVERIFY(loaded.ok() || !loaded.errorText().isEmpty());
            QByteArray bytes = mutator.mutateBytes(toBytes(graph));
            LoadedGraph fromBytes = loader.loadBytes(bytes, QStringLiteral(":/graphs"));
            QVERIFY(fromBytes.ok() || !fromBytes.errorText().isEmpty());
        }
    }

    // Nesting deep enough to overflow a recursive printer is refused at parse time.
    void deepNestingIsRefused()
    {
        const QByteArray deep = QByteArray(1'000'000, '[') + QByteArray(1'000'000, ']');
        QVERIFY(parseJson(deep).is_discarded());
        QVERIFY(!OpenAiProtocol().parseReply(deep).ok());
        const QByteArray quoted = "{\"a\": \"" + QByteArray(100000, '[') + "\"}";
        QVERIFY(parseJson(quoted).is_object()); // brackets inside strings do not count
    }
};

namespace {

Json openAiReply()
{
    return parseJson(
        R"({"id":"c1","model":"gpt-4o-mini","choices":[{"index":0,"finish_reason":"tool_calls",
        "message":{"role":"assistant","content":"Let me look.","tool_calls":[{"id":"call_1","type":"function",
        "function":{"name":"read_file","arguments":"{\"path\":\"app.py\"}"}}]}}],
        "usage":{"prompt_tokens":120,"completion_tokens":14,"prompt_tokens_details":{"cached_tokens":64}}})");
}

Json anthropicReply()
{
    return parseJson(
        R"({"id":"m1","type":"message","model":"claude-sonnet-4-5","stop_reason":"tool_use",
        "content":[{"type":"text","text":"Reading."},{"type":"tool_use","id":"tu_1","name":"read_file",
        "input":{"path":"app.py"}}],"usage":{"input_tokens":100,"output_tokens":20,"cache_read_input_tokens":3}})");
}

std::vector<Json> openAiChunks()
{
    return {
        parseJson(
            R"({"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]})"),
        parseJson(
            R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","function":{"name":"read_file","arguments":"{\"pa"}}]}}]})"),
        parseJson(
            R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"th\":\"a\"}"}}]}}]})"),
        parseJson(R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})"),
        parseJson(R"({"choices":[],"usage":{"prompt_tokens":30,"completion_tokens":12}})")};
}

std::vector<Json> anthropicEvents()
{
    return {
        parseJson(
            R"({"type":"message_start","message":{"model":"claude","usage":{"input_tokens":10}}})"),
        parseJson(
            R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"),
        parseJson(
            R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})"),
        parseJson(
            R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t","name":"read_file"}})"),
        parseJson(
            R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"path\":\"a\"}"}})"),
        parseJson(
            R"({"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":9}})"),
        parseJson(R"({"type":"message_stop"})")};
}

QByteArray asSse(const std::vector<Json>& events, JsonMutator& mutator)
{
    QByteArray stream;
    for (const Json& event : events) {
        const Json data = mutator.below(3) == 0 ? mutator.mutate(event) : event;
        stream += "data: " + toBytes(data) + "\n\n";
    }
    return mutator.below(4) == 0 ? mutator.mutateBytes(stream) : stream + "data: [DONE]\n\n";
}

// Feeds a stream in random slices through the SSE parser into a protocol's decoder.
void decodeStream(const ChatProtocol& protocol, const QByteArray& stream, JsonMutator& mutator)
{
    SseParser parser;
    auto decoder = protocol.streamDecoder();
    qsizetype at = 0;
    while (at < stream.size()) {
        const qsizetype slice = 1 + mutator.below(200);
        for (const SseEvent& event : parser.feed(stream.mid(at, slice))) {
            auto accepted = decoder->onEvent(event);
            if (!accepted) {
                QVERIFY(!accepted.error().isEmpty());
                return;
            }
        }
        at += slice;
    }
    if (decoder->complete()) {
        const ChatResponse response = decoder->take();
        QVERIFY(response.usage.prompt >= 0 && response.usage.completion >= 0);
    }
}

QByteArray resource(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

QTEST_GUILESS_MAIN(TestProtocolFuzz)
#include "tst_protocol_fuzz.moc"
