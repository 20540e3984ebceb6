// What crosses into and out of the deployment watcher is read as data: a deployment_health
// event from the wire or the store, a service's memory as its host reports it, a deployment
// over the remote API, and the release a rollback asks the repository for.

#include "api/RunEvents.h"
#include "api/WireFormat.h"
#include "deploy/ServiceMemory.h"
#include "facade/DeploymentWatch.h"
#include "workspace/GitRepository.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;

namespace {

RunEvent healthEvent(Json payload)
{
    RunEvent event;
    event.runId = "r1";
    event.kind = EventKind::DeploymentHealth;
    event.payload = std::move(payload);
    return event;
}

} // namespace

class TestDeploymentRecords : public QObject
{
    Q_OBJECT

private slots:
    void healthEventsRoundTrip()
    {
        const DeploymentHealth down{"clock", "https://clock.localhost/", "down", "HTTP 502", 0};
        const RunEvent event = healthEvent(down.toJson());
        QCOMPARE(EventKind::name(event.kind), QStringLiteral("deployment_health"));
        auto read = DeploymentHealth::from(event);
        QVERIFY(read);
        QCOMPARE(read->change, QStringLiteral("down"));
        QCOMPARE(read->detail, QStringLiteral("HTTP 502"));
    }

    void hostileHealthEventsAreNotRead()
    {
        QVERIFY(!DeploymentHealth::from(healthEvent(Json::array())));
        QVERIFY(!DeploymentHealth::from(healthEvent("down")));
        QVERIFY(!DeploymentHealth::from(healthEvent({{"change", "rm -rf /"}})));
        QVERIFY(!DeploymentHealth::from(healthEvent({{"change", 7}})));
        RunEvent other = healthEvent({{"change", "down"}});
        other.kind = EventKind::Warning;
        QVERIFY(!DeploymentHealth::from(other));
        // Wrong types read as empty, never throw.
        auto odd = DeploymentHealth::from(healthEvent({{"change", "up"},
                                                       {"service", 5},
                                                       {"detail", Json::object()},
                                                       {"certificate_expires_at", "soon"}}));
        QVERIFY(odd);
        QCOMPARE(odd->service, QString());
        QCOMPARE(odd->certificateExpiresAt, 0);
        // A huge detail is cut when written.
        const DeploymentHealth huge{"s", "u", "down", QString(100000, 'x'), 0};
        QCOMPARE(huge.toJson()["detail"].get<std::string>().size(), size_t(2000));
    }

    void aCertificateNearItsEndIsToldOncePerCertificate()
    {
        const qint64 day = 24LL * 60 * 60 * 1000;
        const qint64 now = 1'000'000LL * day;
        auto due = &DeploymentWatch::certificateAlertDue;
        QVERIFY(!due(0, 0, now));              // not read (a *.localhost one, or no TLS)
        QVERIFY(!due(now + 60 * day, 0, now)); // two months left
        QVERIFY(due(now + 13 * day, 0, now));
        QVERIFY(due(now - day, 0, now));               // already over: still told
        QVERIFY(!due(now + 13 * day, now - day, now)); // told yesterday
        // Renewed for 90 days, then nearing its end again: told again.
        const qint64 renewed = now + 90 * day;
        QVERIFY(!due(renewed, now, now));
        QVERIFY(due(renewed, now, renewed - 10 * day));
    }

    void memoryReportsAreReadAsNumbers()
    {
        QCOMPARE(memoryMbFromReport("52428800\n"), 50);
        QCOMPARE(memoryMbFromReport("52428801"), 51); // rounded up
        QCOMPARE(memoryMbFromReport("[not set]\n"), 0);
        QCOMPARE(memoryMbFromReport(""), 0);
        QCOMPARE(memoryMbFromReport("-4096"), 0);
        QCOMPARE(memoryMbFromReport("12abc"), 0);
        QCOMPARE(memoryMbFromReport("99999999999999999999999"), 0);
        QCOMPARE(memoryMbFromReport(QByteArray(1 << 20, '7')), 0);
    }

