// Production servers over SSH, for real: Debian's sshd on a loopback port stands for the
// server. It is registered (hostile values refused), its host key pinned at first contact,
// bootstrapped by the base role, and a project with a dependency deployed to it with the same
// playbook over SSH, checked through the server's Caddy, rolled back and torn down there. Then
// the server is "reinstalled" with a new host key and deploys to it stop with a clear message.
// Placement fills its capacity and then has no room (tst_server_placement: a run that waits).

#include "LocalPorts.h"
#include "PackageIndex.h"
#include "ServerProject.h"
#include "SshServer.h"
#include "TestFiles.h"
#include "deploy/Deployer.h"
#include "deploy/ServerAccess.h"
#include "deploy/ServerCheck.h"
#include "store/Database.h"
#include "store/ServerRegistry.h"
#include "workspace/GitRepository.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestServers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SshServer m_sshd;
    PackageIndex m_index;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ServerRegistry> m_registry;
    DeploySettings m_local;
    ServerRecord m_server;
    int m_port = 0;

    QString workspace() const { return m_dir.filePath("ws"); }
    QString remoteRoot() const { return m_dir.filePath("server-root"); }

    QString commit(const QByteArray& status)
    {
        QDir().mkpath(workspace());
        QByteArray app = kService;
        app.replace("STATUS", "'" + status + "'");
        const std::map<QString, QByteArray> files = {
            {"app.py", app}, {"deploy.json", kContract}, {"requirements.txt", "tinyclock==1.0\n"}};
        for (const auto& [path, content] : files) {
            QFile file(QDir(workspace()).filePath(path));
            if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
                qFatal("cannot write %s", qPrintable(path));
        }
        auto repository = GitRepository::open(workspace(), true);
        return repository.value()->commitAll("change", "t", "t@localhost").value();
    }
    // Settings aimed at the registered server as it is stored now.
    DeploySettings aimed(std::shared_ptr<ServerAccess>* keep = nullptr)
    {
        auto access =
            ServerAccess::open(m_registry->get("prod-1").value(), m_sshd.clientPrivateKey());
        if (!access)
            qFatal("%s", qPrintable(access.error()));
        if (keep)
            *keep = access.value();
        return m_local.forServer(access.value());
    }
    // `name`, `port`: the server's service unless given (this machine's must not share them:
    // the "server" is this machine too).
    DeployOutcome deploy(Deployer& deployer, const QString& name = "srv-clock", int port = 0)
    {
        DeployRequest request{name, workspace(), port ? port : m_port, {}};
        QSignalSpy done(&deployer, &Deployer::deployed);
        deployer.deploy(request);
        if (!done.wait(180000))
            qWarning("deploy did not finish");
        return done.isEmpty() ? DeployOutcome() : done.first().first().value<DeployOutcome>();
    }
    ServerReport check(bool bootstrap)
    {
        ServerCheck check(aimed(), nullptr);
        QSignalSpy done(&check, &ServerCheck::finished);
        check.run(bootstrap);
        if (!done.wait(300000))
            qWarning("check did not finish");
        return done.isEmpty() ? ServerReport() : done.first().first().value<ServerReport>();
    }
    QString remoteCurrent() const
    {
        return QFileInfo(QFileInfo(remoteRoot() + "/srv-clock/current").symLinkTarget()).fileName();
    }
    QString serviceLog() const
    {
        QFile log(remoteRoot() + "/srv-clock/service.log");
        return log.open(QIODevice::ReadOnly)
                   ? "\nservice log:\n" + QString::fromUtf8(log.readAll().right(2000))
                   : QString();
    }
