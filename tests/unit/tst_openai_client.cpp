// The OpenAI-compatible client against the local fake server: streaming with fragmented tool
// arguments, several tool calls, retries with Retry-After, bounded failures, timeouts,
// truncated streams and malformed bodies.

#include "FakeLlmServer.h"
#include "LlmTestHelpers.h"
#include "llm/HttpChatProvider.h"
#include "llm/OpenAiProtocol.h"
#include "net/HttpClient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestOpenAiClient : public QObject
{
    Q_OBJECT

    net::HttpClient m_network;

    std::unique_ptr<HttpChatProvider> provider(const QUrl& url, int attempts = 3,
                                               int timeoutMs = 5000)
    {
        return makeProvider(QStringLiteral("openai"), url, &m_network, attempts, timeoutMs,
                            "sk-test-key");
    }
    static ChatRequest request(bool stream)
    {
        ChatRequest r;
        r.model = "gpt-test";
        r.system = "be brief";
        r.stream = stream;
        r.messages = {ChatMessage::user("hello")};
        r.tools = {{"write_spec", "record", {{"type", "object"}}}};
        return r;
    }

private slots:
    void wholeReplyWithUsage()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::openAiText("Hi there", 11, 3));
        auto p = provider(server.baseUrl());
        QObject owner;
        LlmCall* call = finishCall(*p, request(false), &owner);
        QVERIFY2(call->succeeded(), qPrintable(call->error()));
        QCOMPARE(call->response().content, std::string("Hi there"));
        QCOMPARE(call->response().usage.prompt, 11LL);
        QCOMPARE(call->response().usage.completion, 3LL);

        const RecordedRequest sent = server.requests().at(0);
        QCOMPARE(sent.path, QByteArray("/v1/chat/completions"));
        QCOMPARE(sent.header("authorization"), QByteArray("Bearer sk-test-key"));
        const Json body = sent.json();
        QCOMPARE(body["model"], "gpt-test");
        QCOMPARE(body["messages"][0]["role"], "system");
        QCOMPARE(body["messages"][1]["content"], "hello");
        QCOMPARE(body["tools"][0]["function"]["name"], "write_spec");
        QVERIFY(!body.contains("stream"));
    }

    void aServerThatRepeatsTheToolNameInEveryChunk()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        FakeReply reply =
            FakeReply::openAiStream("", {{"call_a", "write_file", R"({"path":"a.py"})"}}, 3);
        // Every argument fragment carries the id and the name again, as some servers do.
        for (QByteArray& chunk : reply.chunks) {
            if (!chunk.startsWith("data: {"))
                continue;
            Json json = parseJson(chunk.mid(6).trimmed());
            Json& delta = json["choices"][0]["delta"];
            if (!delta.contains("tool_calls"))
                continue;
            delta["tool_calls"][0]["id"] = "call_a";
            delta["tool_calls"][0]["function"]["name"] = "write_file";
            chunk = "data: " + toBytes(json) + "\n\n";
        }
        server.enqueue(reply);
        auto p = provider(server.baseUrl());
        QObject owner;
        LlmCall* call = finishCall(*p, request(true), &owner);
        QVERIFY2(call->succeeded(), qPrintable(call->error()));
        QCOMPARE(call->response().toolCalls.size(), size_t(1));
        QCOMPARE(call->response().toolCalls[0].name, std::string("write_file"));
        QCOMPARE(call->response().toolCalls[0].id, std::string("call_a"));
        QCOMPARE(call->response().toolCalls[0].arguments, std::string(R"({"path":"a.py"})"));
    }

    void profileDecidesTheParametersSent()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::openAiText("a"));
        server.enqueue(FakeReply::openAiText("b"));
        auto p = provider(server.baseUrl());
        QObject owner;
        ChatRequest reasoning = request(false);
        reasoning.sendTemperature = false;
        reasoning.outputTokensField = "max_completion_tokens";
        reasoning.reasoningEffort = "low";
        reasoning.maxTokens = 9000;
        reasoning.emptyContentAsString = true;
        reasoning.messages.push_back(
            {ChatMessage::Role::Assistant, "", {{"c1", "write_spec", "{}"}}, {}, {}});
        reasoning.messages.push_back({ChatMessage::Role::Tool, "{}", {}, "c1", "write_spec"});
        QVERIFY(finishCall(*p, reasoning, &owner)->succeeded());
        const Json sent = server.requests().at(0).json();
        QVERIFY(!sent.contains("temperature"));
        QVERIFY(!sent.contains("max_tokens"));
        QCOMPARE(sent["max_completion_tokens"], 9000);
        QCOMPARE(sent["reasoning_effort"], "low");
        QCOMPARE(sent["messages"][2]["content"], ""); // not null
        // The defaults: temperature and max_tokens, null content next to calls.
        reasoning.sendTemperature = true;
        reasoning.outputTokensField = "max_tokens";
        reasoning.reasoningEffort.clear();
        reasoning.emptyContentAsString = false;
        QVERIFY(finishCall(*p, reasoning, &owner)->succeeded());
        const Json plain = server.requests().at(1).json();
        QCOMPARE(plain["max_tokens"], 9000);
        QVERIFY(plain.contains("temperature"));
        QVERIFY(plain["messages"][2]["content"].is_null());
    }

    void streamedToolCallsInOneByteFragments()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        const std::vector<ToolCall> calls = {
            {"call_a", "write_spec", R"({"title":"Clock","summary":"Tells the time, ünïcode"})"},
            {"call_b", "handoff", R"({"to":"architect"})"}};
        server.enqueue(FakeReply::openAiStream("Let me record it.", calls, 1));
        auto p = provider(server.baseUrl());
        QObject owner;
        LlmCall* call = p->start(request(true), &owner);
        QSignalSpy deltas(call, &LlmCall::textDelta);
        QSignalSpy done(call, &LlmCall::finished);
        QVERIFY(done.wait(10000));
        QVERIFY2(call->succeeded(), qPrintable(call->error()));
        const ChatResponse& response = call->response();
        QCOMPARE(response.content, std::string("Let me record it."));
        QCOMPARE(deltas.count(), int(std::string("Let me record it.").size()));
        QCOMPARE(response.toolCalls.size(), size_t(2));
        QCOMPARE(response.toolCalls[0].id, calls[0].id);
        QCOMPARE(response.toolCalls[0].name, calls[0].name);
        QCOMPARE(response.toolCalls[0].arguments, calls[0].arguments);
        QCOMPARE(response.toolCalls[1].arguments, calls[1].arguments);
        QCOMPARE(response.finishReason, std::string("tool_calls"));
        QCOMPARE(response.usage.prompt, 30LL);
        const Json body = server.requests().at(0).json();
        QCOMPARE(body["stream"], true);
        QCOMPARE(body["stream_options"]["include_usage"], true);
    }

    // A stream ends with its last chunk, not with the connection: the next call reuses it.
    void streamedCallsShareOneConnection()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        auto p = provider(server.baseUrl());
        for (const char* text : {"first", "second", "third"}) {
            server.enqueue(FakeReply::openAiStream(text, {}, 2));
            QObject owner;
            LlmCall* call = finishCall(*p, request(true), &owner);
            QVERIFY2(call->succeeded(), qPrintable(call->error()));
            QCOMPARE(call->response().content, std::string(text));
        }
        QCOMPARE(server.requestCount(), 3);
        QCOMPARE(server.connectionCount(), 1);
    }

    // With every connection to the provider busy, a call waits its turn; the wait is not the
    // provider's silence, so it does not time the call out (and it is not retried for it).
    void aCallWaitingForAConnectionIsNotTimedOut()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        for (const char* text : {"first", "second"}) {
            FakeReply slow = FakeReply::openAiText(text);
            slow.delayMs = 400;
            server.enqueue(slow);
        }
        net::HttpClient oneConnection({.maxConnectionsPerOrigin = 1, .idleTimeoutMs = 30000},
                                      nullptr);
        auto p = makeProvider(QStringLiteral("openai"), server.baseUrl(), &oneConnection, 1, 600,
                              "sk-test-key");
        QObject owner;
        LlmCall* first = p->start(request(false), &owner);
        QSignalSpy firstDone(first, &LlmCall::finished);
        LlmCall* second = finishCall(*p, request(false), &owner);
        QVERIFY(firstDone.count() == 1 || firstDone.wait(5000));
        QVERIFY2(first->succeeded(), qPrintable(first->error()));
        QVERIFY2(second->succeeded(), qPrintable(second->error()));
        QCOMPARE(server.requestCount(), 2);
    }

    void twoToolCallsInWholeReply()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(
            FakeReply::openAiToolCalls({{"c1", "write_spec", R"({"title":"t","summary":"s"})"},
                                        {"c2", "handoff", R"({"to":"x"})"}}));
        auto p = provider(server.baseUrl());
        QObject owner;
        LlmCall* call = finishCall(*p, request(false), &owner);
        QVERIFY2(call->succeeded(), qPrintable(call->error()));
        QCOMPARE(call->response().toolCalls.size(), size_t(2));
        QCOMPARE(call->response().toolCalls[1].name, std::string("handoff"));
    }

    void retriesAfter429HonouringRetryAfter()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::error(429, "slow down", 1));
        server.enqueue(FakeReply::openAiText("ok"));
        auto p = provider(server.baseUrl());
        QObject owner;
        QElapsedTimer timer;
        timer.start();
        LlmCall* call = p->start(request(false), &owner);
        QSignalSpy retries(call, &LlmCall::retrying);
        QSignalSpy done(call, &LlmCall::finished);
        QVERIFY(done.wait(10000));
        QVERIFY2(call->succeeded(), qPrintable(call->error()));
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(call->response().attempts, 2);
        QCOMPARE(retries.count(), 1);
        QCOMPARE(retries.at(0).at(1).toInt(), 1000); // the server's Retry-After, not the backoff
        QVERIFY(timer.elapsed() >= 950);
    }

    void gives_up_after_repeated_500_with_clear_error()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        for (int i = 0; i < 3; ++i)
            server.enqueue(FakeReply::error(500, "the model is on fire"));
        auto p = provider(server.baseUrl(), 3);
        QObject owner;
        LlmCall* call = finishCall(*p, request(false), &owner);
        QVERIFY(!call->succeeded());
        QCOMPARE(server.requestCount(), 3);
        const QString error = call->error();
        QVERIFY2(error.contains(server.baseUrl().toString() + "/chat/completions"),
                 qPrintable(error));
        QVERIFY2(error.contains("HTTP 500"), qPrintable(error));
        QVERIFY2(error.contains("the model is on fire"), qPrintable(error));
        QVERIFY2(error.contains("gave up after 3 attempts"), qPrintable(error));
        QVERIFY2(!error.contains("sk-test-key"), qPrintable(error));
    }

    void clientErrorsAreNotRetried()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::error(401, "bad key"));
        auto p = provider(server.baseUrl(), 3);
        QObject owner;
        LlmCall* call = finishCall(*p, request(false), &owner);
        QVERIFY(!call->succeeded());
        QCOMPARE(server.requestCount(), 1);
        QVERIFY(call->error().contains("HTTP 401: bad key"));
    }

    void stalledStreamHitsTimeout()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        FakeReply stalled = FakeReply::openAiStream("never finishes", {}, 2);
        stalled.fault = FakeReply::Fault::Stall;
        stalled.faultAfterChunks = 2;
        server.enqueue(stalled);
        auto p = provider(server.baseUrl(), 1, 300);
        QObject owner;
        LlmCall* call = finishCall(*p, request(true), &owner);
        QVERIFY(!call->succeeded());
        QVERIFY2(call->error().contains("no data for 300 ms"), qPrintable(call->error()));
    }

    void stalledWholeReplyIsRetriedThenSucceeds()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        FakeReply stalled = FakeReply::openAiText("late");
        stalled.fault = FakeReply::Fault::Stall;
        server.enqueue(stalled);
        server.enqueue(FakeReply::openAiText("on time"));
        auto p = provider(server.baseUrl(), 2, 300);
        QObject owner;
        LlmCall* call = finishCall(*p, request(false), &owner);
        QVERIFY2(call->succeeded(), qPrintable(call->error()));
        QCOMPARE(call->response().content, std::string("on time"));
    }

    void truncatedStreamIsAnErrorThenRetried()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        FakeReply truncated =
            FakeReply::openAiStream("cut short", {{"c", "handoff", R"({"to":"x"})"}}, 2);
        truncated.fault = FakeReply::Fault::Truncate;
        truncated.faultAfterChunks = 4;
        server.enqueue(truncated);
        auto once = provider(server.baseUrl(), 1);
        QObject owner;
        LlmCall* call = finishCall(*once, request(true), &owner);
        QVERIFY(!call->succeeded());
        QVERIFY2(call->error().contains("stream ended before the reply was complete"),
                 qPrintable(call->error()));

        server.enqueue(truncated);
        server.enqueue(FakeReply::openAiStream("complete", {}, 3));
        auto twice = provider(server.baseUrl(), 2);
        call = finishCall(*twice, request(true), &owner);
        QVERIFY2(call->succeeded(), qPrintable(call->error()));
        QCOMPARE(call->response().content, std::string("complete"));
    }

    void invalidJsonIsAClearError()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::raw(200, "{\"choices\": [ {not json"));
        auto p = provider(server.baseUrl());
        QObject owner;
        LlmCall* call = finishCall(*p, request(false), &owner);
        QVERIFY(!call->succeeded());
        QVERIFY2(call->error().contains("malformed reply"), qPrintable(call->error()));
        QCOMPARE(server.requestCount(), 1);

        server.enqueue(FakeReply::raw(200, "{\"choices\": []}"));
        call = finishCall(*p, request(false), &owner);
        QVERIFY(call->error().contains("no choices"));

        FakeReply badChunk;
        badChunk.stream = true;
        badChunk.chunks = {"data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n",
                           "data: {oops\n\n"};
        server.enqueue(badChunk);
        call = finishCall(*p, request(true), &owner);
        QVERIFY2(call->error().contains("malformed stream chunk"), qPrintable(call->error()));
    }

    void deadServerFailsAfterAttempts()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/v1").arg(closed.serverPort()));
        closed.close();
        auto p = provider(url, 2);
        QObject owner;
        LlmCall* call = finishCall(*p, request(false), &owner);
        QVERIFY(!call->succeeded());
        QVERIFY2(call->error().contains("connection failed"), qPrintable(call->error()));
        QVERIFY(call->error().contains("gave up after 2 attempts"));
    }

    void abortFinishesOnce()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        FakeReply slow = FakeReply::openAiText("slow");
        slow.delayMs = 2000;
        server.enqueue(slow);
        auto p = provider(server.baseUrl());
        QObject owner;
        LlmCall* call = p->start(request(false), &owner);
        QSignalSpy done(call, &LlmCall::finished);
        QTest::qWait(50);
        call->abort();
        QVERIFY(done.wait(2000));
        QTest::qWait(100);
        QCOMPARE(done.count(), 1);
        QCOMPARE(call->error(), QStringLiteral("cancelled"));
    }
};

QTEST_GUILESS_MAIN(TestOpenAiClient)
#include "tst_openai_client.moc"
