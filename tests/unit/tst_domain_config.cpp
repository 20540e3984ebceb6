// The `domains` and `acme` settings: one zone or several, each with its provider (RFC 2136 or
// Cloudflare) and the servers it may point at; ACME's directory and roots; the resolver; and
// every wrong value named by its setting.

#include "SettingsDocuments.h"
#include "config/ServerConfig.h"

#include <QTest>

using namespace orch;
using namespace orch::test;

class TestDomainConfig : public QObject
{
    Q_OBJECT

private slots:
    void domainsAndAcmeAreReadAndChecked()
    {
        Json document = minimal();
        document["domains"] = {{"zone", "Apps.Example.com"},
                               {"dns",
                                {{"provider", "rfc2136"},
                                 {"server", "127.0.0.1:5353"},
                                 {"key_name", "orchestrator"},
                                 {"key_secret", "domain:apps"}}},
                               {"address", "203.0.113.7"}};
        document["acme"] = {{"directory", "https://acme-staging-v02.api.letsencrypt.org/directory"},
                            {"email", "ops@example.com"}};
        auto config = ServerConfig::fromJson(document, "/etc/orch");
        QVERIFY2(config, qPrintable(config ? QString() : config.error()));
        const auto& domains = config->engine.domains;
        QCOMPARE(domains.zones.size(), size_t(1));
        QCOMPARE(domains.zones.front().zone, QString("apps.example.com"));
        QCOMPARE(domains.zones.front().server.port, quint16(5353));
        QCOMPARE(config->engine.tools.deploy.settings.domainSuffix, QString("apps.example.com"));
        QVERIFY(!config->engine.tools.deploy.settings.internalTls());
        QCOMPARE(config->engine.tools.deploy.settings.acmeEmail, QString("ops@example.com"));
        QVERIFY(domains.resolver.host.isEmpty()); // the system's, from resolv.conf
        QVERIFY(!domains.lookupServer().host.isEmpty());
        document["domains"]["resolver"] = "[2001:db8::53]:5353";
        auto resolved = ServerConfig::fromJson(document, "/etc/orch");
        QVERIFY(resolved);
        QCOMPARE(resolved->engine.domains.lookupServer().host, QString("2001:db8::53"));
        QCOMPARE(int(resolved->engine.domains.lookupServer().port), 5353);
        for (const auto& [text, host, port] :
             {std::tuple{"ns1.example.com", "ns1.example.com", 53},
              std::tuple{"2001:db8::53", "2001:db8::53", 53},
              std::tuple{"[2001:db8::53]:5353", "2001:db8::53", 5353}}) {
            document["domains"]["dns"]["server"] = text;
            auto read = ServerConfig::fromJson(document, "/etc/orch");
            QVERIFY2(read, qPrintable(read ? QString() : read.error()));
            QCOMPARE(read->engine.domains.zones.front().server.host, QString(host));
            QCOMPARE(int(read->engine.domains.zones.front().server.port), port);
        }
        for (const char* bad : {"[2001:db8::53", "[ns1]:53", "ns1:0", "ns1:70000", "bad host:53"}) {
            document["domains"]["dns"]["server"] = bad;
            QVERIFY2(problemsOf(document).contains("domains.dns.server: must be HOST"), bad);
        }

        // Cloudflare: an API token's handle instead of a server and a TSIG key.
        Json cloudflare = document;
        cloudflare["domains"]["dns"] = {{"provider", "cloudflare"}, {"api_token", "domain:cf"}};
        auto viaApi = ServerConfig::fromJson(cloudflare, "/etc/orch");
        QVERIFY2(viaApi, qPrintable(viaApi ? QString() : viaApi.error()));
        const dns::ZoneSettings& viaZone = viaApi->engine.domains.zones.front();
        QCOMPARE(viaZone.provider, QString("cloudflare"));
        QCOMPARE(viaZone.keySecret, QString("domain:cf"));
        QCOMPARE(viaZone.api, QString("https://api.cloudflare.com/client/v4"));
        cloudflare["domains"]["dns"] = {{"provider", "cloudflare"},
                                        {"api", "http://api.example.com/v4"}};
        const QString wrongApi = problemsOf(cloudflare);
        QVERIFY2(wrongApi.contains("domains.dns.api_token: missing required setting") &&
                     wrongApi.contains("domains.dns.api: must be an https URL"),
                 qPrintable(wrongApi));

        // Several zones, each for the servers it names: this machine's services get the zone
        // that serves "local"; a name is in the longest zone that holds it.
        Json several = minimal();
        several["domains"] = {
            {"zones",
             {{"eu",
               {{"zone", "eu.example.net"},
                {"servers", {"prod-eu"}},
                {"dns", {{"provider", "cloudflare"}, {"api_token", "domain:eu"}}}}},
              {"main",
               {{"zone", "example.com"},
                {"servers", {"local", "prod-1"}},
                {"dns",
                 {{"provider", "rfc2136"},
                  {"server", "ns1.example.com"},
                  {"key_name", "k"},
                  {"key_secret", "domain:main"}}}}},
              {"apps",
               {{"zone", "apps.example.com"},
                {"dns", {{"provider", "cloudflare"}, {"api_token", "domain:apps"}}}}}}},
            {"address", "203.0.113.7"}};
        auto zoned = ServerConfig::fromJson(several, "/etc/orch");
        QVERIFY2(zoned, qPrintable(zoned ? QString() : zoned.error()));
        const dns::DomainSettings& pool = zoned->engine.domains;
        QCOMPARE(pool.zones.size(), size_t(3));
        QCOMPARE(zoned->engine.tools.deploy.settings.domainSuffix, QString("example.com"));
        QCOMPARE(pool.zoneFor("prod-eu")->zone, QString("eu.example.net"));
        QCOMPARE(pool.zoneFor("prod-9")->zone, QString("apps.example.com")); // serves any
        QCOMPARE(pool.zoneOf("clock.apps.example.com")->zone, QString("apps.example.com"));
        QCOMPARE(pool.zoneOf("clock.example.com")->zone, QString("example.com"));
        QVERIFY(pool.zoneOf("clock.example.org") == nullptr);
        several["domains"]["zones"] = Json::object();
        QVERIFY(problemsOf(several).contains("domains.zones: must name at least one zone"));

        document["domains"]["zone"] = "not a zone";
        document["domains"]["dns"]["provider"] = "bind";
        document["domains"]["dns"]["server"] = "ns1:notaport";
        document["domains"]["dns"].erase("key_secret");
        document["domains"]["address"] = "somewhere";
        document["domains"]["resolver"] = "resolver:99999";
        document["deploy"]["domain_suffix"] = "other.example.com";
        document["acme"] = {{"directory", "http://acme.example.com/dir"},
                            {"email", "not an address"},
                            {"server_root", "/nonexistent/root.pem"}};
        const QString problems = problemsOf(document);
        for (const char* expected :
             {"domains.zone: must be a domain name", "domains.dns.provider: must be rfc2136",
              "domains.dns.server: must be HOST, HOST:PORT or [IPv6]:PORT",
              "domains.dns.key_secret: missing required setting",
              "domains.address: must be an IP address", "deploy.domain_suffix: differs from",
              "domains.resolver: must be HOST, HOST:PORT or [IPv6]:PORT",
              "acme.directory: must be an https URL", "acme.email: must be an email address",
              "acme.server_root: cannot read"})
            QVERIFY2(problems.contains(QLatin1String(expected)), qPrintable(problems));
    }
};

QTEST_GUILESS_MAIN(TestDomainConfig)
#include "tst_domain_config.moc"
