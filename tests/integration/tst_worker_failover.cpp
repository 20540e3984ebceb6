// Two real workers on one PostgreSQL database (a cluster the test starts): one drives a run
// and is killed with SIGKILL in the middle of it; the other, serving the same database, takes
// the run over within its look-around interval and completes it, with every step finished
// before the kill kept once and none lost.

#include "CliProcess.h"
#include "FakeTelegramServer.h"
#include "LocalPorts.h"
#include "PostgresCluster.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestWorkerFailover : public QObject
{
    Q_OBJECT

    PostgresCluster m_postgres;

private slots:
    void initTestCase()
    {
        const QString problem = m_postgres.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(m_postgres.createDatabase("failover"), QString());
    }

    void aKilledWorkersRunIsFinishedByAnother()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        ScriptedModel model;
        model.setFallback([](const QString& agent, const Json&) {
            FakeReply reply = FakeReply::openAiText("done by " + agent.toStdString());
            reply.delayMs = 300;
            return reply;
        });
        server.setHandler(model.handler());
        QTemporaryDir dir;
        const QString graph = writeGraphFile(dir, chainGraph(6));
        const QString database = m_postgres.url("failover");
        const QStringList common = {"--db",        database,
                                    "--workspace", dir.filePath("ws"),
                                    "--reports",   dir.filePath("reports"),
                                    "--llm-url",   server.baseUrl().toString()};

        // The standby worker serves the same database, looking around every 200 ms.
        QProcess standby;
        startCli(standby, QStringList{"serve", "--adopt-every", "200"} + common);
        QVERIFY(standby.waitForStarted());

        // The first worker drives the run until its third step, then dies.
        QProcess first;
        startCli(first,
                 QStringList{"run", "--description", "fail over", "--graph", graph} + common);
        QVERIFY(first.waitForStarted());
        QString seen;
        QVERIFY(QTest::qWaitFor(
            [&] {
                seen += QString::fromUtf8(first.readAllStandardOutput());
                return seen.contains(QRegularExpression("step +3 a3"));
            },
            20000));
        first.kill();
        QVERIFY(first.waitForFinished(5000));
        QElapsedTimer sinceKill;
        sinceKill.start();

        auto store = RunStore::open(database).value();
        const QString runId = store->runs().value().at(0).id;
        const int finishedBeforeKill = store->run(runId).value().steps;
        QVERIFY(finishedBeforeKill >= 3 && finishedBeforeKill < 6);
        qint64 takenOverMs = -1;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         const RunRecord run = store->run(runId).value();
                         if (takenOverMs < 0 && run.steps > finishedBeforeKill)
                             takenOverMs = sinceKill.elapsed();
                         return run.status == RunStatus::Completed;
                     },
                     30000),
                 qPrintable(QString::fromUtf8(standby.readAllStandardError()).right(3000)));
        qInfo("failover: the standby committed its first step %lld ms after the kill; the run "
              "completed %lld ms after it",
              static_cast<long long>(takenOverMs), static_cast<long long>(sinceKill.elapsed()));
        QVERIFY(takenOverMs >= 0 && takenOverMs < 10000);

        const auto steps = store->steps(runId).value();
        QCOMPARE(steps.size(), size_t(6));
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(steps[i].stepNo, i + 1);
            QCOMPARE(steps[i].agent, QStringLiteral("a%1").arg(i + 1));
        }
        // No finished step was asked for again.
        for (int i = 1; i <= finishedBeforeKill; ++i)
            QCOMPARE(model.callsFor(QStringLiteral("a%1").arg(i)), 1);
        QCOMPARE(store->lastState(runId).value()["messages"].size(), size_t(6));

        standby.terminate();
        QVERIFY(QTest::qWaitFor([&] { return standby.state() == QProcess::NotRunning; }, 15000));
        QCOMPARE(standby.exitCode(), 0);
    }

    // Two workers with Telegram on one database: one polls and answers, the other stands by
    // and takes over when the first dies.
    void telegramIsServedByOneWorkerAtATime()
    {
        const qint64 admin = 1001;
        const QByteArray token = "777:leader-token";
        QCOMPARE(m_postgres.createDatabase("leader"), QString());
        QTemporaryDir dir;
        const QStringList vault = {"ORCHESTRATOR_VAULT_KEY=" + QByteArray(32, 'l').toBase64()};
        QProcess set;
        startCli(set, {"secrets", "set", "bot:main", "--db", m_postgres.url("leader")}, vault);
        QVERIFY(set.waitForStarted());
        set.write(token + "\n");
        set.closeWriteChannel();
        QVERIFY(set.waitForFinished());
        QCOMPARE(set.exitCode(), 0);
        FakeTelegramServer telegram(token);
        QVERIFY(telegram.listen());
        const int servicePort = freePort();
        const Json config = {
            {"database", toStd(m_postgres.url("leader"))},
            {"workspace_root", toStd(dir.filePath("ws"))},
            {"reports_dir", toStd(dir.filePath("reports"))},
            {"route_all_to", {{"kind", "openai"}, {"base_url", "http://127.0.0.1:9/v1"}}},
            {"deploy",
             {{"root", toStd(dir.filePath("deploy"))},
              {"http_port", freePort()},
              {"https_port", freePort()},
              {"caddy_admin_port", freePort()},
              {"service_ports", {{"first", servicePort}, {"last", servicePort}}}}},
            {"telegram",
             {{"api_base", toStd(telegram.baseUrl().toString())},
              {"token_secret", "bot:main"},
              {"admins", {admin}},
              {"long_poll_s", 1}}},
            {"digest", {{"every_hours", 0}}}};
        const QString configPath = dir.filePath("orchestratord.json");
        QFile file(configPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toBytes(config));
        file.close();

        auto serve = [&](QProcess& process, const char* expected) {
            startCli(process, {"serve", "--config", configPath}, vault);
            QString printed;
            const bool started = QTest::qWaitFor(
                [&] {
                    printed += QString::fromUtf8(process.readAllStandardOutput());
                    return printed.contains(QLatin1String(expected));
                },
                20000);
            return started ? QString()
                           : printed + QString::fromUtf8(process.readAllStandardError());
        };
        QProcess leader;
        QString problem = serve(leader, "Telegram on\n");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QProcess standby;
        problem = serve(standby, "Telegram on standby");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        telegram.pushText(admin, "/start");
        QVERIFY(QTest::qWaitFor([&] { return telegram.messagesTo(admin).size() >= 1; }, 10000));
        QTest::qWait(1500); // a second poller would have answered by now
        QCOMPARE(telegram.messagesTo(admin).size(), 1);

        leader.kill();
        QVERIFY(leader.waitForFinished(5000));
        QElapsedTimer sinceKill;
        sinceKill.start();
        telegram.pushText(admin, "/start");
        QVERIFY2(QTest::qWaitFor([&] { return telegram.messagesTo(admin).size() >= 2; }, 15000),
                 qPrintable(QString::fromUtf8(standby.readAllStandardError()).right(2000)));
        qInfo("leader failover: the standby answered %lld ms after the leader was killed",
              static_cast<long long>(sinceKill.elapsed()));
        standby.terminate();
        QVERIFY(QTest::qWaitFor([&] { return standby.state() == QProcess::NotRunning; }, 15000));
        QCOMPARE(standby.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWorkerFailover)
#include "tst_worker_failover.moc"
