#pragma once
// The zones projects get their names in (`domains` in the settings): for each, how its records
// are changed (the provider, its server and TSIG key or API token; secrets stay in the vault)
// and which servers its names may point at; and the address this machine's services are
// reached at.

#include "dns/DnsExchange.h"
#include "dns/DnsLookup.h"
#include "dns/DnsProvider.h"

#include <QStringList>
#include <vector>

namespace orch::dns {

struct ZoneSettings
{
    QString zone;     // "apps.example.com": a project's name is <service>.<zone>
    QString provider; // "rfc2136" or "cloudflare"; empty: records are the person's business
    Server server;    // rfc2136: the zone's primary server, for updates
    QString keyName;  // rfc2136: the TSIG key's name as the server knows it
    // Vault handle of the TSIG key's secret (base64, as the server's config has it), or of
    // Cloudflare's API token.
    QString keySecret;
    QString api = QStringLiteral("https://api.cloudflare.com/client/v4"); // Cloudflare's
    // The production servers its names point at ("local": this machine); empty: any.
    QStringList servers;

    bool enabled() const { return !provider.isEmpty(); }
    bool serves(const QString& serverName) const
    {
        return servers.isEmpty() ||
               servers.contains(serverName.isEmpty() ? QStringLiteral("local") : serverName);
    }
};

struct DomainSettings
{
    std::vector<ZoneSettings> zones;
    QString address; // this machine's public address, for services deployed here
    // Where a person's own domain is looked up before it is accepted; empty host: the system's.
    Server resolver;

    bool enabled() const
    {
        for (const ZoneSettings& zone : zones)
            if (zone.enabled())
                return true;
        return false;
    }
    // The zone `name` is in (the longest that holds it); null: none.
    const ZoneSettings* zoneOf(const QString& name) const
    {
        const ZoneSettings* found = nullptr;
        for (const ZoneSettings& zone : zones)
            if (isInZone(name, zone.zone) && (!found || zone.zone.size() > found->zone.size()))
                found = &zone;
        return found;
    }
    // Where a project on `serverName` ("": this machine) gets its name: a zone that names the
    // server, else one that serves any (each in the order of their names in the settings);
    // null: none does (it stays at *.localhost).
    const ZoneSettings* zoneFor(const QString& serverName) const
    {
        for (const bool named : {true, false})
            for (const ZoneSettings& zone : zones)
                if (zone.servers.isEmpty() != named && zone.serves(serverName))
                    return &zone;
        return nullptr;
    }
    Server lookupServer() const { return resolver.host.isEmpty() ? systemResolver() : resolver; }
};

} // namespace orch::dns
