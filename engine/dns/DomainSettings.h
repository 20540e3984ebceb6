#pragma once
// The zone projects get their names in and how its records are changed (`domains` in the
// settings): the provider, its server and TSIG key (the secret stays in the vault), and the
// address this machine's services are reached at.

#include "dns/DnsExchange.h"

#include <QString>

namespace orch::dns {

struct DomainSettings
{
    QString zone;      // "apps.example.com": a project's name is <service>.<zone>
    QString provider;  // "rfc2136"; empty: records are the person's business
    Server server;     // the zone's primary server, for updates
    QString keyName;   // the TSIG key's name as the server knows it
    QString keySecret; // vault handle of the key's secret (base64, as the server's config has it)
    QString address;   // this machine's public address, for services deployed here

    bool enabled() const { return !provider.isEmpty(); }
};

} // namespace orch::dns
