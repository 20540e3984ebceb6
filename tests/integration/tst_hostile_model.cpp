// Hostile and sloppy model replies, one bad reply class per run, against local stand-ins that
// speak the OpenAI and Anthropic protocols: every run must end completed, failed or waiting
// with a reason naming the cause, and every tool call must get exactly one result (the test
// environment sets ORCH_STRICT_CONVERSATIONS=1, so a conversation that breaks the protocol
// aborts this process).

#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "deploy/DeploySettings.h"
#include "store/RunStore.h"
#include "tools/ToolRegistry.h"

#include <QElapsedTimer>
#include <QTest>

#include <map>

using namespace orch;
using namespace orch::test;

namespace {

// tool_call_id → content of every tool result in a recorded request.
std::map<std::string, std::string> toolResults(const Json& request)
{
    std::map<std::string, std::string> results;
    for (const Json& message : arrayAt(request, "messages")) {
        if (stringOr(message, "role") == "tool")
            results[stringOr(message, "tool_call_id")] = stringOr(message, "content");
        for (const Json& block : arrayAt(message, "content")) // Anthropic
            if (stringOr(block, "type") == "tool_result")
                results[stringOr(block, "tool_use_id")] = stringOr(block, "content");
    }
    return results;
}

// One terminal agent allowed every tool but handoff, on a model with a known price.
Json everyToolGraph()
{
    Json tools = Json::array();
    for (const QString& name : ToolRegistry::withBuiltins()->names())
        if (name != QLatin1String("handoff"))
            tools.push_back(toStd(name));
    Json graph = testGraph("a", {testAgent("a", {{"tools", tools}, {"terminal", true}, {"max_turns", 60}})}, Json::array());
    graph["models"]["default"]["model"] = "gpt-4o-mini";
    return graph;
}

// The protocol a data-driven test speaks ("openai" or "anthropic"): the engine's setting, a
// graph on one of its priced models, and replies in its shape.
struct Protocol
{
    QString kind;

    TestEngine::Adjust adjust(TestEngine::Adjust more = {}) const
    {
        return [kind = kind, more](EngineOptions& o) {
            o.llm.overrideKind = kind;
            if (more)
                more(o);
        };
    }
    Json graph() const
    {
        Json g = everyToolGraph();
        if (kind == QLatin1String("anthropic"))
            g["models"]["default"] = {{"provider", "anthropic"}, {"model", "claude-sonnet-4-5"}};
        return g;
    }
    FakeReply text(const std::string& content) const
    {
        return kind == QLatin1String("anthropic") ? FakeReply::anthropicText(content) : FakeReply::openAiText(content);
    }
    FakeReply calls(const std::vector<ToolCall>& calls) const
    {
        return kind == QLatin1String("anthropic") ? FakeReply::anthropicToolUse(calls) : FakeReply::openAiToolCalls(calls);
    }
};

void protocolRows()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("openai") << QStringLiteral("openai");
    QTest::newRow("anthropic") << QStringLiteral("anthropic");
}

FakeReply openAiBody(Json body)
{
    return FakeReply::raw(200, toBytes(body));
}

Json openAiReply(Json message, Json usage, const std::string& finish = "stop")
{
    return {{"id", "x"}, {"model", "gpt-4o-mini"},
            {"choices", {{{"index", 0}, {"message", std::move(message)}, {"finish_reason", finish}}}},
            {"usage", std::move(usage)}};
}

QByteArray sseData(const Json& data)
{
    return "data: " + toBytes(data) + "\n\n";
}

FakeReply sseReply(QList<QByteArray> chunks)
{
    FakeReply reply;
    reply.stream = true;
    reply.chunks = std::move(chunks);
    return reply;
}

} // namespace

class TestHostileModel : public QObject
{
    Q_OBJECT

    FakeLlmServer m_server;
    ScriptedModel m_model;

