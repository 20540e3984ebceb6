#include "dns/CloudflareProvider.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>
#include <memory>

namespace orch::dns {
namespace {

constexpr qint64 kMaxAnswer = 4 * 1024 * 1024; // a page of 100 records is far less

// "[81058] An identical record already exists." for each of the envelope's errors.
QString errorsOf(const Json& envelope)
{
    QStringList told;
    for (const Json& error : arrayAt(envelope, "errors")) {
        const Json code = member(error, "code");
        const QString message = toQ(stringOr(error, "message")).left(300);
        told << (code.is_number_integer()
                     ? QStringLiteral("[%1] %2").arg(code.get<qint64>()).arg(message)
                     : message);
        if (told.size() == 3)
            break;
    }
    return told.join(QStringLiteral("; "));
}

} // namespace

CloudflareProvider::CloudflareProvider(CloudflareSettings settings, QObject* parent)
    : DnsProvider(parent), m_settings(std::move(settings)),
      m_network(new QNetworkAccessManager(this))
{
}

void CloudflareProvider::setAddress(const QString& name, const QHostAddress& address,
                                    ChangeDone done)
{
    if (!isInZone(name, m_settings.zone))
        return done(Error{QStringLiteral("%1 is not in the zone %2").arg(name, m_settings.zone)});
    const QString type =
        address.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("AAAA") : "A";
    const QString content = address.toString();
    addressRecords(name, [this, name, type, content, done](Result<std::vector<Record>> found) {
        if (!found)
            return done(found.failure());
        // The one wanted stays; every other address record of the name goes.
        std::vector<Record> surplus;
        bool present = false;
        for (const Record& record : found.value()) {
            if (!present && record.type == type && record.content == content)
                present = true;
            else
                surplus.push_back(record);
        }
        removeRecords(
            std::move(surplus), [this, name, type, content, present, done](Result<void> removed) {
                if (!removed || present)
                    return done(removed);
                const Json record = {{"type", toStd(type)},
                                     {"name", toStd(name.toLower())},
                                     {"content", toStd(content)},
                                     {"ttl", m_settings.ttl},
                                     {"proxied", false}};
                withZoneId([this, record, done](Result<QString> zone) {
                    if (!zone)
                        return done(zone.failure());
                    call("POST", QStringLiteral("zones/%1/dns_records").arg(zone.value()), record,
                         [done](Result<Json> created) {
                             done(created ? Result<void>() : Result<void>(created.failure()));
                         });
                });
            });
    });
}

void CloudflareProvider::removeAddress(const QString& name, ChangeDone done)
{
    if (!isInZone(name, m_settings.zone))
        return done(Error{QStringLiteral("%1 is not in the zone %2").arg(name, m_settings.zone)});
    addressRecords(name, [this, done](Result<std::vector<Record>> found) {
        if (!found)
            return done(found.failure());
        removeRecords(found.value(), done);
    });
}

void CloudflareProvider::withZoneId(std::function<void(Result<QString>)> then)
{
    if (!m_zoneId.isEmpty())
        return then(m_zoneId);
    call("GET", QStringLiteral("zones?name=%1").arg(m_settings.zone), nullptr,
         [this, then](Result<Json> zones) {
             if (!zones)
                 return then(zones.failure());
             for (const Json& zone : zones->is_array() ? zones.value() : Json::array())
                 if (toQ(stringOr(zone, "name")).compare(m_settings.zone, Qt::CaseInsensitive) ==
                         0 &&
                     !stringOr(zone, "id").empty()) {
                     m_zoneId = toQ(stringOr(zone, "id"));
                     return then(m_zoneId);
                 }
             then(Error{QStringLiteral("Cloudflare has no zone %1 this token may see")
                            .arg(m_settings.zone)});
         });
}

void CloudflareProvider::addressRecords(const QString& name, RecordsDone done)
{
    withZoneId([this, name, done](Result<QString> zone) {
        if (!zone)
            return done(zone.failure());
        call("GET",
             QStringLiteral("zones/%1/dns_records?name=%2&per_page=100")
                 .arg(zone.value(), name.toLower()),
             nullptr, [name, done](Result<Json> listed) {
                 if (!listed)
                     return done(listed.failure());
                 if (!listed->is_array())
                     return done(Error{QStringLiteral("Cloudflare listed the records of %1 as "
                                                      "something other than a list")
                                           .arg(name)});
                 std::vector<Record> found;
                 for (const Json& record : listed.value()) {
                     const QString type = toQ(stringOr(record, "type"));
                     if ((type == QLatin1String("A") || type == QLatin1String("AAAA")) &&
                         !stringOr(record, "id").empty())
                         found.push_back(
                             {toQ(stringOr(record, "id")), type, toQ(stringOr(record, "content"))});
                 }
                 done(found);
             });
    });
}

void CloudflareProvider::removeRecords(std::vector<Record> records, ChangeDone done)
{
    if (records.empty())
        return done({});
    const Record next = records.back();
    records.pop_back();
    withZoneId([this, next, records = std::move(records), done](Result<QString> zone) mutable {
        if (!zone)
            return done(zone.failure());
        call("DELETE", QStringLiteral("zones/%1/dns_records/%2").arg(zone.value(), next.id),
             nullptr, [this, records = std::move(records), done](Result<Json> deleted) mutable {
                 // Gone already (another hand, or a repeat after a kill) is what was wanted.
                 if (!deleted && deleted.code() != ErrorCode::NotFound)
                     return done(deleted.failure());
                 removeRecords(std::move(records), done);
             });
    });
}

void CloudflareProvider::call(const QByteArray& verb, const QString& path, const Json& body,
                              JsonDone done, int rateWaits)
{
    QUrl url(m_settings.api.toString() + QLatin1Char('/') + path);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_settings.token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_settings.timeoutMs);
    const QByteArray payload = body.is_null() ? QByteArray() : toBytes(body);
    QNetworkReply* reply = m_network->sendCustomRequest(request, verb, payload);
    // An answer larger than any page of records is cut off, not buffered.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxAnswer) {
            reply->setProperty("tooLarge", true);
            reply->abort();
        }
    });
    connect(
        reply, &QNetworkReply::finished, this, [this, reply, verb, path, body, done, rateWaits] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QString what = QStringLiteral("Cloudflare (%1 %2)")
                                     .arg(QString::fromLatin1(verb), path.section('?', 0, 0));
            if (status == 429 && rateWaits < m_settings.maxRateWaits) {
                const int wait = reply->rawHeader("Retry-After").toInt();
                if (wait > 0 && wait <= m_settings.maxRetryAfterS) {
                    QTimer::singleShot(wait * 1000, this,
                                       [=, this] { call(verb, path, body, done, rateWaits + 1); });
                    return;
                }
            }
            if (reply->property("tooLarge").toBool())
                return done(Error{QStringLiteral("%1 answered more than %2 MiB")
                                      .arg(what)
                                      .arg(kMaxAnswer >> 20)});
            // Below 200 the error is the connection's (refused, closed, timed out), not an
            // HTTP status.
            if (status == 0 || (reply->error() != QNetworkReply::NoError &&
                                reply->error() < QNetworkReply::ContentAccessDenied))
                return done(Error{QStringLiteral("%1 could not be reached or did not answer "
                                                 "within %2 s: %3")
                                      .arg(what)
                                      .arg(m_settings.timeoutMs / 1000)
                                      .arg(reply->errorString())});
            const QByteArray bytes = reply->readAll();
            const Json envelope = parseJson(bytes);
            if (!envelope.is_object() || !member(envelope, "success").is_boolean())
                return done(Error{QStringLiteral("%1 answered HTTP %2 without its JSON "
                                                 "envelope: %3")
                                      .arg(what)
                                      .arg(status)
                                      .arg(QString::fromUtf8(bytes.left(200)))});
            if (status == 429)
                return done(Error{QStringLiteral("%1 is rate limited (1200 requests per 5 "
                                                 "minutes per token): %2")
                                      .arg(what, errorsOf(envelope))});
            if (status < 200 || status >= 300 || !member(envelope, "success").get<bool>()) {
                const QString errors = errorsOf(envelope);
                return done(
                    Error{QStringLiteral("%1 refused (HTTP %2): %3")
                              .arg(what)
                              .arg(status)
                              .arg(errors.isEmpty() ? QStringLiteral("no reason given") : errors),
                          status == 404 ? ErrorCode::NotFound : ErrorCode::Failed});
            }
            done(member(envelope, "result"));
        });
}

} // namespace orch::dns
