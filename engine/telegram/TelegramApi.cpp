#include "telegram/TelegramApi.h"

#include "core/Redaction.h"

#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace orch {

TelegramApi::TelegramApi(QUrl baseUrl, QByteArray token, QNetworkAccessManager* network,
                         QObject* parent)
    : QObject(parent), m_base(std::move(baseUrl)), m_token(std::move(token)), m_network(network)
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
    QNetworkRequest request(methodUrl(method));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(timeoutMs);
    finish(m_network->post(request, toBytes(redaction::json(params))), method, done);
}

void TelegramApi::upload(const QString& method, const QList<QPair<QString, QString>>& fields,
                         const QString& fileField, const QString& fileName,
                         const QByteArray& content, Done done)
{
    auto* multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    for (const auto& [name, value] : fields) {
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"%1\"").arg(name));
        part.setBody(redaction::text(value).toUtf8());
        multipart->append(part);
    }
    QHttpPart file;
    file.setHeader(
        QNetworkRequest::ContentDispositionHeader,
        QStringLiteral("form-data; name=\"%1\"; filename=\"%2\"").arg(fileField, fileName));
    file.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/markdown"));
    file.setBody(redaction::bytes(content));
    multipart->append(file);
    QNetworkRequest request(methodUrl(method));
    request.setTransferTimeout(60000);
    QNetworkReply* reply = m_network->post(request, multipart);
    multipart->setParent(reply); // freed with the reply
    finish(reply, method, done);
}

void TelegramApi::finish(QNetworkReply* reply, const QString& method, const Done& done)
{
    reply->setParent(this);
    connect(reply, &QNetworkReply::finished, this, [reply, method, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray raw = reply->readAll();
        const Json body = parseJson(raw);
        const QString where = QStringLiteral("Telegram %1").arg(method);
        if (status == 0) // the reply's error string would contain the URL, and so the token
            return done(
                {}, TelegramError{
                        QStringLiteral("%1: no answer (%2)").arg(where).arg(int(reply->error())),
                        0,
                        {}});
        if (!body.is_object())
            return done({}, TelegramError{QStringLiteral("%1: HTTP %2 with a body that is not JSON")
                                              .arg(where)
                                              .arg(status),
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
    });
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
