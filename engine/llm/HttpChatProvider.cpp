#include "llm/HttpChatProvider.h"

#include "core/Guard.h"
#include "core/Log.h"
#include "core/Redaction.h"
#include "core/StepProfile.h"
#include "net/HttpClient.h"

namespace orch {
namespace {

QByteArray serialised(const ChatProtocol& protocol, const ChatRequest& request)
{
    const profile::Scope timed("http: request serialised and scrubbed");
    return redaction::bytes(toBytes(protocol.body(request)));
}

} // namespace

HttpChatProvider::HttpChatProvider(std::unique_ptr<ChatProtocol> protocol,
                                   ProviderEndpoint endpoint, net::HttpClient* http)
    : m_protocol(std::move(protocol)), m_endpoint(std::move(endpoint)), m_http(http)
{
}

LlmCall* HttpChatProvider::start(const ChatRequest& request, QObject* parent)
{
    return new HttpChatCall(*m_protocol, m_endpoint, m_http, request, parent);
}

QString HttpChatProvider::label() const
{
    return QStringLiteral("%1 %2").arg(QLatin1String(m_protocol->name()),
                                       m_endpoint.baseUrl.toDisplayString(QUrl::RemoveUserInfo));
}

HttpChatCall::HttpChatCall(const ChatProtocol& protocol, const ProviderEndpoint& endpoint,
                           net::HttpClient* http, const ChatRequest& request, QObject* parent)
    : LlmCall(parent), m_protocol(protocol), m_endpoint(endpoint), m_http(http),
      m_url(protocol.endpoint(endpoint.baseUrl)), m_body(serialised(protocol, request)),
      m_stream(request.stream)
{
    m_silenceTimer.setSingleShot(true);
    m_silenceTimer.setInterval(endpoint.timeoutMs);
    connect(&m_silenceTimer, &QTimer::timeout, this, &HttpChatCall::onSilenceTimeout);
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setInterval(endpoint.deadlineMs);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &HttpChatCall::onDeadline);
    m_backoffTimer.setSingleShot(true);
    connect(&m_backoffTimer, &QTimer::timeout, this, &HttpChatCall::sendAttempt);
    sendAttempt();
}

void HttpChatCall::abort()
{
    if (m_done)
        return;
    m_done = true;
    m_backoffTimer.stop();
    m_silenceTimer.stop();
    m_deadlineTimer.stop();
    if (m_reply)
        m_reply->abort();
    finishWith(Error{QStringLiteral("cancelled")});
}

void HttpChatCall::sendAttempt()
{
    ++m_attempt;
    m_abortReason.clear();
    m_streamError.clear();
    m_received.clear();
    m_receivedBytes = 0;
    m_sse = SseParser();
    m_decoder = m_stream ? m_protocol.streamDecoder() : nullptr;
    if (m_decoder)
        m_decoder->onText = [this](const std::string& text) { emit textDelta(toQ(text)); };

    net::HttpRequest request;
    request.url = m_url;
    request.headers = {{"Content-Type", "application/json"},
                       {"Accept", m_stream ? "text/event-stream" : "application/json"}};
    request.headers.append(m_endpoint.headers);
    m_protocol.addHeaders(request.headers, m_endpoint.apiKey); // the key is never one of them
    request.body = m_body;
    if (profile::enabled())
        m_sentAt.start();
    m_reply = m_http->send(request, this);
    connect(m_reply, &net::HttpReply::received, this, &HttpChatCall::onReceivedGuarded);
    connect(m_reply, &net::HttpReply::finished, this, &HttpChatCall::onReplyFinishedGuarded);
    // A request waiting for a free connection to its provider is not the provider's silence.
    if (m_reply->isQueued())
        connect(m_reply, &net::HttpReply::dequeued, this, &HttpChatCall::startTimers);
    else
        startTimers();
}

void HttpChatCall::startTimers()
{
    m_silenceTimer.start();
    m_deadlineTimer.start();
}

// Whatever a malformed reply makes the parsers throw fails this call, never the process.
void HttpChatCall::onReceivedGuarded(const QByteArray& bytes)
{
    if (auto ok = guarded("llm", "reading a model reply", [&] { onReceived(bytes); }); !ok) {
        m_streamError = ok.error();
        if (m_reply)
            m_reply->abort();
    }
}

void HttpChatCall::onReplyFinishedGuarded()
{
    if (auto ok = guarded("llm", "finishing a model reply", [this] { onReplyFinished(); });
        !ok && !m_done)
        fail(ok.error());
}

void HttpChatCall::stopAttempt(const QString& reason)
{
    if (m_abortReason.isEmpty())
        m_abortReason = reason;
    if (m_reply)
        m_reply->abort();
}

bool HttpChatCall::repliesWithEvents() const
{
    // Some servers ignore "stream": a JSON body is then read as a whole reply.
    return !m_reply->head().value("content-type").startsWith("application/json");
}

