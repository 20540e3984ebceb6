// Records through Cloudflare's DNS API, against a local stand-in as strict as the real one
// (CloudflareStandIn.h cites what it follows): a name pointed, pointed again without a second
// record, moved to another address and family, removed twice; and what the real API does to a
// client: a wrong token, a zone the token cannot see, 429s with Retry-After, a body that is not
// its envelope, a refusal without reasons, a server that goes silent, a huge answer.

#include "CloudflareStandIn.h"
#include "KnotServer.h"
#include "dns/CloudflareProvider.h"
#include "facade/DomainKeeper.h"
#include "store/Database.h"
#include "store/DnsRecords.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace orch;
using namespace orch::test;

namespace {
const QByteArray kToken = "cf-token-for-tests-0123456789abcdef";
} // namespace

class TestDnsCloudflare : public QObject
{
    Q_OBJECT

    std::unique_ptr<CloudflareStandIn> m_cloudflare;

    dns::CloudflareSettings settings(const QByteArray& token = kToken)
    {
        dns::CloudflareSettings s;
        s.zone = "apps.example.com";
        s.token = token;
        s.api = m_cloudflare->api();
        s.timeoutMs = 3000;
        return s;
    }

    int changes(const QByteArray& verb) const
    {
        int count = 0;
        for (const RecordedRequest& request : m_cloudflare->requests())
            count += request.method == verb ? 1 : 0;
        return count;
    }

private slots:
    void init()
    {
        m_cloudflare = std::make_unique<CloudflareStandIn>(kToken, "apps.example.com");
        QVERIFY(m_cloudflare->listen());
    }

    void aNameIsPointedMovedAndRemovedWithoutDuplicates()
    {
        dns::CloudflareProvider provider(settings());
        QVERIFY(changeRecord(provider, "clock.apps.example.com", "203.0.113.7"));
        QCOMPARE(m_cloudflare->contentsOf("clock.apps.example.com", "A"),
                 QStringList{"203.0.113.7"});
        QCOMPARE(m_cloudflare->records.front().ttl, 300);
        // Again (a repeat after a kill): nothing is created or deleted.
        const int posts = changes("POST");
        QVERIFY(changeRecord(provider, "Clock.Apps.Example.com", "203.0.113.7"));
        QCOMPARE(changes("POST"), posts);
        QCOMPARE(changes("DELETE"), 0);
        // A record someone added by hand beside it goes too: the name points at one address.
        m_cloudflare->records.push_back({"feed", "A", "clock.apps.example.com", "192.0.2.9", 1});
        m_cloudflare->records.push_back({"cafe", "TXT", "clock.apps.example.com", "v=spf1", 1});
        QVERIFY(changeRecord(provider, "clock.apps.example.com", "2001:db8::7"));
        QCOMPARE(m_cloudflare->contentsOf("clock.apps.example.com", "A"), QStringList());
        QCOMPARE(m_cloudflare->contentsOf("clock.apps.example.com", "AAAA"),
                 QStringList{"2001:db8::7"});
        QCOMPARE(m_cloudflare->contentsOf("clock.apps.example.com", "TXT"), QStringList{"v=spf1"});
        QVERIFY(changeRecord(provider, "clock.apps.example.com", QString()));
        QVERIFY(changeRecord(provider, "clock.apps.example.com", QString())); // nothing left
        QCOMPARE(m_cloudflare->records.size(), size_t(1));                    // the TXT stays
        // The zone's id is looked up once.
        int zoneLookups = 0;
        for (const RecordedRequest& request : m_cloudflare->requests())
            zoneLookups += request.path.startsWith("/zones?") ? 1 : 0;
        QCOMPARE(zoneLookups, 1);
    }

