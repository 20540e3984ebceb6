// The deploy pipeline for real: ansible-playbook on this machine, Caddy with its internal CA
// in front, HTTPS health checks that prove the version, a redeploy, a failed deploy rolled
// back, and a teardown that leaves nothing behind.

#include "JsonCompare.h"
#include "LocalPorts.h"
#include "TestFiles.h"
#include "core/Result.h"
#include "deploy/Deployer.h"
#include "deploy/HttpProbe.h"
#include "graph/GraphDefinition.h"
#include "store/ResourceAllocator.h"
#include "tools/ToolRegistry.h"
#include "workspace/GitRepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace orch;
using namespace orch::test;

namespace {

QByteArray service(const char* status)
{
    return QByteArray(R"(import json, os
from http.server import BaseHTTPRequestHandler, HTTPServer

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"status": ")") +
           status + R"(", "version": os.environ["APP_VERSION"]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
)";
}

} // namespace

class TestDeploy : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DeploySettings m_settings;
    std::unique_ptr<Deployer> m_deployer;
    int m_port = 0;

    QString commit(const QByteArray& app, const QString& message)
    {
        const QString ws = m_dir.filePath("workspace");
        QDir().mkpath(ws);
        QFile file(QDir(ws).filePath("app.py"));
        file.open(QIODevice::WriteOnly);
        file.write(app);
        file.close();
        auto repository = GitRepository::open(ws, true);
        return repository.value()->commitAll(message, "t", "t@localhost").value();
    }
    DeployOutcome deploy(const std::map<QString, QByteArray>& moreEnv = {})
    {
        DeployRequest request;
        request.name = QStringLiteral("clock");
        request.workspace = m_dir.filePath("workspace");
        request.port = m_port;
        request.env = moreEnv;
        request.env[QStringLiteral("BOT_TOKEN")] = QByteArray("123:secret-token");
        QSignalSpy done(m_deployer.get(), &Deployer::deployed);
        m_deployer->deploy(request);
        if (!done.wait(120000))
            qWarning("deploy did not finish");
        const DeployOutcome outcome =
            done.isEmpty() ? DeployOutcome() : done.first().first().value<DeployOutcome>();
        if (!outcome.ok) { // what the service said, so a failure here names its cause
            QFile log(m_dir.filePath("root/clock/service.log"));
            if (log.open(QIODevice::ReadOnly))
                qWarning("the service's log:\n%s", log.readAll().right(3000).constData());
        }
        return outcome;
    }
    QString currentRelease() const
    {
        return QFileInfo(QFileInfo(m_dir.filePath("root/clock/current")).symLinkTarget())
            .fileName();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        qRegisterMetaType<orch::DeployOutcome>();
        m_settings.deployRoot = m_dir.filePath("root");
        m_settings.httpPort = freePort();
        m_settings.httpsPort = freePort();
        m_settings.healthTimeoutMs = 6000;
        m_deployer = std::make_unique<Deployer>(m_settings, nullptr);
        m_port = freePort();
    }

    void refusesWithoutSettings()
    {
        Deployer unconfigured(DeploySettings{}, nullptr);
        QSignalSpy done(&unconfigured, &Deployer::deployed);
        unconfigured.deploy({QStringLiteral("x"), m_dir.path(), 1, {}});
        QVERIFY(done.wait(2000));
        const auto outcome = done.first().first().value<DeployOutcome>();
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.reason.contains("--https-port"), qPrintable(outcome.reason));
    }

    void deploysBehindCaddyWithTls()
    {
        const QString first = commit(service("ok"), "first");
        const DeployOutcome outcome = deploy();
        QVERIFY2(outcome.ok, qPrintable(outcome.reason));
        QCOMPARE(outcome.release, first);
        QCOMPARE(outcome.running, first);
        QCOMPARE(outcome.url,
                 QStringLiteral("https://clock.localhost:%1/").arg(m_settings.httpsPort));
        QCOMPARE(parseJson(outcome.healthBody)["version"], first.toStdString());
        QCOMPARE(currentRelease(), first);
        QVERIFY(!QFile::exists(m_dir.filePath("root/clock/current/.git")));
        // What the deploy names on the machine carries a prefix no system unit or site uses.
        QVERIFY(QFile::exists(m_dir.filePath("root/caddy/sites/orch-clock.caddy")));
        QVERIFY(!QFile::exists(m_dir.filePath("root/caddy/sites/clock.caddy")));
        const auto envPermissions = QFile(m_dir.filePath("root/clock/env")).permissions();
        QCOMPARE(int(envPermissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther)), 0);

        // Verified independently: TLS to clock.localhost against Caddy's root only.
        ProbeRequest request{QUrl(outcome.url + "health"), "127.0.0.1",
                             QSslCertificate::fromPath(m_settings.caRootFile()), 5000};
        HttpProbe probe(request, nullptr);
        QSignalSpy answered(&probe, &HttpProbe::finished);
        probe.start();
        QVERIFY(answered.wait(6000));
        const auto result = answered.first().first().value<ProbeResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.status, 200);
        // Without the CA the certificate is not trusted.
        HttpProbe untrusted({QUrl(outcome.url + "health"), "127.0.0.1", {}, 5000}, nullptr);
        QSignalSpy refused(&untrusted, &HttpProbe::finished);
        untrusted.start();
        QVERIFY(refused.wait(6000));
        QVERIFY(!refused.first().first().value<ProbeResult>().ok);
    }

    void redeploysANewVersion()
    {
        const QString previous = currentRelease();
        const QString second = commit(service("ok") + "# v2\n", "second");
        const DeployOutcome outcome = deploy();
        QVERIFY2(outcome.ok, qPrintable(outcome.reason));
        QCOMPARE(outcome.previous, previous);
        QCOMPARE(outcome.running, second);
        QCOMPARE(currentRelease(), second);
    }

    void failedHealthCheckRollsBack()
    {
        const QString good = currentRelease();
        const QString broken = commit(service("broken"), "broken");
        const DeployOutcome outcome = deploy();
        QVERIFY(!outcome.ok);
        QVERIFY(outcome.rolledBack);
        QCOMPARE(outcome.release, broken);
        QCOMPARE(outcome.running, good);
        QVERIFY(outcome.attempts >= 1);
        QVERIFY2(outcome.reason.contains("health check failed after") &&
                     outcome.reason.contains("unexpected body"),
                 qPrintable(outcome.reason));
        // The release answered "broken": asking again would not change that.
        QVERIFY2(outcome.reason.contains("not retried"), qPrintable(outcome.reason));
        QCOMPARE(currentRelease(), good);
    }

    // A service that dies while it starts: seen at once, not after the health timeout.
    void aServiceThatCrashesIsRolledBackAtOnce()
    {
        const QString good = currentRelease();
        commit("import sys\nsys.exit('no configuration')\n", "crashes at start");
        const DeployOutcome outcome = deploy();
        QVERIFY(!outcome.ok);
        QVERIFY(outcome.rolledBack);
        QVERIFY2(outcome.reason.contains("stopped within") &&
                     outcome.reason.contains("read_service_log") &&
                     outcome.reason.contains("not retried"),
                 qPrintable(outcome.reason));
        QCOMPARE(outcome.running, good);
        QCOMPARE(currentRelease(), good);
    }

    void deployToolRecordsReasonAndAttempt()
    {
        ToolSettings settings;
        settings.deploy.settings = m_settings;
        settings.deploy.servicePortFirst = m_port;
        settings.deploy.servicePortLast = m_port;
        const int port = m_port;
        settings.deploy.allocatePort = [port](const QString& project, int,
                                              int) -> Result<Allocation> {
            return Allocation{QStringLiteral("port:") + project, QString::number(port)};
        };
        settings.deploy.revealSecret = [](const QString& handle,
                                          const QString&) -> Result<QByteArray> {
            return Error{QStringLiteral("no secret %1").arg(handle)};
        };
        auto tools = ToolRegistry::withBuiltins(settings);
        const QString good = currentRelease();
        commit(service("still broken"), "broken again");
        const Json state = {{"spec", {{"title", "Clock"}}}, {"deployment", {{"attempt", 1}}}};
        static const AgentDefinition devops{QStringLiteral("devops")};
        ToolResult result;
        bool answered = false;
        tools->find("deploy")->invoke(Json::object(),
                                      {state, devops, "run", m_dir.filePath("workspace"), nullptr},
                                      [&](ToolResult r) {
                                          result = std::move(r);
                                          answered = true;
                                      });
        QVERIFY(QTest::qWaitFor([&] { return answered; }, 120000));
        QVERIFY(!result.ok);
        const Json& deployment = result.stateUpdate["deployment"];
        QCOMPARE(deployment["healthy"], false);
        QCOMPARE(deployment["rolled_back"], true);
        QCOMPARE(deployment["running"], good.toStdString());
        QCOMPARE(deployment["attempt"], 2);
        QCOMPARE(result.stateUpdate["errors"][0]["agent"], "devops");
        QCOMPARE(result.stateUpdate["errors"][0]["attempt"], 2);
        QVERIFY(result.stateUpdate["errors"][0]["reason"].get<std::string>().find(
                    "health check failed") != std::string::npos);
    }

    void aSecretThatLooksLikeATemplateReachesTheServiceVerbatim()
    {
        const QString pwned = m_dir.filePath("pwned");
        const QByteArray hostile =
            "{{ lookup('pipe', 'touch " + pwned.toUtf8() + "') }} {% raw %}$HOME `id` \"q\" 'a' \\";
        QByteArray app = service("ok");
        app.replace(R"("version": os.environ["APP_VERSION"])",
                    R"("version": os.environ["APP_VERSION"], "token": os.environ["BOT_TOKEN"])");
        const QString release = commit(app, "echoes its token");
        DeployRequest request;
        request.name = QStringLiteral("clock");
        request.workspace = m_dir.filePath("workspace");
        request.port = m_port;
        request.env = {{QStringLiteral("BOT_TOKEN"), hostile}};
        QSignalSpy done(m_deployer.get(), &Deployer::deployed);
        m_deployer->deploy(request);
        QVERIFY(done.wait(120000));
        const auto outcome = done.first().first().value<DeployOutcome>();
        QVERIFY2(outcome.ok, qPrintable(outcome.reason));
        QCOMPARE(outcome.running, release);
        QCOMPARE(parseJson(outcome.healthBody)["token"], hostile.toStdString());
        QVERIFY2(!QFile::exists(pwned), "a secret was evaluated as a template");
    }

    // The environment file cannot be written (here: a folder where it is written first): the
    // deploy fails naming why, in the words of the command that failed, and no secret shows.
    // The environment is larger than a pipe's buffer, so a command that failed before reading
    // all of it would leave Ansible's write unfinished (EPIPE: "exit 32" and no reason).
    void anEnvironmentFileThatCannotBeWrittenSaysWhy()
    {
        const QString before = currentRelease();
        commit(service("ok") + "# env\n", "its environment cannot be written");
        const QString blocker = m_dir.filePath("root/clock/env.new");
        QVERIFY(QDir().mkpath(blocker));
        const DeployOutcome outcome =
            deploy({{QStringLiteral("LARGE_SETTING"), QByteArray(256 * 1024, 'x')}});
        QDir(blocker).removeRecursively();
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.reason.contains("/env failed") &&
                     outcome.reason.contains("Is a directory"),
                 qPrintable(outcome.reason));
        QVERIFY2(!outcome.reason.contains("secret-token"), qPrintable(outcome.reason));
        QCOMPARE(currentRelease(), before);
    }

    void theServiceRunsConfinedAsItsOwnUser()
    {
        const QString outside = m_dir.filePath("orchestrator-secret.txt");
        QFile secret(outside);
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("not for services");
        secret.close();
        QByteArray app = service("ok");
        app.replace(R"("version": os.environ["APP_VERSION"])",
                    R"("version": os.environ["APP_VERSION"], "probe": probe())");
        app.replace("class Handler",
                    "def attempt(action):\n"
                    "    try:\n"
                    "        action()\n"
                    "        return 'yes'\n"
                    "    except Exception as e:\n"
                    "        return 'no'\n\n"
                    "def probe():\n"
                    "    return {'uid': os.getuid(),\n"
                    "            'read_outside': attempt(lambda: open('" +
                        outside.toUtf8() +
                        "').read()),\n"
                        "            'write_release': attempt(lambda: open('x', 'w')),\n"
                        "            'write_data': attempt(lambda: open('" +
                        m_dir.filePath("root/clock/data/ok").toUtf8() +
                        "', 'w')),\n"
                        "            'other_env': attempt(lambda: open('/etc/shadow').read())}\n\n"
                        "class Handler");
        const QString release = commit(app, "reports what it can reach");
        const DeployOutcome outcome = deploy();
        QVERIFY2(outcome.ok, qPrintable(outcome.reason));
        QCOMPARE(outcome.running, release);
        const Json probe = parseJson(outcome.healthBody)["probe"];
        QCOMPARE(probe["read_outside"], "no");
        QCOMPARE(probe["write_release"], "no");
        QCOMPARE(probe["write_data"], "yes");
        QCOMPARE(probe["other_env"], "no");
        if (geteuid() == 0) {
            QVERIFY(probe["uid"].get<int>() != 0);
            QCOMPARE(QFileInfo(m_dir.filePath("root/clock/env")).owner(), QString("orch-clock"));
        }
    }

    void teardownLeavesNothing()
    {
        QSignalSpy done(m_deployer.get(), &Deployer::tornDown);
        m_deployer->teardown(QStringLiteral("clock"));
        QVERIFY(done.wait(60000));
        QVERIFY2(done.first().first().toBool(), qPrintable(done.first().last().toString()));
        QVERIFY(QTest::qWaitFor(
            [&] { return !listening(m_port) && !QFile::exists(m_settings.caddyAdminSocket()); },
            10000));
        QVERIFY(!QFile::exists(m_dir.filePath("root/clock")));
        QVERIFY(!QFile::exists(m_dir.filePath("root/caddy/sites/orch-clock.caddy")));
        if (geteuid() == 0) { // the service's own user goes with it
            QProcess getent;
            getent.start("getent", {"passwd", "orch-clock"});
            QVERIFY(getent.waitForFinished());
            QCOMPARE(getent.exitCode(), 2);
        }
    }

    void cleanupTestCase()
    {
        if (QFile::exists(m_settings.caddyAdminSocket()) ||
            listening(m_port)) { // a failed test left them
            QSignalSpy done(m_deployer.get(), &Deployer::tornDown);
            m_deployer->teardown(QStringLiteral("clock"));
            done.wait(60000);
        }
    }
};

QTEST_GUILESS_MAIN(TestDeploy)
#include "tst_deploy.moc"
