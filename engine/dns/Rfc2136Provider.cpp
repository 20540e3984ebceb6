#include "dns/Rfc2136Provider.h"

#include "dns/DnsMessage.h"

#include <QDateTime>
#include <QPointer>
#include <QRandomGenerator>

namespace orch::dns {
namespace {
constexpr quint16 kUpdateOpcode = 5 << 11; // RFC 2136 §2.2
constexpr int kUpdateSection = 2;
} // namespace

bool isInZone(const QString& name, const QString& zone)
{
    auto plain = [](QString text) {
        text = text.toLower();
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
        return text;
    };
    const QString n = plain(name), z = plain(zone);
    return !z.isEmpty() && (n == z || n.endsWith(QLatin1Char('.') + z));
}

Rfc2136Provider::Rfc2136Provider(Rfc2136Settings settings, QObject* parent)
    : DnsProvider(parent), m_settings(std::move(settings))
{
}

void Rfc2136Provider::setAddress(const QString& name, const QHostAddress& address, ChangeDone done)
{
    const bool v4 = address.protocol() == QAbstractSocket::IPv4Protocol;
    if (!v4 && address.protocol() != QAbstractSocket::IPv6Protocol)
        return done(Error{QStringLiteral("'%1' is not an IP address").arg(address.toString())});
    QByteArray data;
    if (v4) {
        putU32(data, address.toIPv4Address());
    } else {
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        data = QByteArray(reinterpret_cast<const char*>(bytes.c), 16);
    }
    const quint32 ttl = m_settings.ttl;
    update(
        name,
        [&name, v4, data, ttl](MessageWriter& out) -> Result<void> {
            // Delete both address RRsets (RFC 2136 §2.5.2), then add the one address.
            for (quint16 type : {quint16(A), quint16(AAAA)})
                if (auto deleted = out.add(kUpdateSection, name, type, CLASS_ANY); !deleted)
                    return deleted;
            return out.add(kUpdateSection, name, v4 ? A : AAAA, IN, ttl, data);
        },
        std::move(done));
}

void Rfc2136Provider::removeAddress(const QString& name, ChangeDone done)
{
    update(
        name,
        [&name](MessageWriter& out) -> Result<void> {
            for (quint16 type : {quint16(A), quint16(AAAA)})
                if (auto deleted = out.add(kUpdateSection, name, type, CLASS_ANY); !deleted)
                    return deleted;
            return {};
        },
        std::move(done));
}

void Rfc2136Provider::update(const QString& name,
                             const std::function<Result<void>(MessageWriter&)>& fill,
                             ChangeDone done)
{
    if (!isHostName(name) || !isInZone(name, m_settings.zone))
        return done(Error{
            QStringLiteral("'%1' is not a name in the zone %2").arg(name.left(80), m_settings.zone),
            ErrorCode::Invalid});
    MessageWriter out(quint16(QRandomGenerator::global()->bounded(65536)), kUpdateOpcode);
    if (auto zone = out.add(0, m_settings.zone, SOA, IN, 0, {}, true); !zone)
        return done(zone.failure());
    if (auto filled = fill(out); !filled)
        return done(filled.failure());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto request = signRequest(out.bytes(), m_settings.key, now);
    if (!request)
        return done(request.failure());
    const QString zone = m_settings.zone;
    exchange(
        m_settings.server, request->bytes, this,
        [done, key = m_settings.key, mac = request->mac, zone, name](Result<QByteArray> answer) {
            if (!answer)
                return done(answer.failure());
            if (auto signedBack =
                    verifyResponse(answer.value(), key, mac, QDateTime::currentSecsSinceEpoch());
                !signedBack)
                return done(Error{QStringLiteral("the update of %1 in %2 failed: %3")
                                      .arg(name, zone, signedBack.error())});
            const int rcode = getU16(answer.value(), 2) & 0x0f;
            if (rcode != NOERROR)
                return done(Error{QStringLiteral("the DNS server refused the update of %1 "
                                                 "in %2: %3")
                                      .arg(name, zone, rcodeName(rcode))});
            done({});
        });
}

} // namespace orch::dns
