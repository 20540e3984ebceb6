#pragma once
// The zone projects get their names in and how its records are changed (`domains` in the
// settings): the provider, its server and TSIG key (the secret stays in the vault), and the
// address this machine's services are reached at.

#include "dns/DnsExchange.h"
#include "dns/DnsLookup.h"

#include <QString>

namespace orch::dns {

struct DomainSettings
{
    QString zone;     // "apps.example.com": a project's name is <service>.<zone>
    QString provider; // "rfc2136" or "cloudflare"; empty: records are the person's business
    Server server;    // the zone's primary server, for updates
    QString keyName;  // the TSIG key's name as the server knows it
    // Vault handle of the TSIG key's secret (base64, as the server's config has it), or of
    // Cloudflare's API token.
    QString keySecret;
    QString api = QStringLiteral("https://api.cloudflare.com/client/v4"); // Cloudflare's
    QString address; // this machine's public address, for services deployed here
    // Where a person's own domain is looked up before it is accepted; empty host: the system's.
    Server resolver;

    bool enabled() const { return !provider.isEmpty(); }
    Server lookupServer() const { return resolver.host.isEmpty() ? systemResolver() : resolver; }
};

} // namespace orch::dns
