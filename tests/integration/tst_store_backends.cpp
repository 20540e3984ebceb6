// The store on both back ends: the same calls against a SQLite file and against a PostgreSQL
// 15 cluster the test starts itself. Runs, steps, checkpoints (every step reads back exactly),
// events after an id, the ledger and spend by day, budgets, graph versions, dead letters,
// chat links, the step journal under a lease and its fencing, retention, and the live
// deployments with their probe history; and the
// PostgreSQL password sealed with the vault key.

#include "CliProcess.h"
#include "JsonCompare.h"
#include "LocalPorts.h"
#include "PostgresCluster.h"
#include "money/Budgets.h"
#include "money/Spend.h"
#include "store/Database.h"
#include "store/DeadLetters.h"
#include "store/Deployments.h"
#include "store/LeaderLease.h"
#include "store/Retention.h"
#include "store/RunLeases.h"
#include "store/RunStore.h"
#include "store/StepJournalStore.h"
#include "telegram/ChatLinks.h"
#include "vault/Vault.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

Checkpoint checkpointOf(const QString& runId, int n)
{
    Json conversation = Json::array({{{"role", "user"}, {"content", "start"}}});
    for (int i = 1; i <= n; ++i)
        conversation.push_back(
            {{"role", "tool"}, {"content", std::string(500, char('a' + i % 26)) + "é ✓"}});
    Json state = {{"project", {{"name", "demo"}}}, {"count", n}, {"messages", Json::array()}};
    for (int i = 1; i <= n; ++i)
        state["messages"].push_back({{"content", "step " + std::to_string(i)}});
    if (n % 4 == 0)
        state["tests"] = {{"passed", n % 8 == 0}};
    return {runId, n, state, {{"agent", "a"}, {"conversation", conversation}}};
}

} // namespace

class TestStoreBackends : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PostgresCluster m_postgres;
    QString m_postgresProblem;
    int m_databases = 0;

    QString location(const QString& backend)
    {
        const QString name = QStringLiteral("store%1").arg(++m_databases);
        if (backend == QLatin1String("sqlite"))
            return m_dir.filePath(name + QStringLiteral(".db"));
        if (const QString failed = m_postgres.createDatabase(name); !failed.isEmpty())
            qFatal("%s", qPrintable(failed));
        return m_postgres.url(name);
    }

