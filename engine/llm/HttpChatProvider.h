#pragma once
// A provider that speaks one ChatProtocol over HTTP(S): shared transport, timeouts and
// retries for OpenAI-compatible and Anthropic endpoints.

#include "llm/ChatProtocol.h"
#include "llm/LlmProvider.h"
#include "llm/RetryPolicy.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace orch::net {
class HttpClient;
class HttpReply;
} // namespace orch::net

namespace orch {

struct ProviderEndpoint
{
    QUrl baseUrl;           // "http://127.0.0.1:8080/v1", "https://api.anthropic.com/v1"
    QByteArray apiKey;      // never logged; empty for local servers without auth
    int timeoutMs = 120000; // longest silence allowed (whole reply, or between stream bytes)
    // Longest one attempt may take however steadily bytes arrive (a drip never ends otherwise).
    int deadlineMs = 300000;
    // Largest reply body; a bigger one is cut off and retried, then the call fails.
    qint64 maxReplyBytes = 8 * 1024 * 1024;
    RetryPolicy retry;
    // Sent with every request (OpenRouter's HTTP-Referer and X-Title, a gateway's tenant).
    QList<QPair<QByteArray, QByteArray>> headers;
};

class HttpChatProvider final : public LlmProvider
{
public:
    HttpChatProvider(std::unique_ptr<ChatProtocol> protocol, ProviderEndpoint endpoint,
                     net::HttpClient* http);

    LlmCall* start(const ChatRequest& request, QObject* parent) override;
    QString label() const override;

private:
    std::unique_ptr<ChatProtocol> m_protocol;
    ProviderEndpoint m_endpoint;
    net::HttpClient* m_http;
};

class HttpChatCall final : public LlmCall
{
    Q_OBJECT
public:
    HttpChatCall(const ChatProtocol& protocol, const ProviderEndpoint& endpoint,
                 net::HttpClient* http, const ChatRequest& request, QObject* parent);

    void abort() override;

private:
    void sendAttempt();
    void startTimers();
    void onReceived(const QByteArray& bytes);
    void onReplyFinished();
    void onSilenceTimeout();
    void onDeadline();
    void onReceivedGuarded(const QByteArray& bytes);
    void onReplyFinishedGuarded();
    void stopAttempt(const QString& reason); // aborts the reply; onReplyFinished reports it
    void retryOrFail(const QString& reason, std::optional<int> retryAfterMs = std::nullopt);
    void fail(const QString& reason);
    void succeed(ChatResponse response);
    int httpStatus() const;
    bool repliesWithEvents() const;

    const ChatProtocol& m_protocol;
    const ProviderEndpoint& m_endpoint;
    net::HttpClient* m_http;
    QUrl m_url;
    QByteArray m_body;
    QElapsedTimer m_sentAt; // bench_steps --profile
    bool m_stream;
    int m_attempt = 0;
    bool m_done = false;
    QString m_abortReason; // why this attempt was aborted (retryable)
    QString m_streamError; // why it was aborted for good
    qint64 m_receivedBytes = 0;
    QPointer<net::HttpReply> m_reply;
    QByteArray m_received;
    SseParser m_sse;
    std::unique_ptr<StreamDecoder> m_decoder;
    QTimer m_silenceTimer;
    QTimer m_deadlineTimer;
    QTimer m_backoffTimer;
};

} // namespace orch
