// The net under every test (TestProcessScope.cpp, end_test_processes.py): a test process lives
// in a pids cgroup of its own, what it starts stays in it even when it daemonizes, and what a
// killed test left in its group is ended by the cleanup step. Root only (cgroup v1 pids).

#include "TestFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>
#include <csignal>
#include <unistd.h>

using namespace orch::test;

namespace {

const QString kGroups = QStringLiteral("/sys/fs/cgroup/pids/orch-tests");

// The pids cgroup of a process ("" when none), as /proc/PID/cgroup names it.
QString pidsGroupOf(qint64 pid)
{
    const QByteArray lines = readFile(QStringLiteral("/proc/%1/cgroup").arg(pid));
    for (const QByteArray& line : lines.split('\n'))
        if (line.contains(":pids:"))
            return QString::fromUtf8(line.mid(line.indexOf(":pids:") + 6));
    return {};
}

bool running(qint64 pid)
{
    const QByteArray stat = readFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const qsizetype close = stat.lastIndexOf(')');
    return close > 0 && stat.mid(close + 2, 1) != "Z";
}

// Starts `sleep 300` away from this process: its own session, its parent gone at once.
qint64 startDaemon()
{
    QProcess shell;
    shell.start("sh", {"-c", "setsid sleep 300 >/dev/null 2>&1 < /dev/null & echo $!"});
    if (!shell.waitForFinished(10000))
        return -1;
    return shell.readAllStandardOutput().trimmed().toLongLong();
}

} // namespace

class TestTestProcesses : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (geteuid() != 0 || !QFileInfo(kGroups).isDir())
            QSKIP("needs root and the cgroup v1 pids hierarchy");
    }

    void aDaemonStaysInTheTestsGroup()
    {
        const QString own = pidsGroupOf(getpid());
        // Named after the program (as the kernel shortens it: 15 characters) and its pid.
        QCOMPARE(own, QStringLiteral("/orch-tests/tst_test_proces-%1").arg(getpid()));
        const qint64 daemon = startDaemon();
        QVERIFY(daemon > 0);
        QCOMPARE(pidsGroupOf(daemon), own);
        ::kill(pid_t(daemon), SIGKILL);
    }

    void whatAKilledTestLeftIsEnded()
    {
        // A group as a test killed at its timeout leaves it: its process gone, a daemon left.
        const QString group = kGroups + QStringLiteral("/left-by-%1").arg(getpid());
        QVERIFY(QDir().mkpath(group));
        const qint64 daemon = startDaemon();
        QVERIFY(daemon > 0);
        QFile procs(group + "/cgroup.procs");
        QVERIFY(procs.open(QIODevice::WriteOnly));
        QVERIFY(procs.write(QByteArray::number(daemon)) > 0);
        procs.close();
        QVERIFY(running(daemon));
        QProcess cleanup;
        cleanup.start("python3", {QStringLiteral(SOURCE_DIR "/tests/support/end_test_processes.py"),
                                  QFileInfo(group).fileName()});
        QVERIFY(cleanup.waitForFinished(30000));
        QCOMPARE(cleanup.exitCode(), 0);
        QVERIFY2(cleanup.readAllStandardOutput().contains("ended 1 process"),
                 "the cleanup did not name the daemon");
        QTRY_VERIFY(!running(daemon));
        QVERIFY(!QFileInfo::exists(group));
    }
};

QTEST_GUILESS_MAIN(TestTestProcesses)
#include "tst_test_processes.moc"