private slots:
    void initTestCase()
    {
        if (const QString why = SshServer::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        qRegisterMetaType<orch::DeployOutcome>();
        qRegisterMetaType<orch::ServerReport>();
        QVERIFY(letOthersThrough(m_dir.path()));
        QCOMPARE(m_sshd.start(), QString());
        QCOMPARE(m_index.addPackage("tinyclock", "1.0", "def stamp():\n    return 'tiny-1.0'\n"),
                 QString());
        QCOMPARE(m_index.start(), QString());
        auto db = Database::open(m_dir.filePath("store.db"));
        QVERIFY2(db, db ? "" : qPrintable(db.error()));
        m_db = std::move(db.value());
        m_registry = std::make_unique<ServerRegistry>(*m_db);
        m_local.deployRoot = m_dir.filePath("local-root");
        m_local.httpPort = freePort();
        m_local.httpsPort = freePort();
        m_local.healthTimeoutMs = 30000; // CI runs other deploys at the same time
        m_local.python.indexUrl = m_index.url();
        m_local.python.installTimeoutS = 120;
        m_server = m_sshd.record("prod-1", remoteRoot());
        m_port = freePort();
    }

    void hostileValuesAreRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("name with a path") << "name"
                                          << "../etc"
                                          << "server's name";
        QTest::newRow("name too long") << "name" << QString(41, 'a') << "server's name";
        QTest::newRow("host as an ssh option") << "host"
                                               << "-oProxyCommand=touch /tmp/x"
                                               << "--host";
        QTest::newRow("host with a space") << "host"
                                           << "a b"
                                           << "--host";
        QTest::newRow("user with shell text") << "user"
                                              << "root;reboot"
                                              << "--user";
        QTest::newRow("key of another kind") << "key"
                                             << "key:openai"
                                             << "server:NAME";
        QTest::newRow("root deploy root") << "root"
                                          << "/"
                                          << "--deploy-root";
        QTest::newRow("relative deploy root") << "root"
                                              << "srv/x"
                                              << "--deploy-root";
        QTest::newRow("deploy root climbing") << "root"
                                              << "/srv/../etc"
                                              << "--deploy-root";
        QTest::newRow("deploy root with a quote") << "root"
                                                  << "/srv/a'b"
                                                  << "--deploy-root";
        QTest::newRow("no capacity") << "capacity"
                                     << "0"
                                     << "--capacity-mb";
        QTest::newRow("port out of range") << "port"
                                           << "70000"
                                           << "ports";
    }
    void hostileValuesAreRefused()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        ServerRecord server = m_server;
        server.name = "hostile";
        if (field == "name")
            server.name = value;
        else if (field == "host")
            server.host = value;
        else if (field == "user")
            server.user = value;
        else if (field == "key")
            server.keyHandle = value;
        else if (field == "root")
            server.deployRoot = value;
        else if (field == "capacity")
            server.capacityMb = value.toInt();
        else if (field == "port")
            server.port = value.toInt();
        auto added = m_registry->add(server);
        QVERIFY(!added);
        QVERIFY2(added.error().contains(expected), qPrintable(added.error()));
        QVERIFY(!m_registry->get(server.name));
    }

    void registersAndPinsTheHostKeyAtFirstContact()
    {
        auto added = m_registry->add(m_server);
        QVERIFY2(added, added ? "" : qPrintable(added.error()));
        auto twice = m_registry->add(m_server);
        QVERIFY(!twice);
        QCOMPARE(twice.code(), ErrorCode::Conflict);
        QCOMPARE(m_registry->get("prod-1")->status, ServerStatus::Unchecked);
        const QString keys = m_sshd.scanHostKeys();
        QVERIFY2(keys.contains("ssh-ed25519"), qPrintable(keys));
        QVERIFY(m_registry->pinHostKeys("prod-1", keys));
        QCOMPARE(m_registry->get("prod-1")->hostKeys, keys);
    }

    void checkBootstrapsTheServer()
    {
        QVERIFY(!QFileInfo::exists(remoteRoot()));
        const ServerReport report = check(true);
        QVERIFY2(report.ready(), qPrintable(report.reason));
        QVERIFY(report.facts.value("memory_mb", 0) > 0);
        QCOMPARE(report.facts.value("privileges", ""), "root");
        QVERIFY(report.changes.contains("The deploy root"));
        QVERIFY(QFileInfo(remoteRoot()).isDir()); // made by the base role, over SSH
        QVERIFY(QFileInfo(remoteRoot() + "/caddy/sites").isDir());
        QVERIFY(m_registry->recordCheck("prod-1", report.status, report.reason, report.facts));
        QCOMPARE(m_registry->get("prod-1")->status, ServerStatus::Ready);
        // Run again, the base role changes nothing.
        QVERIFY(check(true).changes.isEmpty());
    }

    void deploysOverSshThroughTheServersCaddy()
    {
        const QString first = commit("ok");
        Deployer deployer(aimed(), nullptr);
        QElapsedTimer clock;
        clock.start();
        const DeployOutcome outcome = deploy(deployer);
        const qint64 sshMs = clock.elapsed();
        QVERIFY2(outcome.ok, qPrintable(outcome.reason + serviceLog()));
        QCOMPARE(outcome.release, first);
        QCOMPARE(remoteCurrent(), first);
        // pip ran there: the release's own environment holds the dependency.
        QVERIFY(QFileInfo::exists(remoteRoot() + "/srv-clock/releases/" + first +
                                  "/.venv/bin/python3"));
        QVERIFY2(outcome.healthBody.contains("tiny-1.0"), outcome.healthBody.constData());
        QVERIFY2(outcome.url.contains(QString::number(m_server.httpsPort)),
                 qPrintable(outcome.url));
        // Nothing of it on this machine's deploy root, and no key left behind.
        QVERIFY(!QFileInfo::exists(m_local.deployRoot + "/srv-clock"));

        // The same project deployed on this machine, for the wall time of both.
        Deployer local(m_local, nullptr);
        clock.restart();
        const DeployOutcome here = deploy(local, "srv-clock-here", freePort());
        const qint64 localMs = clock.elapsed();
        QVERIFY2(here.ok, qPrintable(here.reason));
        qInfo("wall time of a deploy: over SSH %lld ms, on this machine %lld ms", sshMs, localMs);
        QSignalSpy gone(&local, &Deployer::tornDown);
        local.teardown("srv-clock-here");
        QVERIFY(gone.wait(60000));
    }

    void aFailedReleaseIsRolledBackOnTheServer()
    {
        const QString good = remoteCurrent();
        commit("broken");
        Deployer deployer(aimed(), nullptr);
        const DeployOutcome outcome = deploy(deployer);
        QVERIFY(!outcome.ok);
        QVERIFY(outcome.rolledBack);
        QVERIFY2(outcome.running == good, qPrintable(outcome.reason + serviceLog()));
        QCOMPARE(remoteCurrent(), good);
    }

    void aChangedHostKeyStopsDeploys()
    {
        QCOMPARE(m_sshd.restartWithNewHostKey(), QString());
        commit("ok");
        Deployer deployer(aimed(), nullptr);
        const DeployOutcome outcome = deploy(deployer);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.reason.contains("host key of server prod-1"), qPrintable(outcome.reason));
        QVERIFY2(outcome.reason.contains("servers trust prod-1"), qPrintable(outcome.reason));
        const ServerReport report = check(false);
        QCOMPARE(report.status, ServerStatus::HostKeyChanged);
        // Trusting the new key again lets deploys through.
        QVERIFY(m_registry->pinHostKeys("prod-1", m_sshd.scanHostKeys()));
        Deployer trusted(aimed(), nullptr);
        const DeployOutcome again = deploy(trusted);
        QVERIFY2(again.ok, qPrintable(again.reason));
    }

    void teardownWorksOnTheServer()
    {
        Deployer deployer(aimed(), nullptr);
        QSignalSpy done(&deployer, &Deployer::tornDown);
        deployer.teardown("srv-clock");
        QVERIFY(done.wait(60000));
        QVERIFY2(done.first().first().toBool(), qPrintable(done.first().at(1).toString()));
        QVERIFY(!QFileInfo::exists(remoteRoot() + "/srv-clock"));
    }

    void placementFillsCapacityThenHasNoRoom()
    {
        auto first = m_registry->place("project-a", 600);
        QVERIFY(first && first->has_value());
        QCOMPARE((*first)->server, QString("prod-1"));
        QCOMPARE(m_registry->freeMb("prod-1").value(), 424);
        // Measured use above the reservation counts instead.
        QVERIFY(m_registry->recordMeasuredMemory("project-a", 800));
        QCOMPARE(m_registry->freeMb("prod-1").value(), 224);
        auto none = m_registry->place("project-b", 300);
        QVERIFY(none && !none->has_value());
        // A project already placed keeps its server.
        QCOMPARE(m_registry->place("project-a", 5000).value()->server, QString("prod-1"));
        auto removed = m_registry->remove("prod-1");
        QVERIFY(!removed);
        QVERIFY2(removed.error().contains("project-a"), qPrintable(removed.error()));
        QVERIFY(m_registry->forgetPlacement("project-a"));
        QVERIFY(m_registry->remove("prod-1"));
    }

    void cleanupTestCase()
    {
        // Caddy on the "server" stops with its last site; make sure nothing is left running.
        QProcess::execute("pkill", {"-f", remoteRoot()});
    }
};

QTEST_GUILESS_MAIN(TestServers)
#include "tst_servers.moc"