    Json lastRequest() const { return m_server.requests().last().json(); }

private slots:
    void initTestCase() { QVERIFY(m_server.listen()); }
    void init()
    {
        m_model = ScriptedModel();
        m_server.reset();
        m_server.setHandler(m_model.handler());
    }

    // Every integer, number and boolean argument of every tool, sent as a word and as an
    // object: each call gets an error naming the argument and the type, and nothing runs.
    void wrongTypesForEveryNumericAndBooleanArgument()
    {
        TestEngine t(m_server);
        struct Expected { std::string id; std::string argument; };
        std::vector<Expected> expected;
        std::vector<ToolCall> calls;
        auto registry = ToolRegistry::withBuiltins();
        for (const QString& name : registry->names()) {
            if (name == QLatin1String("handoff"))
                continue;
            const Json schema = registry->find(name)->spec().parameters;
            for (auto it = objectAt(schema, "properties").begin(); it != objectAt(schema, "properties").end(); ++it) {
                const std::string type = stringOr(*it, "type");
                if (type != "integer" && type != "number" && type != "boolean")
                    continue;
                for (const Json& bad : {Json("plenty"), Json{{"x", 1}}}) {
                    const std::string id = "c" + std::to_string(calls.size());
                    calls.push_back(toolCall(toStd(name), Json{{it.key(), bad}}, id));
                    expected.push_back({id, it.key()});
                }
            }
        }
        QVERIFY2(expected.size() >= 8, "the tools declare numeric and boolean arguments");
        // A quoted integer is converted without loss: git_log runs.
        calls.push_back(toolCall("git_log", {{"limit", "5"}}, "lossless"));
        std::vector<FakeReply> replies;
        for (size_t i = 0; i < calls.size(); i += 20)
            replies.push_back(FakeReply::openAiToolCalls(
                std::vector<ToolCall>(calls.begin() + long(i), calls.begin() + long(std::min(calls.size(), i + 20)))));
        replies.push_back(FakeReply::openAiText("done"));
        m_model.script("a", std::move(replies));

        const RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        const auto results = toolResults(lastRequest());
        for (const Expected& e : expected) {
            const auto found = results.find(e.id);
            QVERIFY2(found != results.end(), e.id.c_str());
            const std::string wanted = "argument '" + e.argument + "' must be";
            QVERIFY2(found->second.find(wanted) != std::string::npos, found->second.c_str());
        }
        QVERIFY(results.count("lossless"));
        QVERIFY2(results.at("lossless").find("must be") == std::string::npos, results.at("lossless").c_str());
    }

    void malformedArgumentsAndUnknownTools()
    {
        TestEngine t(m_server);
        m_model.script("a", {FakeReply::openAiToolCalls({{"bad_json", "read_file", "{\"path\": "},
                                                         {"array", "read_file", "[1, 2]"},
                                                         {"unknown", "rm_rf", "{}"},
                                                         {"nameless", "", "{}"},
                                                         {"extra", "read_file", "{\"path\": \"a\", \"mode\": 7}"},
                                                         {"missing", "write_file", "{\"path\": \"a\"}"}}),
                             FakeReply::openAiText("done")});
        const RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        const auto results = toolResults(lastRequest());
        QCOMPARE(results.size(), size_t(6));
        QVERIFY(results.at("bad_json").find("not a JSON object") != std::string::npos);
        QVERIFY(results.at("array").find("not a JSON object") != std::string::npos);
        QVERIFY(results.at("unknown").find("tool 'rm_rf' is not available") != std::string::npos);
        QVERIFY(results.at("nameless").find("is not available") != std::string::npos);
        QVERIFY(results.at("extra").find("unknown argument 'mode'") != std::string::npos);
        QVERIFY(results.at("missing").find("missing argument 'content'") != std::string::npos);
    }

