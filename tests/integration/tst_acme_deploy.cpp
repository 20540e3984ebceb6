// Certificates by ACME for a real domain, all on loopback with real parts: knotd holds the
// zone apps.test and takes the project's A record by a TSIG-signed RFC 2136 update; Debian's
// pebble, resolving through knotd, validates HTTP-01 against Caddy and issues the
// certificate; the deploy's health check passes only against Pebble's root; the served
// certificate's issuer and expiry are read back; teardown and the record's removal leave the
// name unresolvable. Without the record, the ACME server cannot validate and the deploy fails
// with the ACME server's reason instead of a bare TLS error.

#include "EngineInternals.h"
#include "KnotServer.h"
#include "LocalPorts.h"
#include "PebbleServer.h"
#include "ScriptedModel.h"
#include "ServerProject.h"
#include "TestFiles.h"
#include "TestGraphs.h"
#include "api/AwaitAnswer.h"
#include "deploy/Deployer.h"
#include "deploy/HttpProbe.h"
#include "dns/DnsLookup.h"
#include "dns/DnsMessage.h"
#include "dns/Rfc2136Provider.h"
#include "store/Deployments.h"
#include "store/RunStore.h"
#include "vault/Vault.h"
#include "workspace/GitRepository.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {
const QByteArray kApp = httpService("'ok'", "'name': 'clock'");
} // namespace

class TestAcmeDeploy : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    KnotServer m_knot;
    PebbleServer m_pebble;
    DeploySettings m_settings;
    QString m_issuerRoot;

    Result<void> pointName(const QString& name, const QString& address)
    {
        dns::Rfc2136Provider provider({m_knot.zone(), m_knot.server(), m_knot.key(), 60});
        return changeRecord(provider, name, address);
    }

    DeployOutcome deploy(const QString& name)
    {
        const QString ws = m_dir.filePath("ws/" + name);
        QDir().mkpath(ws);
        QFile file(QDir(ws).filePath("app.py"));
        file.open(QIODevice::WriteOnly);
        file.write(kApp);
        file.close();
        GitRepository::open(ws, true).value()->commitAll("app", "t", "t@localhost").value();
        Deployer deployer(m_settings, nullptr);
        QSignalSpy done(&deployer, &Deployer::deployed);
        deployer.deploy({name, ws, freePort(), {}});
        if (!done.wait(180000))
            qWarning("deploy did not finish");
        return done.isEmpty() ? DeployOutcome() : done.first().first().value<DeployOutcome>();
    }

    // The person's own zone, changed as they would at their DNS provider.
    Result<void> pointOwn(const QString& name, const QString& address)
    {
        dns::Rfc2136Provider provider({"people.test", m_knot.server(), m_knot.key(), 60});
        return changeRecord(provider, name, address);
    }

    // `url` answers with a certificate Pebble issued, trusted against its root.
    bool isServedByPebble(const QString& url)
    {
        ProbeRequest request;
        request.url = QUrl(url);
        request.connectAddress = "127.0.0.1";
        request.caCertificates = QSslCertificate::fromPath(m_issuerRoot);
        HttpProbe probe(request, nullptr);
        QSignalSpy answered(&probe, &HttpProbe::finished);
        probe.start();
        if (!answered.wait(10000))
            return false;
        const ProbeResult result = answered.first().first().value<ProbeResult>();
        if (!result.ok)
            qWarning("%s: %s", qPrintable(url), qPrintable(result.error));
        return result.ok && result.status == 200 && result.certificateIssuer.contains("Pebble");
    }

    QStringList records(const QString& name)
    {
        return lookupRecords(m_knot.server(), name, dns::A);
    }

    bool teardown(const QString& name)
    {
        Deployer deployer(m_settings, nullptr);
        QSignalSpy done(&deployer, &Deployer::tornDown);
        deployer.teardown(name);
        return done.wait(60000) && done.first().first().toBool();
    }