int HttpChatCall::httpStatus() const
{
    return m_reply ? m_reply->status() : 0;
}

void HttpChatCall::onReceived(const QByteArray& bytes)
{
    if (!m_reply || !m_abortReason.isEmpty())
        return;
    m_silenceTimer.start();
    // Past the limit the call stops, so a huge reply is never held in memory.
    m_receivedBytes += bytes.size();
    if (m_receivedBytes > m_endpoint.maxReplyBytes)
        return stopAttempt(
            QStringLiteral("the reply is larger than %1 bytes").arg(m_endpoint.maxReplyBytes));
    if (!m_decoder || httpStatus() != 200 || !repliesWithEvents()) {
        m_received.append(bytes);
        return;
    }
    if (!m_streamError.isEmpty())
        return;
    for (const SseEvent& event : m_sse.feed(bytes)) {
        auto accepted = m_decoder->onEvent(event);
        if (!accepted) {
            m_streamError = accepted.error();
            m_reply->abort();
            return;
        }
    }
}

void HttpChatCall::onSilenceTimeout()
{
    stopAttempt(QStringLiteral("no data for %1 ms").arg(m_endpoint.timeoutMs));
}

void HttpChatCall::onDeadline()
{
    stopAttempt(QStringLiteral("the reply took longer than %1 ms").arg(m_endpoint.deadlineMs));
}

void HttpChatCall::onReplyFinished()
{
    if (profile::enabled() && m_sentAt.isValid())
        profile::record("http: round trip", m_sentAt.nsecsElapsed());
    m_silenceTimer.stop();
    m_deadlineTimer.stop();
    net::HttpReply* reply = m_reply;
    if (!reply || m_done)
        return;
    reply->deleteLater();
    const int status = httpStatus();
    if (!m_streamError.isEmpty())
        return fail(m_streamError);
    if (!m_abortReason.isEmpty())
        return retryOrFail(m_abortReason);
    if (status == 0)
        return retryOrFail(QStringLiteral("connection failed: %1").arg(reply->error()));
    if (status != 200) {
        const QString reason =
            QStringLiteral("HTTP %1: %2").arg(status).arg(m_protocol.errorMessage(m_received));
        if (status == 429 || status == 408 || status >= 500)
            return retryOrFail(reason, parseRetryAfter(reply->head().value("retry-after"),
                                                       reply->head().value("retry-after-ms")));
        return fail(reason);
    }
    if (!reply->error().isEmpty() && !m_decoder)
        return retryOrFail(QStringLiteral("transfer failed: %1").arg(reply->error()));
    if (m_decoder && repliesWithEvents()) {
        if (!m_decoder->complete())
            return retryOrFail(QStringLiteral("stream ended before the reply was complete"));
        return succeed(m_decoder->take());
    }
    Result<ChatResponse> parsed = Error{QString()};
    {
        const profile::Scope timed("http: reply parsed");
        parsed = m_protocol.parseReply(m_received);
    }
    if (!parsed)
        return fail(QStringLiteral("malformed reply: %1").arg(parsed.error()));
    succeed(std::move(parsed).value());
}

void HttpChatCall::succeed(ChatResponse response)
{
    response.attempts = m_attempt;
    if (!response.usage.reported) {
        // Counts that cannot be true are replaced by an estimate from the bytes, so the
        // call still counts against the run's limits.
        log::get("llm")->warn("{} {}: the reply's token counts are not plausible; estimating them",
                              m_protocol.name(), m_url.toDisplayString(QUrl::RemoveUserInfo));
        response.usage.prompt = m_body.size() / 4;
        response.usage.completion = m_receivedBytes / 4;
        response.usage.cached = 0;
    }
    m_done = true;
    finishWith(std::move(response));
}

void HttpChatCall::retryOrFail(const QString& reason, std::optional<int> retryAfterMs)
{
    if (m_attempt >= m_endpoint.retry.maxAttempts)
        return fail(QStringLiteral("%1 (gave up after %2 attempts)").arg(reason).arg(m_attempt));
    const int delay = m_endpoint.retry.delayMs(m_attempt + 1, retryAfterMs);
    log::get("llm")->warn("{} {}: {}; retrying in {} ms (attempt {} of {})", m_protocol.name(),
                          m_url.toDisplayString(QUrl::RemoveUserInfo), reason, delay, m_attempt + 1,
                          m_endpoint.retry.maxAttempts);
    emit retrying(m_attempt + 1, delay, reason);
    m_backoffTimer.start(delay);
}

void HttpChatCall::fail(const QString& reason)
{
    m_done = true;
    finishWith(Error{QStringLiteral("%1 POST %2: %3")
                         .arg(QLatin1String(m_protocol.name()),
                              m_url.toDisplayString(QUrl::RemoveUserInfo), reason)});
}

} // namespace orch
