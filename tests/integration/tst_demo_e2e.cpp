// The whole product on this machine: orchestratord runs the bundled graph against a local
// stand-in model (serving the offline demo's recorded replies over the real OpenAI protocol),
// writes the code, runs its tests, commits and pushes to a bare remote, deploys with ansible
// behind Caddy with TLS, probes it, and writes the report. Then: no secret in any model
// request, event, log line or report; teardown leaves nothing running.

#include "CliProcess.h"
#include "LocalPorts.h"
#include "ScriptedModel.h"
#include "TestFiles.h"
#include "deploy/HttpProbe.h"
#include "store/RunStore.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestDemoEndToEnd : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_deployArgs;

    QString path(const char* relative) const { return m_dir.filePath(QLatin1String(relative)); }

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        m_deployArgs = {"--deploy-root", path("deploy"),
                        "--http-port",   QString::number(freePort()),
                        "--https-port",  QString::number(freePort())};
    }

    void descriptionInDeployedProjectOut()
    {
        Json script =
            parseJson(readFile(QStringLiteral(SOURCE_DIR "/resources/demo/city-time.replay.json")));
        QVERIFY(script.is_object());
        // Zavhoz also hands the service a bot token from the vault.
        script["agents"]["zavhoz"][0]["tool_calls"].insert(
            script["agents"]["zavhoz"][0]["tool_calls"].begin(),
            Json{{"name", "attach_secret"},
                 {"arguments", {{"env", "BOT_TOKEN"}, {"handle", "bot:city-time"}}}});
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.setHandler([script](const RecordedRequest& r) {
            return ScriptedModel::replyFromRecording(script, r);
        });

        const QByteArray apiKey = "sk-e2e-api-key-7f3a9c";
        const QByteArray botToken = "4242:e2e-bot-token-b81d";
        const QStringList vaultEnv = {"ORCHESTRATOR_VAULT_KEY=" + QByteArray(32, 'v').toBase64()};
        const QStringList db = {"--db", path("orchestrator.db")};
        // The model key is the orchestrator's own; the bot token is shared with the projects.
        for (const auto& [handle, value] :
             {std::pair{"key:openai", apiKey}, std::pair{"bot:city-time", botToken}}) {
            QProcess set;
            const QStringList scope =
                QString(handle).startsWith("bot:") ? QStringList{"--shared"} : QStringList{};
            startCli(set, QStringList{"secrets", "set", handle} + scope + db, vaultEnv);
            QVERIFY(set.waitForStarted());
            set.write(value + "\n");
            set.closeWriteChannel();
            QVERIFY(set.waitForFinished());
            QCOMPARE(set.exitCode(), 0);
        }
        QCOMPARE(
            runCli(QStringList{"secrets", "grant", "bot:city-time", "all"} + db, vaultEnv).exitCode,
            0);

        CliResult run = runCli(
            QStringList{"run", "--description", "a service that tells the time in a given city",
                        "--json", "--log-level", "debug", "--llm-url", server.baseUrl().toString(),
                        "--api-key-secret", "key:openai", "--workspace", path("workspaces"),
                        "--git-remotes", path("remotes"), "--reports", path("reports"),
                        "--service-ports", "18700-18799",
                        // CI runs other deploys at the same time on two cores.
                        "--health-timeout", "90"} +
                db + m_deployArgs,
            vaultEnv, 240000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out.right(3000) + run.err.right(3000)));

        auto store = RunStore::open(path("orchestrator.db")).value();
        const RunRecord record = store->runs().value().at(0);
        QCOMPARE(record.status, RunStatus::Completed);
        const Json state = store->lastCheckpoint(record.id).value().state;
        const Json deployment = state["deployment"];
        QCOMPARE(deployment["healthy"], true);
        const std::string commit = state["repo"]["last_commit"];

        // The commit is in the bare remote.
        const QString remote = toQ(state["repo"]["remote"]);
        QCOMPARE(readFile(remote + "/refs/heads/main").trimmed().toStdString(), commit);

        // The HTTPS health body through Caddy, verified against Caddy's root only.
        ProbeRequest probe{
            QUrl(toQ(deployment["url"]) + "health"), "127.0.0.1",
            QSslCertificate::fromPath(path("deploy/caddy/storage/pki/authorities/local/root.crt")),
            5000};
        HttpProbe health(probe, nullptr);
        QSignalSpy answered(&health, &HttpProbe::finished);
        health.start();
        QVERIFY(answered.wait(6000));
        const auto result = answered.first().first().value<ProbeResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(parseJson(result.body)["version"], commit);
        QCOMPARE(parseJson(result.body)["status"], "ok");
        QCOMPARE(state["probes"]["passed"], true);
        QCOMPARE(state["tests"]["passed"], true);

        // The report and the ledger.
        const auto report = store->report(record.id).value();
        const QByteArray reportFile = readFile(report.second);
        QVERIFY(reportFile.contains("## Cost"));
        QVERIFY(reportFile.contains(toBytes(deployment["url"]).mid(1).chopped(1)));
        QVERIFY(reportFile.contains("/time?city=Tokyo"));
        QCOMPARE(store->ledger(record.id).value().size(), size_t(record.steps));
        QCOMPARE(server.requestCount(), record.steps);

        // The secret reached the service, and only the service.
        const QString envFile = path("deploy/") + toQ(deployment["service"]) + "/env";
        QVERIFY(readFile(envFile).contains(botToken));
        QCOMPARE(
            int(QFile(envFile).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup)),
            0);
        for (const QByteArray& secret : {apiKey, botToken}) {
            for (const RecordedRequest& request : server.requests())
                QVERIFY2(!request.body.contains(secret), "a model request carries a secret");
            QVERIFY2(!run.out.toUtf8().contains(secret) && !run.err.toUtf8().contains(secret),
                     "a log line carries a secret");
            QVERIFY2(!reportFile.contains(secret) && !report.first.toUtf8().contains(secret),
                     "the report carries a secret");
            for (const RunEvent& event : store->events(record.id).value())
                QVERIFY2(!toBytes(event.payload).contains(secret), "an event carries a secret");
            for (const Checkpoint& checkpoint : store->checkpoints(record.id).value())
                QVERIFY2(!toBytes(checkpoint.state).contains(secret) &&
                             !toBytes(checkpoint.cursor).contains(secret),
                         "a checkpoint carries a secret");
        }
        // The API key did reach the provider, in its header.
        QCOMPARE(server.requests().at(0).header("authorization"), "Bearer " + apiKey);
    }

    void teardownLeavesNothingBehind()
    {
        CliResult down = runCli(QStringList{"teardown"} + m_deployArgs);
        QVERIFY2(down.exitCode == 0, qPrintable(down.err));
        QVERIFY(down.out.contains("removed city-time"));
        QVERIFY(QTest::qWaitFor([&] { return !QFile::exists(path("deploy/caddy/admin.sock")); },
                                10000));
        QVERIFY(!QFile::exists(path("deploy/city-time")));
        QVERIFY(QDir(path("deploy/caddy/sites")).entryList(QDir::Files).isEmpty());
    }

    void cleanupTestCase()
    {
        if (QFile::exists(path("deploy/caddy/admin.sock")))
            runCli(QStringList{"teardown"} + m_deployArgs);
    }
};

QTEST_GUILESS_MAIN(TestDemoEndToEnd)
#include "tst_demo_e2e.moc"
