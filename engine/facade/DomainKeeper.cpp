#include "facade/DomainKeeper.h"

#include "core/Log.h"
#include "dns/CloudflareProvider.h"
#include "dns/DomainCheck.h"
#include "dns/Rfc2136Provider.h"
#include "store/DnsRecords.h"

#include <QHostAddress>
#include <memory>

namespace orch {

DomainKeeper::DomainKeeper(dns::DomainSettings settings, Database& database, RevealSecret reveal,
                           QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_db(database), m_reveal(std::move(reveal))
{
}

Result<dns::DnsProvider*> DomainKeeper::provider(const QString& name)
{
    const dns::ZoneSettings* zone = m_settings.zoneOf(name);
    if (!zone || !zone->enabled())
        return Error{
            QStringLiteral("%1 is in no zone whose records the orchestrator keeps").arg(name)};
    if (auto made = m_providers.find(zone->zone); made != m_providers.end())
        return made->second;
    const bool cloudflare = zone->provider == QLatin1String("cloudflare");
    if (!cloudflare && zone->provider != QLatin1String("rfc2136"))
        return Error{
            QStringLiteral("unknown DNS provider '%1' (rfc2136, cloudflare)").arg(zone->provider)};
    auto secret = m_reveal(zone->keySecret);
    if (!secret)
        return Error{QStringLiteral("the DNS key %1: %2").arg(zone->keySecret, secret.error())};
    dns::DnsProvider* made = nullptr;
    if (cloudflare) {
        dns::CloudflareSettings settings;
        settings.zone = zone->zone;
        settings.token = secret->trimmed();
        settings.api = QUrl(zone->api);
        made = new dns::CloudflareProvider(settings, this);
    } else {
        const QByteArray key = QByteArray::fromBase64(secret->trimmed());
        if (key.size() < 16)
            return Error{QStringLiteral("the DNS key %1 must hold the key's secret in base64, as "
                                        "the DNS server's configuration has it")
                             .arg(zone->keySecret)};
        made =
            new dns::Rfc2136Provider({zone->zone, zone->server, {zone->keyName, key}, 300}, this);
    }
    m_providers[zone->zone] = made;
    return made;
}

void DomainKeeper::point(const QString& projectId, const QString& name, const QString& host,
                         dns::ChangeDone done)
{
    if (host.isEmpty())
        return done(Error{QStringLiteral("%1 cannot point anywhere: this machine's address is "
                                         "not set (domains.address)")
                              .arg(name)});
    dns::addressesOf(m_settings.lookupServer(), host, this,
                     [this, projectId, name, done](Result<QStringList> addresses) {
                         if (!addresses)
                             return done(Error{QStringLiteral("%1 cannot point at the server: %2")
                                                   .arg(name, addresses.error())});
                         pointAt(projectId, name, addresses->first(), done);
                     });
}

void DomainKeeper::pointAt(const QString& projectId, const QString& name, const QString& address,
                           dns::ChangeDone done)
{
    // A name no provider keeps is refused before the journal holds it forever.
    if (auto dns = provider(name); !dns)
        return done(dns.failure());
    if (auto intended = DnsRecords(m_db).intend({name, projectId, address, "pointing"}); !intended)
        return done(intended.failure());
    send(name, address, std::move(done));
}

void DomainKeeper::unpoint(const QString& projectId, dns::ChangeDone done, const QString& keep)
{
    auto names = DnsRecords(m_db).ofProject(projectId);
    if (!names)
        return done(names.failure());
    std::erase_if(names.value(),
                  [&keep](const DnsRecordEntry& entry) { return entry.name == keep; });
    auto pending = std::make_shared<int>(int(names->size()));
    auto firstError = std::make_shared<std::optional<Error>>();
    if (*pending == 0)
        return done({});
    for (const DnsRecordEntry& entry : names.value()) {
        if (auto intended = DnsRecords(m_db).intend({entry.name, projectId, {}, "removing"});
            !intended && !*firstError)
            *firstError = intended.failure();
        send(entry.name, {}, [pending, firstError, done](Result<void> removed) {
            if (!removed && !*firstError)
                *firstError = removed.failure();
            if (--*pending == 0)
                done(*firstError ? Result<void>(**firstError) : Result<void>());
        });
    }
}

void DomainKeeper::recover()
{
    auto unsettled = DnsRecords(m_db).unsettled();
    if (!unsettled)
        return log::get("dns")->warn("the DNS journal cannot be read: {}", unsettled.error());
    for (const DnsRecordEntry& entry : unsettled.value()) {
        log::get("dns")->info("finishing the change of {} left by a stop", entry.name);
        send(entry.name, entry.state == QLatin1String("removing") ? QString() : entry.address,
             [name = entry.name](Result<void> sent) {
                 if (!sent)
                     log::get("dns")->warn("{}: {}", name, sent.error());
             });
    }
}

void DomainKeeper::send(const QString& name, const QString& address, dns::ChangeDone done)
{
    auto dns = provider(name);
    if (!dns)
        return done(dns.failure());
    auto settled = [this, name, removing = address.isEmpty(), done](Result<void> sent) {
        if (!sent)
            return done(sent.failure()); // the journal keeps it for the next attempt
        auto kept = removing ? DnsRecords(m_db).forget(name) : DnsRecords(m_db).settle(name);
        if (!kept)
            return done(kept.failure());
        log::get("dns")->info("{} {}", name, removing ? "removed" : "points where it should");
        done({});
    };
    if (address.isEmpty())
        dns.value()->removeAddress(name, settled);
    else
        dns.value()->setAddress(name, QHostAddress(address), settled);
}

} // namespace orch
