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
        QCOMPARE(m_postgres.createDatabase("leader"), QString());
        TelegramWorkers workers(m_postgres.url("leader"));
        QVERIFY2(workers.problem.isEmpty(), qPrintable(workers.problem));

        workers.telegram.pushText(kAdmin, "/start");
        QVERIFY(workers.answered(1, 10000));
        QTest::qWait(1500); // a second poller would have answered by now
        QCOMPARE(workers.telegram.messagesTo(kAdmin).size(), 1);

        workers.leader.kill();
        QVERIFY(workers.leader.waitForFinished(5000));
        QElapsedTimer sinceKill;
        sinceKill.start();
        workers.telegram.pushText(kAdmin, "/start");
        QVERIFY2(workers.answered(2, 15000),
                 qPrintable(QString::fromUtf8(workers.standby.readAllStandardError()).right(2000)));
        qInfo("leader failover: the standby answered %lld ms after the leader was killed",
              static_cast<long long>(sinceKill.elapsed()));
        workers.standby.terminate();
        QVERIFY(QTest::qWaitFor([&] { return workers.standby.state() == QProcess::NotRunning; },
                                15000));
        QCOMPARE(workers.standby.exitCode(), 0);
    }

    // The database restarts under two Telegram workers: the leader stands down while it is
    // away (no worker can show it leads), one of them leads again once it is back, and every
    // message is answered exactly once, those sent during the outage included.
    void telegramComesBackAfterAnOutage()
    {
        QCOMPARE(m_postgres.createDatabase("outage"), QString());
        TelegramWorkers workers(m_postgres.url("outage"));
        QVERIFY2(workers.problem.isEmpty(), qPrintable(workers.problem));
        workers.telegram.pushText(kAdmin, "/start");
        QVERIFY(workers.answered(1, 10000));

        QCOMPARE(m_postgres.shutDown(), QString());
        QTest::qWait(4000); // longer than the leader's look (every 3 s): it stands down
        workers.telegram.pushText(kAdmin, "/start"); // sent while nobody leads
        QTest::qWait(2000);
        QCOMPARE(workers.telegram.messagesTo(kAdmin).size(), 1);
        QCOMPARE(m_postgres.startAgain(), QString());
        QElapsedTimer back;
        back.start();
        QVERIFY2(workers.answered(2, 30000),
                 qPrintable(QString::fromUtf8(workers.leader.readAllStandardError()).right(2000)));
        qInfo("Telegram answered again %lld ms after the database came back",
              static_cast<long long>(back.elapsed()));
        workers.telegram.pushText(kAdmin, "/start");
        QVERIFY(workers.answered(3, 15000));
        QTest::qWait(2000); // a message handled twice would have a second answer by now
        QCOMPARE(workers.telegram.messagesTo(kAdmin).size(), 3);
        QVERIFY(workers.leader.state() == QProcess::Running);
        QVERIFY(workers.standby.state() == QProcess::Running);
    }

private:
    static constexpr qint64 kAdmin = 1001;

    // Two serve processes with Telegram (a token in the vault, the Bot API stand-in) on one
    // database: `leader` started first and polls, `standby` waits.
    struct TelegramWorkers
    {
        QTemporaryDir dir;
        QByteArray token = "777:leader-token";
        QStringList vault = {"ORCHESTRATOR_VAULT_KEY=" + QByteArray(32, 'l').toBase64()};
        FakeTelegramServer telegram{token};
        QProcess leader;
        QProcess standby;
        QString problem;

        explicit TelegramWorkers(const QString& database)
        {
            QProcess set;
            startCli(set, {"secrets", "set", "bot:main", "--db", database}, vault);
            set.waitForStarted();
            set.write(token + "\n");
            set.closeWriteChannel();
            if (!set.waitForFinished() || set.exitCode() != 0) {
                problem = "secrets set failed";
                return;
            }
            if (!telegram.listen()) {
                problem = "the Bot API stand-in does not listen";
                return;
            }
            const int servicePort = freePort();
            const Json config = {
                {"database", toStd(database)},
                {"workspace_root", toStd(dir.filePath("ws"))},
                {"reports_dir", toStd(dir.filePath("reports"))},
                {"spool_dir", toStd(dir.filePath("spool"))},
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
                  {"admins", {kAdmin}},
                  {"long_poll_s", 1}}},
                {"digest", {{"every_hours", 0}}}};
            const QString configPath = dir.filePath("orchestratord.json");
            QFile file(configPath);
            if (!file.open(QIODevice::WriteOnly)) {
                problem = "cannot write the settings";
                return;
            }
            file.write(toBytes(config));
            file.close();
            problem = serve(leader, configPath, "Telegram on\n");
            if (problem.isEmpty())
                problem = serve(standby, configPath, "Telegram on standby");
        }

        QString serve(QProcess& process, const QString& configPath, const char* expected)
        {
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
        }

        bool answered(int messages, int timeoutMs)
        {
            return QTest::qWaitFor([&] { return telegram.messagesTo(kAdmin).size() >= messages; },
                                   timeoutMs);
        }
    };
};

QTEST_GUILESS_MAIN(TestWorkerFailover)
#include "tst_worker_failover.moc"
