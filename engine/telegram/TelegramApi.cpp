#include "telegram/TelegramApi.h"

#include "core/Redaction.h"
#include "net/HttpClient.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

namespace orch {
namespace {

constexpr qint64 kMaxAnswerBytes = 16 * 1024 * 1024; // getUpdates with 100 updates is far less

QByteArray formPart(const QByteArray& boundary, const QString& disposition, const QByteArray& type,
                    const QByteArray& body)
{
    QByteArray part = "--" + boundary + "\r\nContent-Disposition: " + disposition.toUtf8() + "\r\n";
    if (!type.isEmpty())
        part += "Content-Type: " + type + "\r\n";
    return part + "\r\n" + body + "\r\n";
}

} // namespace

TelegramApi::TelegramApi(QUrl baseUrl, QByteArray token, QObject* parent)
    : QObject(parent), m_base(std::move(baseUrl)), m_token(std::move(token)),
      m_http(new net::HttpClient(this)),
      m_longPoll(new net::HttpClient({.maxConnectionsPerOrigin = 1, .idleTimeoutMs = 30000}, this))
{
}

QUrl TelegramApi::methodUrl(const QString& method) const
{
    QUrl url = m_base;
    url.setPath(url.path() + QStringLiteral("/bot") + QString::fromUtf8(m_token) +
                QLatin1Char('/') + method);
    return url;
}

void TelegramApi::call(const QString& method, const Json& params, Done done, int timeoutMs)
{
    net::HttpRequest request;
    request.url = methodUrl(method);
    request.headers = {{"Content-Type", "application/json"}};
    request.body = toBytes(redaction::json(params));
    send(request, method, std::move(done), timeoutMs);
}

void TelegramApi::upload(const QString& method, const QList<QPair<QString, QString>>& fields,
                         const QString& fileField, const QString& fileName,
                         const QByteArray& content, Done done)
{
    // multipart/form-data (RFC 7578), as the Bot API takes files.
    const QByteArray boundary =
        "orch-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    QByteArray body;
    for (const auto& [name, value] : fields)
        body += formPart(boundary, QStringLiteral("form-data; name=\"%1\"").arg(name), {},
                         redaction::text(value).toUtf8());
    body +=
        formPart(boundary,
                 QStringLiteral("form-data; name=\"%1\"; filename=\"%2\"").arg(fileField, fileName),
                 "text/markdown", redaction::bytes(content));
    body += "--" + boundary + "--\r\n";
    net::HttpRequest request;
    request.url = methodUrl(method);
    request.headers = {{"Content-Type", "multipart/form-data; boundary=" + boundary}};
    request.body = std::move(body);
    send(request, method, std::move(done), 60000);
}

void TelegramApi::send(const net::HttpRequest& request, const QString& method, Done done,
                       int timeoutMs)
{
    net::HttpClient* client = method == QLatin1String("getUpdates") ? m_longPoll : m_http;
    net::HttpReply* reply = client->send(request, this);
    auto* timeout = new QTimer(reply);
    timeout->setSingleShot(true);
    timeout->setInterval(timeoutMs);
    // The wait for a free connection is this process's, not Telegram's silence.
    if (reply->isQueued())
        connect(reply, &net::HttpReply::dequeued, timeout, qOverload<>(&QTimer::start));
    else
        timeout->start();
    struct Answer
    {
        QByteArray raw;
        QString stopped; // why it was cut short
    };
    auto got = std::make_shared<Answer>();
    connect(timeout, &QTimer::timeout, reply, [got, reply, timeoutMs] {
        got->stopped = QStringLiteral("none within %1 ms").arg(timeoutMs);
        reply->abort();
    });
    connect(reply, &net::HttpReply::received, reply, [reply, got](const QByteArray& bytes) {
        got->raw.append(bytes);
        if (got->raw.size() > kMaxAnswerBytes) {
            got->stopped = QStringLiteral("an answer larger than %1 bytes").arg(kMaxAnswerBytes);
            reply->abort();
        }
    });
    connect(reply, &net::HttpReply::finished, this, [reply, got, method, done = std::move(done)] {
        reply->deleteLater();
        // The client's words never hold the URL, and so never the token.
        if (!reply->error().isEmpty())
            return done({}, TelegramError{QStringLiteral("Telegram %1: no answer (%2)")
                                              .arg(method, got->stopped.isEmpty() ? reply->error()
                                                                                  : got->stopped),
                                          0,
                                          {}});
        answer(reply->status(), got->raw, method, done);
    });
}

void TelegramApi::answer(int status, const QByteArray& raw, const QString& method, const Done& done)
{
    const Json body = parseJson(raw);
    const QString where = QStringLiteral("Telegram %1").arg(method);
    if (!body.is_object())
        return done(
            {},
            TelegramError{
                QStringLiteral("%1: HTTP %2 with a body that is not JSON").arg(where).arg(status),
                status,
                {},
                status == 200 ? raw.left(1024 * 1024) : QByteArray()});
    if (status == 200 && boolOr(body, "ok", false))
        return done(member(body, "result"), std::nullopt);
    TelegramError error{QStringLiteral("%1: HTTP %2: %3")
                            .arg(where)
                            .arg(status)
                            .arg(toQ(stringOr(body, "description"))),
                        status,
                        {}};
    const Json parameters = objectAt(body, "parameters");
    // A day at most: a hostile or broken server cannot park the bot for ever (or overflow).
    if (const Json& after = member(parameters, "retry_after"); after.is_number())
        error.retryAfterS = int(std::clamp(after.get<double>(), 0.0, 86400.0));
    done({}, error);
}

QStringList TelegramApi::splitMessage(const QString& text, int limit)
{
    QStringList parts;
    QString rest = text;
    while (rest.size() > limit) {
        qsizetype cut = rest.lastIndexOf(QLatin1Char('\n'), limit - 1);
        if (cut < limit / 2)
            cut = rest.lastIndexOf(QLatin1Char(' '), limit - 1);
        if (cut < limit / 2)
            cut = limit;
        // Never cut a surrogate pair in half.
        if (cut > 0 && cut < rest.size() && rest.at(cut - 1).isHighSurrogate())
            --cut;
        parts << rest.left(cut);
        rest = rest.mid(cut);
        if (rest.startsWith(QLatin1Char('\n')) || rest.startsWith(QLatin1Char(' ')))
            rest.remove(0, 1);
    }
    if (!rest.isEmpty() || parts.isEmpty())
        parts << rest;
    return parts;
}

} // namespace orch