private slots:
    void initTestCase()
    {
        for (const QString& why :
             {KnotServer::unavailableReason(), PebbleServer::unavailableReason()})
            if (!why.isEmpty())
                QSKIP(qPrintable(why));
        qRegisterMetaType<orch::DeployOutcome>();
        QVERIFY(letOthersThrough(m_dir.path()));
        // people.test: a person's own zone, which the orchestrator holds no key of.
        const QString knot = m_knot.start(QStringLiteral("apps.test"), {"people.test"});
        QVERIFY2(knot.isEmpty(), qPrintable(knot));
        m_settings.deployRoot = m_dir.filePath("root");
        m_settings.httpPort = freePort();
        m_settings.httpsPort = freePort();
        m_settings.healthTimeoutMs = 30000;
        // Certificates that last ten days, so the watcher's 14-day warning is due at once.
        const QString pebble =
            m_pebble.start(m_knot.port(), m_settings.httpPort, m_settings.httpsPort, 10 * 86400);
        QVERIFY2(pebble.isEmpty(), qPrintable(pebble));
        m_issuerRoot = m_pebble.fetchIssuerRoot();
        QVERIFY(!m_issuerRoot.isEmpty());
        m_settings.domainSuffix = QStringLiteral("apps.test");
        m_settings.acmeDirectory = m_pebble.directory();
        m_settings.acmeEmail = QStringLiteral("ops@apps.test");
        m_settings.acmeServerRoot = m_pebble.apiRootFile();
        m_settings.acmeIssuerRoot = m_issuerRoot;
    }

    void aDeployedDomainGetsItsCertificateFromTheAcmeServer()
    {
        QVERIFY(pointName("clock.apps.test", "127.0.0.1"));
        QElapsedTimer took;
        took.start();
        const DeployOutcome outcome = deploy("clock");
        QVERIFY2(outcome.ok, qPrintable(outcome.reason + "\n" + m_pebble.log().right(3000)));
        QCOMPARE(outcome.url, QString("https://clock.apps.test:%1/").arg(m_settings.httpsPort));
        qInfo("deploy to a valid certificate: %lld ms", took.elapsed());

        // The certificate really is Pebble's: trusted against its root, and not otherwise.
        ProbeRequest request;
        request.url = QUrl(outcome.url);
        request.connectAddress = "127.0.0.1";
        request.caCertificates = QSslCertificate::fromPath(m_issuerRoot);
        HttpProbe trusted(request, nullptr);
        QSignalSpy answered(&trusted, &HttpProbe::finished);
        trusted.start();
        QVERIFY(answered.wait(10000));
        const ProbeResult result = answered.first().first().value<ProbeResult>();
        QVERIFY2(result.ok && result.status == 200, qPrintable(result.error));
        QVERIFY2(result.certificateIssuer.contains("Pebble"), qPrintable(result.certificateIssuer));
        const qint64 days =
            (result.certificateExpiresAt - QDateTime::currentMSecsSinceEpoch()) / 86'400'000;
        qInfo("issued by %s, expires in %lld days", qPrintable(result.certificateIssuer), days);
        QVERIFY2(days >= 9 && days <= 10, qPrintable(QString::number(days)));

        request.caCertificates =
            QSslCertificate::fromPath(m_pebble.apiRootFile()); // not its issuer
        HttpProbe untrusted(request, nullptr);
        QSignalSpy refused(&untrusted, &HttpProbe::finished);
        untrusted.start();
        QVERIFY(refused.wait(10000));
        QVERIFY(!refused.first().first().value<ProbeResult>().ok);

        QVERIFY(teardown("clock"));
        QVERIFY(pointName("clock.apps.test", QString()));
        QCOMPARE(records("clock.apps.test"), QStringList());
    }

    // No record for the name: Pebble cannot resolve it, so no certificate; the deploy's health
    // check fails within its timeout, naming TLS, instead of waiting forever.
    void aNameWithoutARecordFailsWithAReason()
    {
        m_settings.healthTimeoutMs = 8000;
        const DeployOutcome outcome = deploy("nowhere");
        QVERIFY(!outcome.ok);
        qInfo("without a record: %s", qPrintable(outcome.reason.left(600)));
        // The ACME server's reason, from Caddy's log, and not the code's fault.
        QVERIFY2(outcome.reason.contains("the certificate for nowhere.apps.test could not be "
                                         "obtained"),
                 qPrintable(outcome.reason));
        QCOMPARE(outcome.failure, FailureClass::Environment);
        QVERIFY(teardown("nowhere"));
        m_settings.healthTimeoutMs = 30000;
    }

    // Through the engine, as DevOps deploys: the person approves the real domain, the record is
    // created from the zone's settings (its key from the vault) before Caddy asks for the
    // certificate, and the engine's teardown removes it.
    void theEngineKeepsTheProjectsRecord()
    {
        FakeLlmServer model;
        QVERIFY(model.listen());
        ScriptedModel script;
        model.setHandler(script.handler());
        script.script("devops",
                      {FakeReply::openAiToolCalls(
                           {toolCall("write_file",
                                     {{"path", "app.py"}, {"content", kApp.toStdString()}}, "w1"),
                            toolCall("git_commit", {{"message", "app"}}, "w2"),
                            toolCall("deploy", Json::object(), "w3")}),
                       // Approved: the deploy again, this time for real.
                       FakeReply::openAiToolCalls({toolCall("deploy", Json::object(), "w4")}),
                       FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "live"}})})});
        const int port = freePort();
        TestEngine t(model, false, 2, 5000, [&](EngineOptions& options) {
            options.tools.deploy.settings = m_settings;
            options.tools.deploy.servicePortFirst = port;
            options.tools.deploy.servicePortLast = port;
            dns::ZoneSettings zone;
            zone.zone = "apps.test";
            zone.provider = "rfc2136";
            zone.server = m_knot.server();
            zone.keyName = m_knot.key().name;
            zone.keySecret = "domain:apps";
            // A second kept zone that points only at a production server, not here.
            dns::ZoneSettings elsewhere = zone;
            elsewhere.zone = "eu.test";
            elsewhere.servers = {"prod-eu"};
            options.domains.zones = {zone, elsewhere};
            options.domains.address = "127.0.0.1";
            options.domains.resolver = m_knot.server();
        });
        QVERIFY(
            inside(*t.engine).vault().value()->put("domain:apps", m_knot.key().secret.toBase64()));
        const Json graph = testGraph(
            "devops",
            Json::array({testAgent("devops",
                                   {{"terminal", true},
                                    {"tools", {"write_file", "git_commit", "deploy", "finish"}}})}),
            Json::array());
        RunRecord run = t.runToEnd(graph, "weather clock", 60000);
        QCOMPARE(run.status, RunStatus::WaitingHuman); // a real domain: the person approves
        run = t.answerAndWait(run.id, "approve", 180000);
        QVERIFY2(run.status == RunStatus::Completed, qPrintable(run.reason));
        auto live = api::awaitAnswer(*t.engine, &EngineApi::deployments, {}, 10000);
        if (!live || live->size() != 1)
            for (const StepRecord& step : inside(*t.engine).store().steps(run.id).value())
                qWarning("%s", dumpJson(step.detail).c_str());
        QVERIFY(live && live->size() == 1);
        const QString host = QUrl(live->front().url).host();
        QVERIFY2(host.endsWith(".apps.test"), qPrintable(live->front().url));
        QCOMPARE(records(host), QStringList{"127.0.0.1"});

        // The watcher reads the certificate Caddy really serves, and warns 14 days ahead.
        t.engine->watchDeployments(1000);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto now = api::awaitAnswer(*t.engine, &EngineApi::deployments, {}, 10000);
                return now && now->size() == 1 && now->front().certificateExpiresAt > 0;
            }(),
            30000);
        const DeploymentRecord watched =
            api::awaitAnswer(*t.engine, &EngineApi::deployments, {}, 10000)->front();
        const qint64 left = watched.certificateExpiresAt - QDateTime::currentMSecsSinceEpoch();
        QVERIFY(left > 9 * 86'400'000LL && left <= 10 * 86'400'000LL);
        QTRY_VERIFY_WITH_TIMEOUT(Deployments(inside(*t.engine).store().database())
                                         .get(run.projectId, QDateTime::currentMSecsSinceEpoch())
                                         .value()
                                         ->certificateAlertedAt > 0,
                                 30000);
        t.engine->watchDeployments(0);

        // A person's own domain: refused while it points nowhere or elsewhere, with the record
        // to create; taken once it points here, the service redeployed there with a
        // certificate of its own, and the zone's old name removed.
        const QString own = QStringLiteral("shop.people.test");
        auto nowhere = api::awaitAnswer(*t.engine, &EngineApi::claimDomain,
                                        {run.projectId, "Shop.People.Test."}, 20000);
        QVERIFY2(nowhere, qPrintable(nowhere.error()));
        QVERIFY(!nowhere->accepted);
        QCOMPARE(nowhere->domain, own);
        QCOMPARE(nowhere->found, QStringList());
        QCOMPARE(nowhere->wanted, QStringList{"127.0.0.1"});
        QCOMPARE(nowhere->record, QString("shop.people.test. 300 IN A 127.0.0.1"));
        QVERIFY(pointOwn(own, "192.0.2.7"));
        auto elsewhere =
            api::awaitAnswer(*t.engine, &EngineApi::claimDomain, {run.projectId, own}, 20000);
        QVERIFY(elsewhere && !elsewhere->accepted);
        QCOMPARE(elsewhere->found, QStringList{"192.0.2.7"});
        QCOMPARE(records(host), QStringList{"127.0.0.1"}); // nothing moved meanwhile
        QVERIFY(pointOwn(own, "127.0.0.1"));
        auto taken =
            api::awaitAnswer(*t.engine, &EngineApi::claimDomain, {run.projectId, own}, 120000);
        QVERIFY2(taken, qPrintable(taken.error()));
        QVERIFY(taken->accepted);
        QCOMPARE(taken->url, QString("https://%1:%2/").arg(own).arg(m_settings.httpsPort));
        QVERIFY(isServedByPebble(taken->url));
        QCOMPARE(records(host), QStringList()); // the zone's name of it is gone
        auto listed = api::awaitAnswer(*t.engine, &EngineApi::deployments, {}, 10000);
        QVERIFY(listed && listed->size() == 1);
        QCOMPARE(listed->front().url, taken->url);
        auto notADomain = api::awaitAnswer(*t.engine, &EngineApi::claimDomain,
                                           {run.projectId, "shop people;test"}, 10000);
        QVERIFY(!notADomain && notADomain.code() == ErrorCode::Invalid);

        // A name in a zone that may not point where the project lives is refused plainly.
        auto wrongZone = api::awaitAnswer(*t.engine, &EngineApi::claimDomain,
                                          {run.projectId, "clock.eu.test"}, 10000);
        QVERIFY(!wrongZone && wrongZone.code() == ErrorCode::Invalid);
        QVERIFY2(wrongZone.error().contains("the zone eu.test does not point at this machine"),
                 qPrintable(wrongZone.error()));

        // A name of the person's choice in the zone: the orchestrator's to point, taken at once;
        // the person's own domain keeps its records (theirs), the service answers at the new name.
        auto chosen = api::awaitAnswer(*t.engine, &EngineApi::claimDomain,
                                       {run.projectId, "time.apps.test"}, 120000);
        QVERIFY2(chosen && chosen->accepted, qPrintable(chosen ? chosen->record : chosen.error()));
        QCOMPARE(chosen->url, QString("https://time.apps.test:%1/").arg(m_settings.httpsPort));
        QCOMPARE(records("time.apps.test"), QStringList{"127.0.0.1"});
        QVERIFY(isServedByPebble(chosen->url));
        // Back to the name it was given: its record again, the chosen one gone.
        auto back =
            api::awaitAnswer(*t.engine, &EngineApi::claimDomain, {run.projectId, ""}, 120000);
        QVERIFY2(back && back->accepted, qPrintable(back ? QString() : back.error()));
        QCOMPARE(QUrl(back->url).host(), host);
        QCOMPARE(records(host), QStringList{"127.0.0.1"});
        QCOMPARE(records("time.apps.test"), QStringList());

        auto down = api::awaitAnswer(*t.engine, &EngineApi::teardown, {run.projectId}, 60000);
        QVERIFY2(down, qPrintable(down.error()));
        QCOMPARE(records(host), QStringList());
        QCOMPARE(lookupRecords(m_knot.server(), own, dns::A), QStringList{"127.0.0.1"}); // theirs
    }

    void cleanupTestCase()
    {
        m_pebble.stop();
        m_knot.stop();
    }
};

QTEST_GUILESS_MAIN(TestAcmeDeploy)
#include "tst_acme_deploy.moc"
