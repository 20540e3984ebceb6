#pragma once
// Records changed on an authoritative server by RFC 2136 dynamic updates signed with TSIG
// (BIND, Knot, PowerDNS all take them). Each change is one UPDATE message, which the server
// applies whole or not at all.

#include "dns/DnsExchange.h"
#include "dns/DnsProvider.h"
#include "dns/Tsig.h"

namespace orch::dns {

struct Rfc2136Settings
{
    QString zone;
    Server server;
    TsigKey key;
    quint32 ttl = 300;
};

class Rfc2136Provider final : public DnsProvider
{
    Q_OBJECT
public:
    Rfc2136Provider(Rfc2136Settings settings, QObject* parent = nullptr);

    QString zone() const override { return m_settings.zone; }
    void setAddress(const QString& name, const QHostAddress& address, ChangeDone done) override;
    void removeAddress(const QString& name, ChangeDone done) override;

private:
    // Sends an UPDATE of the zone whose update section `fill` writes.
    void update(const QString& name, const std::function<Result<void>(class MessageWriter&)>& fill,
                ChangeDone done);

    Rfc2136Settings m_settings;
};

} // namespace orch::dns
