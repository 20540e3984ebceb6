// ansible-playbook's whole process tree goes when its deploy is cancelled or times out, and
// what a finished playbook left running on purpose (in a session of its own) stays. A stand-in
// ansible-playbook on PATH starts a child, as the real one forks workers and ssh.

#include "DeployHarness.h"
#include "ProcessTree.h"
#include "TestFiles.h"
#include "deploy/AnsibleRunner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace orch;

namespace {

qint64 pidIn(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
}

} // namespace

class TestAnsibleRunner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_bin;
    QByteArray m_path;

    void standIn(const QByteArray& body)
    {
        QFile script(m_bin.filePath("ansible-playbook"));
        QVERIFY(script.open(QIODevice::WriteOnly | QIODevice::Truncate));
        script.write("#!/bin/sh\n" + body);
        script.close();
        QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }

private slots:
    void initTestCase()
    {
        m_path = qgetenv("PATH");
        qputenv("PATH", m_bin.path().toUtf8() + ':' + m_path);
    }
    void cleanupTestCase() { qputenv("PATH", m_path); }

    void aCancelledDeployLeavesNoProcess()
    {
        standIn(
            "sleep 300 &\necho $! > \"$HOME/child.pid\"\necho $$ > \"$HOME/playbook.pid\"\nwait\n");
        QTemporaryDir work;
        auto* runner = new AnsibleRunner(work.path(), nullptr);
        runner->run(QStringLiteral("deploy.yml"), Json::object(), 60000);
        QTRY_VERIFY(pidIn(work.filePath("child.pid")) > 0 &&
                    pidIn(work.filePath("playbook.pid")) > 0);
        const qint64 child = pidIn(work.filePath("child.pid"));
        const qint64 playbook = pidIn(work.filePath("playbook.pid"));
        QVERIFY(test::isRunning(child) && test::isRunning(playbook));
        delete runner; // the run was cancelled: its tools' scope is dropped
        QTRY_VERIFY_WITH_TIMEOUT(!test::isRunning(child), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!test::isRunning(playbook), 5000);
    }

    void aTimedOutDeployLeavesNoProcess()
    {
        standIn("sleep 300 &\necho $! > \"$HOME/child.pid\"\nwait\n");
        QTemporaryDir work;
        AnsibleRunner runner(work.path(), nullptr);
        QSignalSpy finished(&runner, &AnsibleRunner::finished);
        runner.run(QStringLiteral("deploy.yml"), Json::object(), 1500);
        QTRY_VERIFY(pidIn(work.filePath("child.pid")) > 0);
        const qint64 child = pidIn(work.filePath("child.pid"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(finished.first().at(1).toString().contains("timed out"));
        QTRY_VERIFY_WITH_TIMEOUT(!test::isRunning(child), 5000);
    }

    // A deploy dropped mid-playbook (its run cancelled): no playbook process and no staged
    // release is left behind.
    void aDroppedDeployLeavesNoProcessAndNoStaging()
    {
        standIn("sleep 300 &\necho $! > \"$HOME/child.pid\"\nwait\n");
        QTemporaryDir dir;
        QVERIFY(test::letOthersThrough(dir.path())); // services run as their own users
        test::DeployHarness harness(dir.path());
        DeploySettings settings;
        settings.deployRoot = dir.filePath("root");
        settings.httpPort = 18080;
        settings.httpsPort = 18443;
        harness.start(settings);
        harness.commit(
            "dropped",
            {{"app.py", "print('hi')\n"},
             {"deploy.json", R"({"kind": "http-service", "entry": ["python3", "app.py"]})"}});
        QSignalSpy deployed(&harness.deployer(), &Deployer::deployed);
        harness.deployer().deploy({"dropped", harness.workspace("dropped"), 18555, {}, {}});
        auto childFile = [&] {
            QDirIterator it(dir.path(), {"child.pid"}, QDir::Files | QDir::Hidden,
                            QDirIterator::Subdirectories);
            return it.hasNext() ? it.next() : QString();
        };
        QTRY_VERIFY2_WITH_TIMEOUT(!childFile().isEmpty() || !deployed.isEmpty(),
                                  "the playbook started", 20000);
        const QString refused =
            deployed.isEmpty() ? QString() : deployed.first().at(0).value<DeployOutcome>().reason;
        QVERIFY2(deployed.isEmpty(), qPrintable(refused));
        QTRY_VERIFY(pidIn(childFile()) > 0);
        const qint64 child = pidIn(childFile());
        const QString staging = QDir(settings.deployRoot).filePath(".staging");
        QVERIFY(!QDir(staging).isEmpty());
        harness.stop(); // the deployer goes, as when the run's tools are dropped
        QTRY_VERIFY_WITH_TIMEOUT(!test::isRunning(child), 5000);
        QVERIFY2(QDir(staging).isEmpty(), qPrintable(QDir(staging).entryList().join(", ")));
    }

    // Caddy and services are started in sessions of their own and outlive the playbook.
    void whatAFinishedPlaybookStartedOnPurposeStays()
    {
        standIn("setsid sh -c 'echo $$ > \"$HOME/daemon.pid\"; exec sleep 300' "
                "> /dev/null 2>&1 < /dev/null &\n"
                "while [ ! -s \"$HOME/daemon.pid\" ]; do sleep 0.05; done\nexit 0\n");
        QTemporaryDir work;
        auto* runner = new AnsibleRunner(work.path(), nullptr);
        QSignalSpy finished(runner, &AnsibleRunner::finished);
        runner->run(QStringLiteral("deploy.yml"), Json::object(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        const qint64 daemon = pidIn(work.filePath("daemon.pid"));
        QVERIFY(daemon > 0);
        delete runner;
        QTest::qWait(300);
        QVERIFY(test::isRunning(daemon));
        ::kill(pid_t(daemon), SIGKILL);
    }
};

QTEST_MAIN(TestAnsibleRunner)
#include "tst_ansible_runner.moc"