    // 30,000 calls in one reply: no recursion, the first 32 run, every other one gets an
    // error result, and the conversation stays valid.
    void thousandsOfCallsInOneReply_data() { protocolRows(); }
    void thousandsOfCallsInOneReply()
    {
        QFETCH(QString, kind);
        const Protocol protocol{kind};
        // The next request carries 30,000 results (6 MB), served by a stand-in on this thread.
        TestEngine t(m_server, false, 1, 60000, protocol.adjust());
        std::vector<ToolCall> calls;
        for (int i = 0; i < 30000; ++i)
            calls.push_back({"c" + std::to_string(i), "read_file", "{\"path\": \"missing.txt\"}"});
        m_model.script("a", {protocol.calls(calls), protocol.text("done")});
        const RunRecord run = t.runToEnd(protocol.graph(), "test project", 60000);
        QCOMPARE(run.status, RunStatus::Completed);
        const auto results = toolResults(lastRequest());
        QCOMPARE(results.size(), size_t(30000));
        QVERIFY(results.at("c31").find("cannot read") != std::string::npos);
        QVERIFY(results.at("c32").find("at most 32 tool calls") != std::string::npos);
        QVERIFY(results.at("c29999").find("at most 32 tool calls") != std::string::npos);
    }

    // A 200 KB tool result stays in the conversation as its head and tail, with the size left out.
    void longToolResultsAreElided()
    {
        TestEngine t(m_server);
        const std::string big(200 * 1024, 'q');
        m_model.script("a", {FakeReply::openAiToolCalls({toolCall("write_file", {{"path", "big.txt"}, {"content", big}}, "w"),
                                                         toolCall("read_file", {{"path", "big.txt"}}, "r")}),
                             FakeReply::openAiText("done")});
        const RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        const std::string result = toolResults(lastRequest()).at("r");
        QVERIFY2(result.size() < 34 * 1024, std::to_string(result.size()).c_str());
        QVERIFY(result.find("bytes left out") != std::string::npos);
        QVERIFY(result.rfind("qqqq") > result.find("bytes left out")); // the tail is there too
    }

    void nullNegativeAndMistypedUsage()
    {
        TestEngine t(m_server);
        const Json call = Json::array({{{"id", "c1"}, {"type", "function"},
                                        {"function", {{"name", "read_file"}, {"arguments", "{\"path\":\"x\"}"}}}}});
        m_model.script("a", {openAiBody(openAiReply({{"role", "assistant"}, {"content", nullptr}, {"tool_calls", call}},
                                                    {{"prompt_tokens", nullptr}, {"completion_tokens", nullptr}},
                                                    "tool_calls")),
                             openAiBody(openAiReply({{"role", "assistant"}, {"content", "done"}},
                                                    {{"prompt_tokens", -100}, {"completion_tokens", "12"}}))});
        const RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        const auto ledger = t.engine->store().ledger(run.id).value();
        QCOMPARE(ledger.size(), size_t(2));
        // Null counts are no counts: a known (zero) cost.
        QVERIFY(ledger[0].cost.has_value());
        QCOMPARE(ledger[0].usage.prompt, 0LL);
        // A negative count is refused: estimated tokens, unknown cost, never negative money.
        QVERIFY(!ledger[1].cost.has_value());
        QVERIFY(ledger[1].usage.prompt > 0);
        QVERIFY(ledger[1].usage.completion >= 0);
        bool warned = false;
        for (const RunEvent& e : t.engine->store().events(run.id).value())
            warned = warned || (e.kind == QLatin1String("warning") && dumpJson(e.payload).find("token counts") != std::string::npos);
        QVERIFY(warned);
    }