    void deploymentsCrossTheWire()
    {
        DeploymentRecord d;
        d.projectId = "p";
        d.projectName = "Clock";
        d.service = "clock";
        d.version = QString(40, 'a');
        d.health = DeploymentHealthState::Healthy;
        d.uptime = 0.75;
        d.memoryMb = 40;
        auto back = wire::deploymentFrom(wire::toJson(d));
        QVERIFY2(back, qPrintable(back.error()));
        QCOMPARE(back->projectName, QStringLiteral("Clock"));
        QCOMPARE(back->uptime, 0.75);
        QCOMPARE(back->memoryMb, 40);
        QVERIFY(!back->activity.known);
        QVERIFY(wire::toJson(d)["activity"].is_null());

        // A bot's counts cross too; hostile ones are read as counts or not at all.
        d.activity = {true, 5, 4, 1, 0, 3};
        back = wire::deploymentFrom(wire::toJson(d));
        QVERIFY(back && back->activity.known);
        QCOMPARE(back->activity.conflicts, 3);
        Json hostile = wire::toJson(d);
        hostile["activity"] = {{"updates", "many"}, {"messages", -7}, {"blocked", 1e300}};
        back = wire::deploymentFrom(hostile);
        QVERIFY(back && back->activity.known);
        QCOMPARE(back->activity.updates, 0);
        QCOMPARE(back->activity.messages, 0);
        QCOMPARE(back->activity.blocked, 0);
        hostile["activity"] = "lots";
        back = wire::deploymentFrom(hostile);
        QVERIFY(back && !back->activity.known);

        Json wrong = wire::toJson(d);
        wrong["uptime"] = "most of it";
        auto refused = wire::deploymentFrom(wrong);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains("uptime"), qPrintable(refused.error()));
        wrong = wire::toJson(d);
        wrong.erase("version");
        QVERIFY(!wire::deploymentFrom(wrong));
        QVERIFY(!wire::deploymentFrom(Json::array()));
        QVERIFY(!wire::deploymentFrom(nullptr));
    }

    // A domain's claim: its lists cross as lists of strings, anything else is refused by name.
    void domainClaimsCrossTheWire()
    {
        DomainClaim c;
        c.project = "Shop";
        c.domain = "shop.example.org";
        c.wanted = {"203.0.113.7"};
        c.found = {"192.0.2.1", "2001:db8::1"};
        c.record = "shop.example.org. 300 IN A 203.0.113.7";
        auto back = wire::domainClaimFrom(wire::toJson(c));
        QVERIFY2(back, qPrintable(back.error()));
        QVERIFY(!back->accepted);
        QCOMPARE(back->found, c.found);
        QCOMPARE(back->wanted, c.wanted);
        QCOMPARE(back->record, c.record);
        for (const Json& bad :
             {Json("192.0.2.1"), Json::array({1, 2}), Json::array({"ok", Json::object()})}) {
            Json hostile = wire::toJson(c);
            hostile["found"] = bad;
            auto refused = wire::domainClaimFrom(hostile);
            QVERIFY(!refused);
            QVERIFY2(refused.error().contains("found"), qPrintable(refused.error()));
        }
        Json missing = wire::toJson(c);
        missing.erase("accepted");
        QVERIFY(!wire::domainClaimFrom(missing));
        QVERIFY(!wire::domainClaimFrom(Json::array()));
    }

    void aRollbackExportsOnlyAFullShaOfTheRepository()
    {
        QTemporaryDir dir;
        auto repo = GitRepository::open(dir.filePath("repo"), true);
        QVERIFY(repo);
        QFile file(dir.filePath("repo/app.py"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("print('one')\n");
        file.close();
        auto first = repo.value()->commitAll("one", "t", "t@example.com");
        QVERIFY(first);
        QVERIFY(repo.value()->exportCommit(first.value(), dir.filePath("out")));
        QVERIFY(QFile::exists(dir.filePath("out/app.py")));
        for (const QString& bad :
             {QStringLiteral("HEAD~1"), QStringLiteral("main"), QStringLiteral("../../etc"),
              first->left(12), QString(40, 'f'), QStringLiteral("--upload-pack=x")}) {
            auto refused = repo.value()->exportCommit(bad, dir.filePath("bad"));
            QVERIFY2(!refused, qPrintable(bad));
        }
        QVERIFY(!QFile::exists(dir.filePath("bad/app.py")));
    }
};

QTEST_GUILESS_MAIN(TestDeploymentRecords)
#include "tst_deployment_records.moc"