private slots:
    void initTestCase()
    {
        m_postgresProblem = m_postgres.start();
        QVERIFY2(m_postgresProblem.isEmpty(), qPrintable(m_postgresProblem));
    }

    // A database setting is text from a file: a malformed URL or an unreachable server is a
    // clear error, never a crash or a hang.
    void badDatabaseUrlsAreRefused()
    {
        for (const QString& url :
             {QStringLiteral("postgresql://"), QStringLiteral("postgresql://orch@127.0.0.1:5432"),
              QStringLiteral("postgresql://orch@127.0.0.1:5432/a/b"),
              QStringLiteral("postgres://orch@[::1:5432/x"),
              QStringLiteral("postgresql://orch@127.0.0.1:5432/") + QString(5000, 'x')}) {
            auto opened = RunStore::open(url);
            QVERIFY2(!opened, qPrintable(url.left(80)));
            QVERIFY2(opened.error().contains("is not a database URL") ||
                         opened.error().contains("cannot open database"),
                     qPrintable(opened.error()));
        }
        // Nothing listens there; the password given in the URL is not shown.
        auto unreachable = RunStore::open(
            QStringLiteral("postgresql://orch:secret-pw@127.0.0.1:%1/orch").arg(freePort()));
        QVERIFY(!unreachable);
        QVERIFY2(unreachable.error().contains("cannot open database"),
                 qPrintable(unreachable.error()));
        QVERIFY(!unreachable.error().contains("secret-pw"));
        // A database that exists but whose server is not PostgreSQL's own user is refused too.
        auto wrongUser = RunStore::open(m_postgres.url("postgres").replace("orch@", "nobody@"));
        QVERIFY(!wrongUser);
    }

    // The URL names no password: the one sealed with the vault key beside its file opens the
    // database, and a missing, foreign or damaged sealed file is a clear error, never a hang.
    void thePasswordIsSealedWithTheVaultKey()
    {
        const QString password = QStringLiteral("pw-Q7x'9");
        QCOMPARE(m_postgres.addPasswordRole("orch_pw", "pw-Q7x''9", "sealed"), QString());
        QTemporaryDir config;
        const QStringList env = {"XDG_CONFIG_HOME=" + config.path(),
                                 "PGPASSWORD=", "PGPASSFILE=" + config.filePath("none"),
                                 "ORCHESTRATOR_VAULT_KEY="};
        const QStringList runs = {"runs", "--db", m_postgres.url("sealed", "orch_pw")};
        const CliResult without = runCli(runs, env, 30000);
        QVERIFY(without.exitCode != 0);
        QVERIFY2(without.err.contains("cannot open database"), qPrintable(without.err));

        QProcess set;
        startCli(set, {"secrets", "database-password"}, env);
        set.write(password.toUtf8() + "\n");
        set.closeWriteChannel();
        QVERIFY(set.waitForFinished(30000));
        QCOMPARE(set.exitCode(), 0);
        const QString sealedFile = config.filePath("codegen-orchestrator/database-password.sealed");
        QCOMPARE(QString::fromUtf8(set.readAllStandardOutput()).trimmed(), sealedFile);
        QFile sealed(sealedFile);
        QCOMPARE(sealed.permissions() & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions{});
        QVERIFY(sealed.open(QIODevice::ReadOnly));
        QVERIFY(!sealed.readAll().contains("pw-Q7x"));
        sealed.close();

        const CliResult with = runCli(runs, env, 30000);
        QVERIFY2(with.exitCode == 0, qPrintable(with.err));

        // Another vault key cannot open it (and the error names the file, not the password).
        const CliResult foreign =
            runCli(runs,
                   env + QStringList{"ORCHESTRATOR_VAULT_KEY=" +
                                     QString::fromLatin1(QByteArray(32, 'k').toBase64())},
                   30000);
        QVERIFY(foreign.exitCode != 0);
        QVERIFY2(foreign.err.contains("database-password.sealed") &&
                     foreign.err.contains("wrong vault key"),
                 qPrintable(foreign.err));
        QVERIFY(!foreign.err.contains("pw-Q7x"));

        // Damaged: garbage, one line, huge.
        for (const QByteArray& damage : {QByteArray("not base64 at all\n???\n"),
                                         QByteArray("only-one-line"), QByteArray(100000, 'A')}) {
            QVERIFY(sealed.open(QIODevice::WriteOnly | QIODevice::Truncate));
            sealed.write(damage);
            sealed.close();
            const CliResult damaged = runCli(runs, env, 30000);
            QVERIFY(damaged.exitCode != 0);
            QVERIFY2(damaged.err.contains("database-password.sealed"), qPrintable(damaged.err));
        }
    }

    void theSameStoreOnBoth_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    void theSameStoreOnBoth()
    {
        QFETCH(QString, backend);
        auto opened = RunStore::open(location(backend));
        QVERIFY2(opened, qPrintable(opened.error()));
        auto store = std::move(opened).value();
        QCOMPARE(store->database().dialect() == Database::Dialect::PostgreSQL,
                 backend == QLatin1String("postgresql"));

        QVERIFY(store->createProject({"p", "demo", "a demo", "/tmp/ws", 1}));
        const qint64 graph = store->saveGraph("g", Json{{"name", "g"}}).value();
        QVERIFY(graph > 0);
        QCOMPARE(store->saveGraph("g", Json{{"name", "g"}}).value(), graph); // the same body
        QVERIFY(store->saveGraph("g", Json{{"name", "g2"}}).value() != graph);
        RunRecord run{"r1", "p", graph, RunStatus::Running};
        QVERIFY(store->createRun(run, checkpointOf("r1", 0), {}));

        // Steps under a lease, each with a journal entry the commit clears.
        RunLeases leases(store->database());
        const RunLease lease = leases.claim("r1").value();
        for (int n = 1; n <= 30; ++n) {
            QVERIFY(store->journal().write("r1", n, {-1, {}, {}, Json{{"n", n}}, {}}, lease));
            run.steps = n;
            if (n == 30)
                run.status = RunStatus::Completed;
            StepCommit commit;
            commit.step = {"r1", n, "a", "llm", "continue", Json::object(), {10, 5}, 3, Json()};
            commit.checkpoint = checkpointOf("r1", n);
            commit.run = run;
            commit.events = {{"r1", n, "a", EventKind::StepFinished, Json{{"n", n}},
                              QDateTime::currentMSecsSinceEpoch()}};
            commit.lease = lease;
            commit.journaled = true;
            commit.ledger = {{"r1", "p", n, "a", "openai", "gpt-4o", {100, 10}, 0.001}};
            auto saved = store->commitStep(commit);
            QVERIFY2(saved, qPrintable(saved.error()));
            QVERIFY(store->journal().entries("r1", n).value().empty());
        }
        for (int n = 0; n <= 30; ++n) {
            const Checkpoint expected = checkpointOf("r1", n);
            const Checkpoint read = store->checkpointAt("r1", n).value();
            QCOMPARE(read.state, expected.state);
            QCOMPARE(read.cursor, expected.cursor);
        }
        QCOMPARE(store->checkpoints("r1").value().size(), size_t(31));
        QCOMPARE(store->lastState("r1").value(), checkpointOf("r1", 30).state);
        QCOMPARE(store->run("r1").value().status, RunStatus::Completed);
        QCOMPARE(store->steps("r1").value().size(), size_t(30));
        const auto events = store->events("r1").value();
        QCOMPARE(events.size(), size_t(30));
        QCOMPARE(store->events("r1", events[19].id).value().size(), size_t(10));
        QCOMPARE(store->ledger("r1").value().size(), size_t(30));

        // A stale fencing number writes nothing.
        RunLease stale = lease;
        stale.fence -= 1;
        const auto refused = store->journal().write("r1", 31, {-1, {}, {}, Json(), {}}, stale);
        QVERIFY(!refused);
        QVERIFY(refused.error().contains(kLeaseLost));

        // Money: spend by day and a budget set once.
        const auto byDay = Spend(store->database()).by(SpendBy::Day).value();
        QCOMPARE(byDay.size(), size_t(1));
        QCOMPARE(byDay[0].key, QDateTime::currentDateTimeUtc().toString("yyyy-MM-dd"));
        QCOMPARE(byDay[0].calls, 30);
        // Per project over time, and the simulated part (none here), on both backends.
        const auto byProjectDay = Spend(store->database()).by(SpendBy::ProjectDay).value();
        QCOMPARE(byProjectDay.size(), size_t(1));
        QVERIFY(byProjectDay[0].key.startsWith(byDay[0].key + "|"));
        QCOMPARE(byProjectDay[0].calls, 30);
        QCOMPARE(byProjectDay[0].simulatedCost, 0.0);
        BudgetDefaults defaults;
        defaults.global = 5;
        Budgets budgets(store->database(), defaults);
        QCOMPARE(*budgets.status(kGlobalScope).value().limit, 5.0);
        QCOMPARE(*Budgets(store->database(), defaults).status(kGlobalScope).value().limit, 5.0);

        // Dead letters number themselves; a chat link is replaced, not doubled.
        DeadLetters letters(store->database());
        const qint64 first = letters.keep("telegram", "too large", "x").value();
        QVERIFY(letters.keep("telegram", "not an object", "y").value() > first);
        ChatLinks links(store->database());
        QVERIFY(links.link({"r1", 42, 7, "en", 0}));
        QVERIFY(links.link({"r1", 42, 7, "ru", 99}));

        // Retention thins the finished run and every kept step still reads back exactly.
        const auto pruned =
            Retention(*store).prune({0, 10, 0}, QDateTime::currentMSecsSinceEpoch() + 1000);
        QVERIFY2(pruned, qPrintable(pruned.error()));
        QCOMPARE(pruned->checkpointsRemoved, qint64(31 - 4));
        for (int n : {0, 10, 20, 30})
            QCOMPARE(store->checkpointAt("r1", n).value().cursor, checkpointOf("r1", n).cursor);
        QVERIFY(Retention(*store).storageUse().value().databaseBytes > 0);

        // The vault: sealed bytes, a grant given twice, the list with its grants.
        Vault vault(store->database(), QByteArray(32, 'k'));
        QVERIFY(vault.put("bot:main", QByteArray("tok\0en\xff", 7), kSharedScope));
        QCOMPARE(vault.reveal("bot:main").value(), QByteArray("tok\0en\xff", 7));
        QVERIFY(vault.grant("bot:main", "p", "admin"));
        QVERIFY(vault.grant("bot:main", "p", "admin"));
        QVERIFY(vault.grant("bot:main", "q", "admin"));
        QCOMPARE(vault.revealFor("bot:main", "p").value(), QByteArray("tok\0en\xff", 7));
        QVERIFY(!vault.revealFor("bot:main", "z"));
        const auto entries = vault.list().value();
        QCOMPARE(entries.size(), size_t(1));
        QCOMPARE(entries[0].grants.size(), qsizetype(2));

        // One leader at a time; a standby takes over when the leader stops renewing, at once
        // when the leader died on this host, and when it lets go.
        LeaderLease leader(store->database(), "telegram", "elsewhere/1/a", 300);
        LeaderLease follower(store->database(), "telegram", "elsewhere/2/b", 300);
        QCOMPARE(leader.hold().value(), true);
        QCOMPARE(follower.hold().value(), false);
        QCOMPARE(leader.hold().value(), true); // renewed
        QCOMPARE(follower.holder().value(), QStringLiteral("elsewhere/1/a"));
        const qint64 leaderFence = leader.fence();
        QTest::qWait(400);
        QCOMPARE(follower.hold().value(), true);
        QVERIFY(follower.fence() > leaderFence);
        QCOMPARE(leader.hold().value(), false);
        QVERIFY(follower.release());
        QCOMPARE(leader.hold().value(), true);
        const QString dead =
            QStringLiteral("%1/%2/c").arg(QSysInfo::machineHostName()).arg(4194303);
        LeaderLease gone(store->database(), "digest", dead, 60000);
        LeaderLease standby(store->database(), "digest", "elsewhere/3/d", 60000);
        QCOMPARE(gone.hold().value(), true);
        QCOMPARE(standby.hold().value(), true); // its holder's process is gone
    }

    void deploymentsAndTheirProbesOnBoth_data() { theSameStoreOnBoth_data(); }
    void deploymentsAndTheirProbesOnBoth()
    {
        QFETCH(QString, backend);
        auto opened = RunStore::open(location(backend));
        QVERIFY2(opened, qPrintable(opened.error()));
        Deployments deployments(opened.value()->database());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        DeploymentRecord clock;
        clock.projectId = "p-clock";
        clock.runId = "r-first";
        clock.service = "clock";
        clock.kind = "http-service";
        clock.url = "https://clock.localhost:8443/";
        clock.version = QString(40, 'a');
        QVERIFY(deployments.record(clock));
        auto found = deployments.get("p-clock", now);
        QVERIFY(found && found->has_value());
        QCOMPARE((*found)->health, DeploymentHealthState::Unknown);
        QCOMPARE((*found)->uptime, -1.0);
        QCOMPARE((*found)->server, QString(""));

        // Health moves only when a probe says otherwise; `since` marks the change.
        DeploymentProbeResult healthy{true, {}, 0, 48, 30};
        DeploymentProbeResult down{false, QString(10000, 'x'), 0, 0, 20000};
        QCOMPARE(deployments.recordProbe("p-clock", healthy, now - 3000).value(),
                 DeploymentHealthState::Unknown);
        QCOMPARE(deployments.recordProbe("p-clock", down, now - 2000).value(),
                 DeploymentHealthState::Healthy);
        QCOMPARE(deployments.recordProbe("p-clock", down, now - 1000).value(),
                 DeploymentHealthState::Unhealthy);
        found = deployments.get("p-clock", now);
        QCOMPARE((*found)->health, DeploymentHealthState::Unhealthy);
        QCOMPARE((*found)->healthSince, now - 2000);
        QCOMPARE((*found)->checkedAt, now - 1000);
        QCOMPARE((*found)->detail.size(), 2000); // a huge reason is cut
        QCOMPARE((*found)->memoryMb, 48);        // a failed probe measures nothing
        QVERIFY(qAbs((*found)->uptime - 1.0 / 3) < 1e-9);
        QVERIFY(!(*found)->activity.known); // no relay counted anything yet

        // A bot's counts are kept from the last probe that read them.
        DeploymentProbeResult counted = healthy;
        counted.activity = {true, 12, 11, 2, 1, 0};
        QVERIFY(deployments.recordProbe("p-clock", counted, now - 500));
        QVERIFY(deployments.recordProbe("p-clock", down, now - 400));
        found = deployments.get("p-clock", now);
        QVERIFY((*found)->activity.known);
        QCOMPARE((*found)->activity.updates, 12);
        QCOMPARE((*found)->activity.messages, 11);
        QCOMPARE((*found)->activity.throttled, 2);
        QCOMPARE((*found)->activity.blocked, 1);

        // A redeploy keeps the health the probes found and the run the events go to.
        clock.runId.clear();
        clock.version = QString(40, 'b');
        clock.previous = QString(40, 'a');
        QVERIFY(deployments.record(clock));
        found = deployments.get("p-clock", now);
        QCOMPARE((*found)->runId, QStringLiteral("r-first"));
        QCOMPARE((*found)->version, QString(40, 'b'));
        QCOMPARE((*found)->health, DeploymentHealthState::Unhealthy);

        // History older than a month goes as new probes arrive; uptime is the last week's.
        const qint64 later = now + Deployments::kHistoryMs + 60000;
        QVERIFY(deployments.recordProbe("p-clock", healthy, later));
        QCOMPARE(deployments.uptime("p-clock", 0).value(), 1.0);
        QVERIFY(deployments.markCertificateAlert("p-clock", later));
        QCOMPARE(deployments.list(later).value().front().certificateAlertedAt, later);
        QCOMPARE(deployments.list(later).value().front().uptime, 1.0);

        auto stray = deployments.recordProbe("p-none", healthy, now);
        QVERIFY(!stray);
        QCOMPARE(stray.code(), ErrorCode::NotFound);
        QVERIFY(deployments.forget("p-clock"));
        QVERIFY(!deployments.get("p-clock", now).value().has_value());
        QCOMPARE(deployments.uptime("p-clock", 0).value(), -1.0);
    }
};

QTEST_GUILESS_MAIN(TestStoreBackends)
#include "tst_store_backends.moc"
