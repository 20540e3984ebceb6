// The `acme` and `domains` settings: where certificates come from, the zones projects get
// their names in, and how each zone's records are changed.
#include "config/DomainConfig.h"

#include "config/SettingsReader.h"
#include "dns/DnsMessage.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>
#include <optional>

namespace orch {
namespace {

// "ns1.example.com", "ns1.example.com:5353", "2001:db8::53", "[2001:db8::53]:5353".
std::optional<dns::Server> dnsServerFrom(const QString& text)
{
    dns::Server server;
    QString port;
    if (text.startsWith(QLatin1Char('['))) {
        const int close = text.indexOf(QLatin1Char(']'));
        if (close < 0 || (close + 1 < text.size() && text.at(close + 1) != QLatin1Char(':')))
            return std::nullopt;
        server.host = text.mid(1, close - 1);
        port = text.mid(close + 2);
        if (QHostAddress(server.host).protocol() != QAbstractSocket::IPv6Protocol)
            return std::nullopt;
    } else if (QHostAddress(text).protocol() == QAbstractSocket::IPv6Protocol) {
        server.host = text; // a bare IPv6 address: its colons are not a port
    } else {
        const int colon = text.lastIndexOf(QLatin1Char(':'));
        server.host = colon >= 0 ? text.left(colon) : text;
        port = colon >= 0 ? text.mid(colon + 1) : QString();
        if (!dns::isHostName(server.host))
            return std::nullopt;
    }
    if (!port.isNull()) {
        bool ok = false;
        const uint number = port.toUInt(&ok);
        if (!ok || number == 0 || number > 65535)
            return std::nullopt;
        server.port = quint16(number);
    }
    return server;
}

// Where a person's domain is looked up, and what this machine's services are reached at.
void readLookups(SettingsReader& in, dns::DomainSettings& domains)
{
    const QString resolver = in.text("domains.resolver", false);
    if (auto parsed = dnsServerFrom(resolver); parsed)
        domains.resolver = *parsed;
    else if (!resolver.isEmpty())
        in.problem("domains.resolver", QStringLiteral("must be HOST, HOST:PORT or [IPv6]:PORT"));
    domains.address = in.text("domains.address", false);
    if (!domains.address.isEmpty() && QHostAddress(domains.address).isNull())
        in.problem("domains.address", QStringLiteral("must be an IP address"));
}

// One zone at `at` ("domains", or "domains.zones.NAME"): its name, the provider that changes
// its records (RFC 2136 with a TSIG key, or Cloudflare's API with a token; secrets are vault
// handles) and the servers its names may point at.
dns::ZoneSettings readZone(SettingsReader& in, const QString& at)
{
    dns::ZoneSettings zone;
    zone.zone = in.text(at + ".zone", true).toLower();
    if (!zone.zone.isEmpty() && !dns::isHostName(zone.zone))
        in.problem(at + ".zone", QStringLiteral("must be a domain name"));
    zone.servers = in.textList(at + ".servers");
    zone.provider = in.text(at + ".dns.provider", true);
    const bool cloudflare = zone.provider == QLatin1String("cloudflare");
    if (!zone.provider.isEmpty() && !cloudflare && zone.provider != QLatin1String("rfc2136"))
        in.problem(at + ".dns.provider", QStringLiteral("must be rfc2136 or cloudflare"));
    if (cloudflare) {
        // The API token's vault handle; `api` only for a stand-in or a proxy.
        zone.keySecret = in.text(at + ".dns.api_token", true);
        zone.api = in.text(at + ".dns.api", false, zone.api);
        if (const QUrl api(zone.api);
            !api.isValid() || api.host().isEmpty() ||
            (api.scheme() != QLatin1String("https") && api.host() != QLatin1String("127.0.0.1")))
            in.problem(at + ".dns.api", QStringLiteral("must be an https URL"));
        return zone;
    }
    const QString server = in.text(at + ".dns.server", true);
    if (auto parsed = dnsServerFrom(server); parsed)
        zone.server = *parsed;
    else if (!server.isEmpty())
        in.problem(at + ".dns.server", QStringLiteral("must be HOST, HOST:PORT or [IPv6]:PORT"));
    zone.keyName = in.text(at + ".dns.key_name", true);
    zone.keySecret = in.text(at + ".dns.key_secret", true);
    return zone;
}

} // namespace

// Certificates for real domains: the ACME directory (default: Caddy's, Let's Encrypt), the
// contact address, and for a private ACME server the roots of its API and of what it issues.
void readAcme(SettingsReader& in, DeploySettings& deploy)
{
    if (const QUrl directory = in.url("acme.directory", false); directory.isValid()) {
        if (directory.scheme() != QLatin1String("https"))
            in.problem("acme.directory", QStringLiteral("must be an https URL"));
        deploy.acmeDirectory = directory.toString();
    }
    deploy.acmeEmail = in.text("acme.email", false);
    static const QRegularExpression kEmail(QStringLiteral("^[^\\s@{}\"#]+@[^\\s@{}\"#]+$"));
    if (!deploy.acmeEmail.isEmpty() && !kEmail.match(deploy.acmeEmail).hasMatch())
        in.problem("acme.email", QStringLiteral("must be an email address"));
    deploy.acmeServerRoot = in.path("acme.server_root", false);
    deploy.acmeIssuerRoot = in.path("acme.issuer_root", false);
    for (const auto& [key, file] : {std::pair{"acme.server_root", deploy.acmeServerRoot},
                                    std::pair{"acme.issuer_root", deploy.acmeIssuerRoot}})
        if (!file.isEmpty() && !QFileInfo(file).isReadable())
            in.problem(key, QStringLiteral("cannot read %1").arg(file));
}

// The zones projects get their names in: one (`domains.zone`, `domains.dns`) or several
// (`domains.zones.NAME`, each with the servers it may point at). Services deployed here get
// their names in the first zone that serves this machine and point at `domains.address`.
void readDomains(SettingsReader& in, dns::DomainSettings& domains, DeploySettings& deploy)
{
    if (!in.has("domains"))
        return;
    if (in.has("domains.zones")) {
        const Json& zones = in.object("domains.zones", true);
        for (auto it = zones.begin(); it != zones.end(); ++it)
            domains.zones.push_back(readZone(in, "domains.zones." + toQ(it.key())));
        if (zones.empty())
            in.problem("domains.zones", QStringLiteral("must name at least one zone"));
    } else {
        domains.zones.push_back(readZone(in, QStringLiteral("domains")));
    }
    const dns::ZoneSettings* here = domains.zoneFor(QString());
    const QString localZone = here ? here->zone : deploy.domainSuffix;
    if (in.has("deploy.domain_suffix") && deploy.domainSuffix != localZone)
        in.problem("deploy.domain_suffix",
                   QStringLiteral("differs from the zone of this machine's services (%1); leave "
                                  "it out")
                       .arg(localZone));
    deploy.domainSuffix = localZone;
    readLookups(in, domains);
}

} // namespace orch
