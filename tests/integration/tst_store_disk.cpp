// SQLite on a small filesystem of the test's own (a tmpfs it mounts, as root): the disk fills
// up under two runs; the runs pause instead of failing, and once space is back they go on by
// themselves and complete, each step kept once and a ledger row for every model call the
// stand-in answered. A database on a read-only filesystem is refused at start with the cause.

#include "EngineInternals.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace orch;
using namespace orch::test;

namespace {

constexpr int kSteps = 6;

bool mountCommand(const QStringList& arguments)
{
    QProcess mount;
    mount.start(QStringLiteral("mount"), arguments);
    return mount.waitForFinished(10000) && mount.exitCode() == 0;
}

// Fills the filesystem of `folder` to the last byte; returns the filler's path.
QString fill(const QString& folder)
{
    const QString path = folder + QStringLiteral("/filler");
    QFile filler(path);
    if (!filler.open(QIODevice::WriteOnly))
        return {};
    const QByteArray block(64 * 1024, 'x');
    while (filler.write(block) == block.size() && filler.flush()) {
    }
    for (const QByteArray small(512, 'x'); filler.write(small) > 0 && filler.flush();) {
    }
    return path;
}

} // namespace

class TestStoreDisk : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_mount;

private slots:
    void initTestCase()
    {
        if (geteuid() != 0)
            QSKIP("a filesystem of the test's own is mounted as root");
        m_mount = m_dir.filePath("small");
        QVERIFY(QDir().mkpath(m_mount));
        QVERIFY(mountCommand({"-t", "tmpfs", "-o", "size=16m", "tmpfs", m_mount}));
    }

    void cleanupTestCase()
    {
        if (!m_mount.isEmpty())
            QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), m_mount});
    }

    void aFullDiskPausesTheRunsUntilSpaceIsBack()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        ScriptedModel model;
        model.setFallback([](const QString& agent, const Json&) {
            FakeReply reply = FakeReply::openAiText("done by " + agent.toStdString());
            reply.delayMs = 100;
            return reply;
        });
        server.setHandler(model.handler());
        TestEngine t(server, false, 2, 5000,
                     [&](EngineOptions& options) { options.databasePath = m_mount + "/store.db"; });
        QVERIFY(t.engine);
        const GraphPtr graph = t.graph(chainGraph(kSteps));
        QStringList runIds;
        for (int i = 0; i < 2; ++i)
            runIds << inside(*t.engine).startRun(QStringLiteral("disk %1").arg(i), graph).value();
        RunStore& store = inside(*t.engine).store();
        const auto stepsDone = [&] {
            int steps = 0;
            for (const QString& id : runIds)
                steps += store.run(id).value().steps;
            return steps;
        };
        QVERIFY(QTest::qWaitFor([&] { return stepsDone() >= 2; }, 20000));

        const QString filler = fill(m_mount);
        QVERIFY(!filler.isEmpty());
        QTest::qWait(2500);
        // Paused, not failed: nothing moved on while the file took no writes.
        const int whileFull = stepsDone();
        QTest::qWait(1000);
        QCOMPARE(stepsDone(), whileFull);
        for (const QString& id : runIds)
            QCOMPARE(store.run(id).value().status, RunStatus::Running);
        QVERIFY(whileFull < 2 * kSteps);

        QVERIFY(QFile::remove(filler));
        for (const QString& id : runIds)
            QCOMPARE(t.waitForStop(id, 30000).status, RunStatus::Completed);
        int ledgerRows = 0;
        int paused = 0;
        for (const QString& id : runIds) {
            const auto steps = store.steps(id).value();
            QCOMPARE(steps.size(), size_t(kSteps));
            for (int i = 0; i < kSteps; ++i)
                QCOMPARE(steps[i].stepNo, i + 1);
            ledgerRows += int(store.ledger(id).value().size());
            for (const RunEvent& event : store.events(id).value())
                paused += event.kind == EventKind::StoreWaiting ? 1 : 0;
        }
        int answered = 0;
        for (int i = 1; i <= kSteps; ++i)
            answered += model.callsFor(QStringLiteral("a%1").arg(i));
        qInfo("%d calls answered, %d ledger rows, %d runs paused", answered, ledgerRows, paused);
        QCOMPARE(ledgerRows, answered);
        QVERIFY(paused >= 1);
    }

    void aReadOnlyDatabaseIsRefusedWithTheCause()
    {
        QVERIFY(mountCommand({"-o", "remount,ro", m_mount}));
        auto opened = RunStore::open(m_mount + "/store.db");
        QVERIFY(mountCommand({"-o", "remount,rw", m_mount}));
        QVERIFY(!opened);
        QVERIFY2(opened.error().contains("read", Qt::CaseInsensitive), qPrintable(opened.error()));
        QVERIFY(RunStore::open(m_mount + "/store.db")); // and fine again once it may write
    }
};

QTEST_GUILESS_MAIN(TestStoreDisk)
#include "tst_store_disk.moc"
