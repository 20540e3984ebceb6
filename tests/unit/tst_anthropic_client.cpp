// The Anthropic Messages client against the local fake server: request shape, tool use,
// streamed input_json_delta fragments, retries, error events and malformed bodies.

#include "FakeLlmServer.h"
#include "LlmTestHelpers.h"
#include "llm/AnthropicProtocol.h"
#include "llm/HttpChatProvider.h"
#include "llm/Pricing.h"
#include "net/HttpClient.h"

#include <QSignalSpy>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestAnthropicClient : public QObject
{
    Q_OBJECT

    net::HttpClient m_network;

    std::unique_ptr<HttpChatProvider> provider(const QUrl& url, int attempts = 3,
                                               int timeoutMs = 5000)
    {
        return makeProvider(QStringLiteral("anthropic"), url, &m_network, attempts, timeoutMs,
                            "ak-test-key");
    }
    static ChatRequest request(bool stream)
    {
        ChatRequest r;
        r.model = "claude-test";
        r.system = "be brief";
        r.stream = stream;
        r.messages = {
            ChatMessage::user("hello"),
            {ChatMessage::Role::Assistant,
             "",
             {{"t1", "write_spec", R"({"title":"a"})"}, {"t2", "handoff", R"({"to":"b"})"}},
             {},
             {}},
            {ChatMessage::Role::Tool, R"({"recorded":"spec"})", {}, "t1", "write_spec"},
            {ChatMessage::Role::Tool, R"({"error":"no"})", {}, "t2", "handoff"}};
        r.tools = {{"write_spec", "record", {{"type", "object"}}}};
        return r;
    }

private slots:
    void failedResultsAreMarkedAndLongPromptsCached()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::anthropicText("short"));
        server.enqueue(FakeReply::anthropicText("long"));
        auto p =
            makeProvider(QStringLiteral("anthropic"), server.baseUrl(), &m_network, 1, 5000, "key");
        QObject owner;
        ChatRequest r;
        r.model = "claude-test";
        r.system = "be brief";
        r.messages = {
            ChatMessage::user("go"),
            {ChatMessage::Role::Assistant, "", {{"t1", "run_tests", "{}"}}, {}, {}},
            {ChatMessage::Role::Tool, "{\"error\":\"boom\"}", {}, "t1", "run_tests", true}};
        QVERIFY(finishCall(*p, r, &owner)->succeeded());
        const Json small = server.requests().at(0).json();
        QCOMPARE(small["messages"][2]["content"][0]["is_error"], true);
        QCOMPARE(small["system"], "be brief"); // too short to cache: nothing is marked
        QVERIFY(small.dump().find("cache_control") == std::string::npos);
        r.system = std::string(6000, 's');
        r.tools = {{"run_tests", "run them", {{"type", "object"}}}};
        QVERIFY(finishCall(*p, r, &owner)->succeeded());
        const Json big = server.requests().at(1).json();
        QCOMPARE(big["system"][0]["cache_control"]["type"], "ephemeral");
        QCOMPARE(big["tools"].back()["cache_control"]["type"], "ephemeral");
        QCOMPARE(big["messages"].back()["content"].back()["cache_control"]["type"], "ephemeral");
    }

    void cacheTokensCountAsPromptTokensAndArePriced()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(
            FakeReply::raw(200, toBytes({{"type", "message"},
                                         {"model", "claude-sonnet-4-5"},
                                         {"stop_reason", "end_turn"},
                                         {"content", {{{"type", "text"}, {"text", "ok"}}}},
                                         {"usage",
                                          {{"input_tokens", 100},
                                           {"cache_read_input_tokens", 900},
                                           {"cache_creation_input_tokens", 1000},
                                           {"output_tokens", 10}}}})));
        auto p =
            makeProvider(QStringLiteral("anthropic"), server.baseUrl(), &m_network, 1, 5000, "key");
        QObject owner;
        ChatRequest r;
        r.model = "claude-sonnet-4-5";
        r.messages = {ChatMessage::user("go")};
        LlmCall* call = finishCall(*p, r, &owner);
        QVERIFY2(call->succeeded(), qPrintable(call->error()));
        const TokenUsage usage = call->response().usage;
        QCOMPARE(usage.prompt, 2000LL);
        QCOMPARE(usage.cached, 900LL);
        QCOMPARE(usage.cacheWrite, 1000LL);
        // 100 × 3.00 + 900 × 0.30 + 1000 × 3.75 + 10 × 15.00, per million.
        const double cost =
            Pricing::bundled().cost("anthropic", "claude-sonnet-4-5", usage).value();
        QVERIFY2(qAbs(cost - (300 + 270 + 3750 + 150) / 1e6) < 1e-12,
                 qPrintable(QString::number(cost)));
    }

    void requestShapeAndToolUse()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::anthropicToolUse({{"tu_1", "write_spec", R"({"title":"Clock"})"}},
                                                   "Recording."));
        auto p = provider(server.baseUrl());
        QObject owner;
        LlmCall* call = finishCall(*p, request(false), &owner);
        QVERIFY2(call->succeeded(), qPrintable(call->error()));
        QCOMPARE(call->response().content, std::string("Recording."));
        QCOMPARE(call->response().toolCalls.size(), size_t(1));
        QCOMPARE(
            parseJson(QByteArray::fromStdString(call->response().toolCalls[0].arguments))["title"],
            "Clock");
        QCOMPARE(call->response().usage.prompt, 25LL);
        QCOMPARE(call->response().finishReason, std::string("tool_use"));

        const RecordedRequest sent = server.requests().at(0);
        QCOMPARE(sent.path, QByteArray("/v1/messages"));
        QCOMPARE(sent.header("x-api-key"), QByteArray("ak-test-key"));
        QCOMPARE(sent.header("anthropic-version"), QByteArray("2023-06-01"));
        const Json body = sent.json();
        QCOMPARE(body["system"], "be brief");
        QCOMPARE(body["tools"][0]["input_schema"]["type"], "object");
        QCOMPARE(body["messages"].size(), size_t(3)); // user, assistant, user(tool results)
        QCOMPARE(body["messages"][1]["content"][0]["type"], "tool_use");
        QCOMPARE(body["messages"][1]["content"][0]["input"]["title"], "a");
        QCOMPARE(body["messages"][2]["role"], "user");
        QCOMPARE(body["messages"][2]["content"].size(), size_t(2));
        QCOMPARE(body["messages"][2]["content"][1]["tool_use_id"], "t2");
    }

    void streamedToolUseInOneByteFragments()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        const std::vector<ToolCall> calls = {
            {"tu_a", "write_spec", R"({"title":"Clock","summary":"ü"})"},
            {"tu_b", "handoff", R"({"to":"architect"})"}};
        server.enqueue(FakeReply::anthropicStream("Thinking aloud.", calls, 1));
        auto p = provider(server.baseUrl());
        QObject owner;
        LlmCall* call = finishCall(*p, request(true), &owner);
        QVERIFY2(call->succeeded(), qPrintable(call->error()));
        const ChatResponse& r = call->response();
        QCOMPARE(r.content, std::string("Thinking aloud."));
        QCOMPARE(r.toolCalls.size(), size_t(2));
        QCOMPARE(r.toolCalls[0].arguments, calls[0].arguments);
        QCOMPARE(r.toolCalls[1].name, std::string("handoff"));
        QCOMPARE(r.toolCalls[1].arguments, calls[1].arguments);
        QCOMPARE(r.usage.prompt, 40LL);
        QCOMPARE(r.usage.completion, 17LL);
        QCOMPARE(server.requests().at(0).json()["stream"], true);
    }

    void retriesOverloadedThenSucceeds()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::error(529, "Overloaded", 0));
        server.enqueue(FakeReply::error(429, "rate limited", 0));
        server.enqueue(FakeReply::anthropicText("fine"));
        auto p = provider(server.baseUrl(), 3);
        QObject owner;
        LlmCall* call = finishCall(*p, request(false), &owner);
        QVERIFY2(call->succeeded(), qPrintable(call->error()));
        QCOMPARE(server.requestCount(), 3);
        QCOMPARE(call->response().attempts, 3);
    }

    void errorEventInStreamFails()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        FakeReply reply;
        reply.stream = true;
        reply.chunks = {
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{}}\n\n",
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
            "\"message\":\"Overloaded\"}}\n\n"};
        server.enqueue(reply);
        auto p = provider(server.baseUrl(), 1);
        QObject owner;
        LlmCall* call = finishCall(*p, request(true), &owner);
        QVERIFY(!call->succeeded());
        QVERIFY2(call->error().contains("Overloaded"), qPrintable(call->error()));
    }

    void truncatedStreamAndMalformedBody()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        FakeReply truncated = FakeReply::anthropicStream("abc", {}, 1);
        truncated.fault = FakeReply::Fault::Truncate;
        truncated.faultAfterChunks = 3;
        server.enqueue(truncated);
        auto p = provider(server.baseUrl(), 1);
        QObject owner;
        LlmCall* call = finishCall(*p, request(true), &owner);
        QVERIFY(call->error().contains("stream ended before the reply was complete"));

        server.enqueue(FakeReply::raw(200, "<html>proxy error</html>"));
        call = finishCall(*p, request(false), &owner);
        QVERIFY2(call->error().contains("reply is not JSON"), qPrintable(call->error()));
    }

    void stalledStreamHitsTimeout()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        FakeReply stalled = FakeReply::anthropicStream("abc", {}, 1);
        stalled.fault = FakeReply::Fault::Stall;
        stalled.faultAfterChunks = 2;
        server.enqueue(stalled);
        auto p = provider(server.baseUrl(), 1, 250);
        QObject owner;
        LlmCall* call = finishCall(*p, request(true), &owner);
        QVERIFY2(call->error().contains("no data for 250 ms"), qPrintable(call->error()));
    }
};

QTEST_GUILESS_MAIN(TestAnthropicClient)
#include "tst_anthropic_client.moc"
