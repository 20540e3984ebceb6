#pragma once
// A Telegram Bot API client on the engine's HTTP client: its calls share kept-alive connections
// (one TLS handshake, not one per message). The token lives only in the request URL and is
// never written into a message, a log line or an event: errors name the method instead.

#include "core/Json.h"
#include "core/Result.h"

#include <QObject>
#include <QUrl>
#include <functional>
#include <optional>

namespace orch::net {
class HttpClient;
class HttpReply;
struct HttpRequest;
} // namespace orch::net

namespace orch {

struct TelegramError
{
    QString message;                // "Telegram sendMessage: HTTP 429: Too Many Requests"
    int httpStatus = 0;             // 0: no HTTP answer (network)
    std::optional<int> retryAfterS; // from parameters.retry_after
    QByteArray undecodedBody;       // an HTTP 200 body that is not valid JSON (cut at 1 MiB)
};

class TelegramApi : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Json result, std::optional<TelegramError> error)>;

    TelegramApi(QUrl baseUrl, QByteArray token, QObject* parent);

    // POSTs `params` as JSON to <base>/bot<token>/<method>; `done` gets "result" or an error.
    void call(const QString& method, const Json& params, Done done, int timeoutMs = 30000);

    // POSTs multipart/form-data: `fields` as text parts plus one file (sendDocument).
    void upload(const QString& method, const QList<QPair<QString, QString>>& fields,
                const QString& fileField, const QString& fileName, const QByteArray& content,
                Done done);

    // Splits text into Telegram-sized messages (4096 characters), preferring line breaks.
    static QStringList splitMessage(const QString& text, int limit = 4096);

private:
    QUrl methodUrl(const QString& method) const;
    // Sends and hands the answer to `done`; no answer within `timeoutMs` is an error.
    void send(const net::HttpRequest& request, const QString& method, Done done, int timeoutMs);
    static void answer(int status, const QByteArray& raw, const QString& method, const Done& done);

    QUrl m_base;
    QByteArray m_token;
    net::HttpClient* m_http;
    // getUpdates on a connection of its own: a long poll never waits behind the messages being
    // sent, nor they behind it (python-telegram-bot reserves one for it the same way:
    // https://docs.python-telegram-bot.org/en/v20.0a0/telegram.request.httpxrequest.html).
    net::HttpClient* m_longPoll;
};

} // namespace orch