    void unpricedModelCountsAgainstTheRunsTokenLimit()
    {
        TestEngine t(m_server, false, 2, 5000, [](EngineOptions& o) { o.budgets.unpricedTokensPerRun = 20; });
        Json graph = everyToolGraph();
        graph["models"]["default"]["model"] = "no-such-priced-model";
        m_model.script("a", {FakeReply::openAiToolCalls({toolCall("read_file", {{"path", "x"}})}),
                             FakeReply::openAiText("done")});
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::WaitingBudget);
        QVERIFY2(run.reason.contains("unpriced_tokens_per_run"), qPrintable(run.reason));
        QCOMPARE(m_model.callsFor("a"), 1);
    }

    void replyCutAtTheOutputLimit()
    {
        TestEngine t(m_server);
        const Json call = Json::array({{{"id", "cut"}, {"type", "function"},
                                        {"function", {{"name", "write_file"},
                                                      {"arguments", "{\"path\": \"app.py\", \"content\": \"print("}}}}});
        m_model.script("a", {openAiBody(openAiReply({{"role", "assistant"}, {"content", nullptr}, {"tool_calls", call}},
                                                    {{"prompt_tokens", 10}, {"completion_tokens", 4096}}, "length")),
                             FakeReply::openAiText("done")});
        const RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        QVERIFY(toolResults(lastRequest()).at("cut").find("cut off at the output limit") != std::string::npos);
        QVERIFY(!QFile::exists(t.engine->store().project(run.projectId)->workspace + "/app.py"));
    }

    // Two questions in one reply queue: the person answers them in order, each answer is the
    // result of its own call, and the agent goes on once both are in.
    void twoQuestionsInOneReply()
    {
        TestEngine t(m_server);
        m_model.script("a", {FakeReply::openAiToolCalls({toolCall("ask_human", {{"question", "Which city?"}}, "q1"),
                                                         toolCall("read_file", {{"path", "x"}}, "r1"),
                                                         toolCall("ask_human", {{"question", "Which port?"}}, "q2")}),
                             FakeReply::openAiText("done")});
        auto runId = t.engine->startRun("test project", t.graph(everyToolGraph()));
        QVERIFY(runId);
        RunRecord run = t.waitForStop(runId.value());
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        QCOMPARE(run.reason, QStringLiteral("Which city?"));
        run = t.answerAndWait(run.id, "Paris");
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        QCOMPARE(run.reason, QStringLiteral("Which port?"));
        QCOMPARE(m_model.callsFor("a"), 1); // no model call until every question is answered
        run = t.answerAndWait(run.id, "8080");
        QCOMPARE(run.status, RunStatus::Completed);
        const auto results = toolResults(lastRequest());
        QVERIFY(results.at("q1").find("Paris") != std::string::npos);
        QVERIFY(results.at("q2").find("8080") != std::string::npos);
        QVERIFY(results.at("r1").find("cannot read") != std::string::npos);
        int asked = 0;
        for (const RunEvent& e : t.engine->store().events(run.id).value())
            asked += e.kind == QLatin1String("question_asked");
        QCOMPARE(asked, 2);
    }

    // A question next to an approval-gated deploy: both queue, the approval is recorded by code
    // from its own answer, and each call gets its answer as its result.
    void questionNextToAnApproval()
    {
        TestEngine t(m_server, false, 2, 5000, [](EngineOptions& o) {
            DeploySettings& deploy = o.tools.deploy.settings;
            deploy.deployRoot = o.workspaceRoot + QStringLiteral("/../deploy");
            deploy.httpPort = 18080;
            deploy.httpsPort = 18443;
            deploy.caddyAdminPort = 12019;
            deploy.domainSuffix = QStringLiteral("apps.example.com"); // a real domain: approval first
        });
        m_model.script("a", {FakeReply::openAiToolCalls({toolCall("ask_human", {{"question", "Which city?"}}, "q1"),
                                                         toolCall("deploy", Json::object(), "d1")}),
                             FakeReply::openAiText("understood")});
        auto runId = t.engine->startRun("test project", t.graph(everyToolGraph()));
        QVERIFY(runId);
        RunRecord run = t.waitForStop(runId.value());
        QCOMPARE(run.reason, QStringLiteral("Which city?"));
        run = t.answerAndWait(run.id, "Paris");
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        QVERIFY2(run.reason.startsWith("Deploy "), qPrintable(run.reason));
        run = t.answerAndWait(run.id, "reject");
        QCOMPARE(run.status, RunStatus::Completed);
        const Json state = t.engine->store().lastCheckpoint(run.id)->state;
        QVERIFY(state["approvals"]["deploy"] == Json(false));
        const auto results = toolResults(lastRequest());
        QVERIFY(results.at("q1").find("Paris") != std::string::npos);
        QVERIFY(results.at("d1").find("reject") != std::string::npos);
    }

    // A question next to a handoff: the question wins, the handoff is not taken and says so.
    void questionNextToAHandoff()
    {
        TestEngine t(m_server);
        const Json graph = testGraph("a", {testAgent("a", {{"tools", {"ask_human"}}, {"handoffs", {"b"}}}),
                                           testAgent("b", {{"terminal", true}})},
                                     Json::array());
        m_model.script("a", {FakeReply::openAiToolCalls({handoffCall("b", "h1"),
                                                         toolCall("ask_human", {{"question", "Sure?"}}, "q1")}),
                             FakeReply::openAiToolCalls({handoffCall("b", "h2")})});
        m_model.script("b", {FakeReply::openAiText("done")});
        auto runId = t.engine->startRun("test project", t.graph(graph));
        QVERIFY(runId);
        RunRecord run = t.waitForStop(runId.value());
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        run = t.answerAndWait(run.id, "yes");
        QCOMPARE(run.status, RunStatus::Completed);
        const Json secondRequestOfA = m_server.requests()[1].json();
        QVERIFY(toolResults(secondRequestOfA).at("h1").find("handoff not taken") != std::string::npos);
    }

    void streamChunksWithWrongTypes()
    {
        TestEngine t(m_server, true);
        auto chunk = [](Json delta, Json finish = nullptr) {
            return sseData({{"model", "gpt-4o-mini"}, {"choices", {{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}}}});
        };
        // A quoted index is read as the number it is; a chunk whose choices or delta have the
        // wrong type is skipped; null usage counts are no counts.
        auto fragment = [](Json index, const char* id, const char* name, const char* arguments) {
            Json function = {{"arguments", arguments}};
            if (name)
                function["name"] = name;
            Json call = {{"index", std::move(index)}, {"function", std::move(function)}};
            if (id)
                call["id"] = id;
            return Json{{"tool_calls", Json::array({call})}};
        };
        Json nullUsage = {{"choices", Json::array()},
                          {"usage", {{"prompt_tokens", nullptr}, {"completion_tokens", nullptr}}}};
        m_model.script("a", {sseReply({sseData({{"choices", "oops"}}), chunk(42),
                                       chunk(fragment("0", "s1", "read_file", "{\"path\"")),
                                       chunk(fragment("0", nullptr, nullptr, ":\"x\"}")),
                                       chunk(Json::object(), "tool_calls"), sseData(nullUsage),
                                       "data: [DONE]\n\n"}),
                             FakeReply::openAiText("done")});
        RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        QVERIFY(toolResults(lastRequest()).at("s1").find("cannot read 'x'") != std::string::npos);

        // An index that is no number fails the step with the reason.
        m_model.script("a", {sseReply({chunk(fragment(Json{{"a", 1}}, "s2", "read_file", "{}")),
                                       chunk(Json::object(), "tool_calls"), "data: [DONE]\n\n"})});
        run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("streamed index"), qPrintable(run.reason));
    }

    void anthropicRepliesWithWrongTypes()
    {
        TestEngine t(m_server, false, 2, 5000, [](EngineOptions& o) { o.llm.overrideKind = "anthropic"; });
        const Json reply = {{"type", "message"}, {"model", "claude-sonnet-4-5"}, {"stop_reason", "tool_use"},
                            {"content", {{{"type", "tool_use"}, {"id", "u1"}, {"name", "read_file"}, {"input", "not an object"}},
                                         {{"type", "tool_use"}, {"id", "u2"}, {"name", "git_log"}, {"input", {{"limit", true}}}},
                                         "a block that is a string", 17}},
                            {"usage", {{"input_tokens", -5}, {"output_tokens", 1e30}}}};
        const Json done = {{"type", "message"}, {"stop_reason", "end_turn"},
                           {"content", {{{"type", "text"}, {"text", "done"}}}}, {"usage", nullptr}};
        m_model.script("a", {FakeReply::raw(200, toBytes(reply)), FakeReply::raw(200, toBytes(done))});
        Json graph = everyToolGraph();
        graph["models"]["default"] = {{"provider", "anthropic"}, {"model", "claude-sonnet-4-5"}};
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Completed);
        const auto results = toolResults(lastRequest());
        QVERIFY(results.at("u1").find("missing argument 'path'") != std::string::npos);
        QVERIFY(results.at("u2").find("argument 'limit' must be an integer") != std::string::npos);
        QVERIFY(!t.engine->store().ledger(run.id).value().front().cost.has_value());
    }

    void anthropicStreamWithWrongTypes()
    {
        TestEngine t(m_server, true, 2, 5000, [](EngineOptions& o) { o.llm.overrideKind = "anthropic"; });
        auto event = [](const char* type, Json data) {
            data["type"] = type;
            return QByteArray("event: ") + type + "\n" + sseData(data);
        };
        m_model.script("a", {sseReply({event("message_start", {{"message", "not an object"}}),
                                       event("content_block_start", {{"index", {1, 2}}, {"content_block", {{"type", "text"}}}}),
                                       event("message_stop", Json::object())})});
        Json graph = everyToolGraph();
        graph["models"]["default"] = {{"provider", "anthropic"}, {"model", "claude-sonnet-4-5"}};
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("streamed index"), qPrintable(run.reason));
    }

    void replyThatIsNotJson_data() { protocolRows(); }
    void replyThatIsNotJson()
    {
        QFETCH(QString, kind);
        const Protocol protocol{kind};
        TestEngine t(m_server, false, 2, 5000, protocol.adjust());
        m_model.script("a", {FakeReply::raw(200, "<html>gateway says hi</html>")});
        const RunRecord run = t.runToEnd(protocol.graph());
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("malformed reply") && run.reason.contains("not JSON"), qPrintable(run.reason));
    }

    void oversizedReplyFailsWithTheReason_data() { protocolRows(); }
    void oversizedReplyFailsWithTheReason()
    {
        QFETCH(QString, kind);
        const Protocol protocol{kind};
        TestEngine t(m_server, false, 2, 5000, protocol.adjust());
        const FakeReply huge = protocol.text(std::string(40 * 1024 * 1024, 'x'));
        m_model.script("a", {huge, huge});
        const RunRecord run = t.runToEnd(protocol.graph(), "test project", 60000);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("larger than 8388608 bytes") && run.reason.contains("gave up after 2 attempts"),
                 qPrintable(run.reason));
    }

    // One byte every 300 ms keeps the idle timer happy for ever; the deadline ends it.
    void dripEndsAtTheDeadline_data() { protocolRows(); }
    void dripEndsAtTheDeadline()
    {
        QFETCH(QString, kind);
        const Protocol protocol{kind};
        TestEngine t(m_server, true, 1, 5000,
                     protocol.adjust([](EngineOptions& o) { o.llm.overrideEndpoint->deadlineMs = 1500; }));
        FakeReply drip = sseReply({});
        for (int i = 0; i < 100; ++i)
            drip.chunks << QByteArray(1, ' ');
        drip.chunkDelayMs = 300;
        m_model.script("a", {drip});
        QElapsedTimer clock;
        clock.start();
        const RunRecord run = t.runToEnd(protocol.graph());
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("took longer than 1500 ms"), qPrintable(run.reason));
        qInfo("a drip fails after %lld ms with a 1500 ms deadline and one attempt", clock.elapsed());
        QVERIFY(clock.elapsed() < 10000);
    }
};

QTEST_GUILESS_MAIN(TestHostileModel)
#include "tst_hostile_model.moc"