    // Zavhoz's keeper with Cloudflare as the zone's provider: the token from the vault, each
    // change journaled; a change Cloudflare could not take stays in the journal and is sent
    // again at the next start, leaving one record; a project's names go at teardown.
    void theKeeperJournalsEachChangeThroughCloudflare()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath("orch.db"));
        QVERIFY(db);
        dns::DomainSettings domains;
        dns::ZoneSettings zone;
        zone.zone = "apps.example.com";
        zone.provider = "cloudflare";
        zone.keySecret = "domain:cloudflare";
        zone.api = m_cloudflare->api().toString();
        domains.zones = {zone};
        QStringList revealed;
        auto reveal = [&revealed](const QString& handle) -> Result<QByteArray> {
            revealed << handle;
            return QByteArray(kToken + "\n");
        };
        auto wait = [](auto start) {
            std::optional<Result<void>> outcome;
            start([&outcome](Result<void> r) { outcome = std::move(r); });
            (void)QTest::qWaitFor([&] { return outcome.has_value(); }, 20000);
            return outcome.value_or(Result<void>(Error{"no outcome"}));
        };
        {
            DomainKeeper keeper(domains, *db.value(), reveal, nullptr);
            m_cloudflare->failNext(FakeReply::raw(503, "upstream connect error"));
            auto failed = wait([&](auto done) {
                keeper.point("p1", "clock.apps.example.com", "203.0.113.7", done);
            });
            QVERIFY(!failed);
            QVERIFY2(failed.error().contains("HTTP 503"), qPrintable(failed.error()));
        }
        QCOMPARE(DnsRecords(*db.value()).unsettled()->size(), size_t(1));
        QCOMPARE(m_cloudflare->records.size(), size_t(0));
        DomainKeeper next(domains, *db.value(), reveal, nullptr);
        next.recover(); // the next start
        QTRY_COMPARE(m_cloudflare->contentsOf("clock.apps.example.com", "A"),
                     QStringList{"203.0.113.7"});
        QTRY_COMPARE(DnsRecords(*db.value()).unsettled()->size(), size_t(0));
        QVERIFY(wait(
            [&](auto done) { next.point("p1", "clock.apps.example.com", "203.0.113.7", done); }));
        QCOMPARE(m_cloudflare->records.size(), size_t(1));
        QVERIFY(wait([&](auto done) { next.unpoint("p1", done); }));
        QCOMPARE(m_cloudflare->records.size(), size_t(0));
        QCOMPARE(DnsRecords(*db.value()).ofProject("p1")->size(), size_t(0));
        QVERIFY(revealed.contains("domain:cloudflare"));
        for (const RecordedRequest& request : m_cloudflare->requests())
            QVERIFY(!request.body.contains(kToken)); // only ever a header
    }

    // Several zones, each with its own provider: a name goes to the zone it is in, and one in
    // none is refused before anything is sent.
    void theKeeperSendsEachNameToItsZone()
    {
        CloudflareStandIn eu("eu-token", "eu.example.net");
        QVERIFY(eu.listen());
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath("orch.db"));
        QVERIFY(db);
        dns::DomainSettings domains;
        dns::ZoneSettings apps;
        apps.zone = "apps.example.com";
        apps.provider = "cloudflare";
        apps.keySecret = "domain:apps";
        apps.api = m_cloudflare->api().toString();
        dns::ZoneSettings euZone = apps;
        euZone.zone = "eu.example.net";
        euZone.keySecret = "domain:eu";
        euZone.api = eu.api().toString();
        euZone.servers = {"prod-eu"};
        domains.zones = {apps, euZone};
        auto reveal = [](const QString& handle) -> Result<QByteArray> {
            return handle == "domain:eu" ? QByteArray("eu-token") : kToken;
        };
        DomainKeeper keeper(domains, *db.value(), reveal, nullptr);
        auto point = [&keeper](const QString& name) {
            std::optional<Result<void>> outcome;
            keeper.point("p", name, "203.0.113.7",
                         [&outcome](Result<void> r) { outcome = std::move(r); });
            (void)QTest::qWaitFor([&] { return outcome.has_value(); }, 20000);
            return outcome.value_or(Result<void>(Error{"no outcome"}));
        };
        QVERIFY(point("clock.apps.example.com"));
        QVERIFY(point("clock.eu.example.net"));
        QCOMPARE(m_cloudflare->contentsOf("clock.apps.example.com", "A"),
                 QStringList{"203.0.113.7"});
        QCOMPARE(eu.contentsOf("clock.eu.example.net", "A"), QStringList{"203.0.113.7"});
        QCOMPARE(m_cloudflare->records.size(), size_t(1));
        QCOMPARE(eu.records.size(), size_t(1));
        auto outside = point("clock.example.org");
        QVERIFY(!outside);
        QVERIFY2(outside.error().contains("in no zone"), qPrintable(outside.error()));
        QCOMPARE(DnsRecords(*db.value()).unsettled()->size(), size_t(0)); // nothing left to retry
    }

    void refusalsAreToldWithCloudflaresReason()
    {
        dns::CloudflareProvider wrongToken(settings("not-the-token"));
        auto refused = changeRecord(wrongToken, "a.apps.example.com", "203.0.113.7");
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains("[10000] Authentication error") &&
                     refused.error().contains("HTTP 403"),
                 qPrintable(refused.error()));

        dns::CloudflareSettings other = settings();
        other.zone = "elsewhere.example.com";
        dns::CloudflareProvider unknownZone(other);
        refused = changeRecord(unknownZone, "a.elsewhere.example.com", "203.0.113.7");
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains("no zone elsewhere.example.com"),
                 qPrintable(refused.error()));

        dns::CloudflareProvider provider(settings());
        refused = changeRecord(provider, "a.other.org", "203.0.113.7");
        QVERIFY(!refused);
        QVERIFY(refused.error().contains("not in the zone"));
        QCOMPARE(m_cloudflare->requests().size(), 2); // refused before anything was sent

        // A CNAME holds the name: Cloudflare's own code and words.
        m_cloudflare->records.push_back({"c1", "CNAME", "www.apps.example.com", "x.example", 1});
        refused = changeRecord(provider, "www.apps.example.com", "203.0.113.7");
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains("[81053]"), qPrintable(refused.error()));
    }

    void rateLimitsAreWaitedOutThenNamed()
    {
        dns::CloudflareProvider provider(settings());
        m_cloudflare->rateLimit = 0; // the next requests get 429 with Retry-After: 1
        QElapsedTimer took;
        took.start();
        QTimer::singleShot(1500, [this] { m_cloudflare->rateLimit = 1000; });
        QVERIFY(changeRecord(provider, "clock.apps.example.com", "203.0.113.7"));
        QVERIFY(took.elapsed() >= 1000);
        QCOMPARE(m_cloudflare->contentsOf("clock.apps.example.com", "A"),
                 QStringList{"203.0.113.7"});

        dns::CloudflareSettings impatient = settings();
        impatient.maxRateWaits = 1;
        dns::CloudflareProvider limited(impatient);
        m_cloudflare->rateLimit = 0;
        auto refused = changeRecord(limited, "clock.apps.example.com", "203.0.113.8");
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains("rate limited") && refused.error().contains("[971]"),
                 qPrintable(refused.error()));
        m_cloudflare->rateLimit = 1000;
        m_cloudflare->retryAfterS = 3600; // longer than is worth waiting: told at once
        m_cloudflare->rateLimit = 0;
        took.restart();
        QVERIFY(!changeRecord(limited, "clock.apps.example.com", "203.0.113.8"));
        QVERIFY(took.elapsed() < 3000);
    }

    void hostileAnswersEndInAClearError()
    {
        const QByteArray huge =
            "{\"success\": true, \"result\": [\"" + QByteArray(6 * 1024 * 1024, 'x') + "\"]}";
        const struct
        {
            FakeReply reply;
            const char* expected;
        } cases[] = {
            {FakeReply::raw(200, "<html>502 Bad Gateway</html>"), "without its JSON envelope"},
            {FakeReply::raw(200, "{\"result\": []}"), "without its JSON envelope"},
            {FakeReply::raw(500, "{\"success\": false, \"errors\": []}"), "no reason given"},
            {FakeReply::raw(200, "{\"success\": true, \"result\": {\"id\": 5}}"),
             "no zone apps.example.com"},
            {FakeReply::raw(200, huge), "answered more than 4 MiB"},
            {[] {
                 FakeReply r;
                 r.fault = FakeReply::Fault::DropConnection;
                 return r;
             }(),
             "could not be reached"},
            {[] {
                 FakeReply r;
                 r.fault = FakeReply::Fault::Stall; // the headers, then silence
                 r.body = "{\"success\": true, \"result\": []}";
                 return r;
             }(),
             "could not be reached"},
        };
        for (const auto& c : cases) {
            init(); // a fresh stand-in: no fault left over from the case before
            dns::CloudflareProvider provider(settings());
            m_cloudflare->failNext(c.reply);
            // Qt sends a request again once when the connection closes without an answer.
            if (c.reply.fault == FakeReply::Fault::DropConnection)
                m_cloudflare->failNext(c.reply);
            QElapsedTimer took;
            took.start();
            auto refused = changeRecord(provider, "clock.apps.example.com", "203.0.113.7");
            QVERIFY2(!refused, c.expected);
            QVERIFY2(refused.error().contains(QLatin1String(c.expected)),
                     qPrintable(c.expected + QStringLiteral(" ≠ ") + refused.error()));
            QVERIFY(took.elapsed() < 10000);
        }
        // A listing that is not a list: named, nothing deleted or created.
        init();
        dns::CloudflareProvider provider(settings());
        QVERIFY(changeRecord(provider, "clock.apps.example.com", "203.0.113.7")); // zone id known
        m_cloudflare->failNext(FakeReply::raw(200, "{\"success\": true, \"result\": \"all\"}"));
        auto refused = changeRecord(provider, "clock.apps.example.com", "203.0.113.9");
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains("other than a list"), qPrintable(refused.error()));
        QCOMPARE(m_cloudflare->contentsOf("clock.apps.example.com", "A"),
                 QStringList{"203.0.113.7"});
    }
};

QTEST_GUILESS_MAIN(TestDnsCloudflare)
#include "tst_dns_cloudflare.moc"
