#pragma once
// Records changed through Cloudflare's DNS records API (v4): the zone's id looked up by its
// name once, a name's A/AAAA records listed, the surplus deleted and the one wanted created.
// Every answer comes in Cloudflare's envelope `{success, errors: [{code, message}], result}`;
// an error is told with Cloudflare's own code and message. A 429 is waited out as its
// Retry-After says, a few times, within the call's deadline.
// https://developers.cloudflare.com/api/resources/dns/subresources/records/
// https://developers.cloudflare.com/fundamentals/api/reference/limits/

#include "core/Json.h"
#include "dns/DnsProvider.h"

#include <QUrl>

class QNetworkAccessManager;

namespace orch::dns {

struct CloudflareSettings
{
    QString zone;
    QByteArray token; // an API token with Zone:Read and DNS:Edit on the zone
    QUrl api = QUrl(QStringLiteral("https://api.cloudflare.com/client/v4"));
    int ttl = 300;           // 1 is "automatic"; else 60–86400 (30 on Enterprise)
    int timeoutMs = 15000;   // per request
    int maxRateWaits = 3;    // 429s waited out before giving up
    int maxRetryAfterS = 60; // a longer Retry-After is not waited for
};

class CloudflareProvider final : public DnsProvider
{
    Q_OBJECT
public:
    CloudflareProvider(CloudflareSettings settings, QObject* parent = nullptr);

    QString zone() const override { return m_settings.zone; }
    void setAddress(const QString& name, const QHostAddress& address, ChangeDone done) override;
    void removeAddress(const QString& name, ChangeDone done) override;

private:
    struct Record
    {
        QString id, type, content;
    };
    using JsonDone = std::function<void(Result<Json>)>;
    using RecordsDone = std::function<void(Result<std::vector<Record>>)>;

    void withZoneId(std::function<void(Result<QString>)> then);
    void addressRecords(const QString& name, RecordsDone done);
    void removeRecords(std::vector<Record> records, ChangeDone done);
    // One call; `done` gets the envelope's `result`, or an error naming what went wrong.
    void call(const QByteArray& verb, const QString& path, const Json& body, JsonDone done,
              int rateWaits = 0);

    CloudflareSettings m_settings;
    QNetworkAccessManager* m_network;
    QString m_zoneId;
};

} // namespace orch::dns
