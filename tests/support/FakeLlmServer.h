#pragma once
// A local stand-in for model APIs: speaks OpenAI Chat Completions and Responses and Anthropic
// Messages over real HTTP/1.1 on 127.0.0.1 (keep-alive, SSE), is scripted per test, records
// every request, and injects faults: error statuses with Retry-After, stalls, truncated
// streams, bad JSON. Requests the real APIs refuse (FakeRequestRules.h) are refused here too.

#include "JsonCompare.h"
#include "api/ChatTypes.h"
#include "core/Json.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QTcpServer>
#include <QUrl>
#include <atomic>
#include <deque>
#include <functional>

namespace orch::test {

struct RecordedRequest
{
    QByteArray method;
    QByteArray path;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;

    QByteArray header(const QByteArray& name) const;
    Json json() const { return parseJson(body); }
};

struct FakeReply
{
    enum class Fault
    {
        None,
        Stall,          // send the headers (and `chunks` up to stallAfter), then go silent
        Truncate,       // send part of the stream, then close the connection
        DropConnection, // close without answering
    };
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;     // whole replies
    bool stream = false; // chunks are SSE bytes, sent as they are
    QList<QByteArray> chunks;
    int chunkDelayMs = 0;
    int delayMs = 0; // before anything is sent
    Fault fault = Fault::None;
    int faultAfterChunks = 0; // Stall/Truncate: chunks sent before the fault

    // OpenAI-compatible builders.
    static FakeReply openAiText(const std::string& text, long long promptTokens = 10,
                                long long completionTokens = 5);
    static FakeReply openAiToolCalls(const std::vector<ToolCall>& calls,
                                     const std::string& text = {});
    // A stream whose text and tool arguments arrive in fragments of `fragment` bytes.
    static FakeReply openAiStream(const std::string& text, const std::vector<ToolCall>& calls,
                                  int fragment = 4, long long promptTokens = 30,
                                  long long completionTokens = 12);
    // Anthropic builders.
    static FakeReply anthropicText(const std::string& text);
    static FakeReply anthropicToolUse(const std::vector<ToolCall>& calls,
                                      const std::string& text = {});
    static FakeReply anthropicStream(const std::string& text, const std::vector<ToolCall>& calls,
                                     int fragment = 4);
    // OpenAI Responses API builders (https://platform.openai.com/docs/api-reference/responses):
    // a whole `response` object, and the SSE events a streamed one arrives as.
    static FakeReply responses(const std::string& text, const std::vector<ToolCall>& calls = {},
                               long long inputTokens = 30, long long outputTokens = 11);
    static FakeReply responsesStream(const Json& response);
    // An error body in the given protocol's shape.
    static FakeReply error(int status, const std::string& message, int retryAfterSeconds = -1);
    static FakeReply raw(int status, QByteArray body);
};

class FakeLlmServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<FakeReply(const RecordedRequest&)>;

    explicit FakeLlmServer(QObject* parent = nullptr);

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QUrl baseUrl() const; // http://127.0.0.1:PORT/v1

    // Requests the real API refuses get its 400; otherwise replies queued with enqueue() go
    // first; then the handler; else a 500.
    void enqueue(FakeReply reply);
    void setHandler(Handler handler);
    void setRecording(bool on) { m_recording = on; }

    // Forgets recorded requests, the count and queued replies.
    void reset();
    QList<RecordedRequest> requests() const;
    int requestCount() const;
    int connectionCount() const { return m_connections; } // connections accepted so far

signals:
    void requestReceived();

private:
    void onConnection();
    FakeReply replyFor(const RecordedRequest& request);
    // A whole reply turned into the protocol's event stream when the request asked to stream,
    // as a real server would answer.
    static FakeReply asStreamIfAsked(const RecordedRequest& request, const Json& asked,
                                     FakeReply reply);

    QTcpServer m_server{this}; // a child, so moveToThread() takes it along
    mutable QMutex m_mutex;
    std::deque<FakeReply> m_queue;
    Handler m_handler;
    QList<RecordedRequest> m_requests;
    int m_count = 0;
    std::atomic<int> m_connections = 0;
    bool m_recording = true;
};

} // namespace orch::test
