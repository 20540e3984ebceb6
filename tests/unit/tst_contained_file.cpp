// The orchestrator reads files of a folder the model writes to only through contained::read:
// a link planted anywhere on the path (to a secret outside, to a folder outside), a FIFO, a
// device, "..", an absolute path or an oversized file is refused, and the refusal names the
// file and the rule, never what the target holds.

#include "UnprivilegedRerun.h"
#include "workspace/ContainedFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace orch;
using namespace orch::test;

class TestContainedFile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_root;
    const QByteArray m_secret = "vault-key-material-9f8e7d";

    void write(const QString& path, const QByteArray& content)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

private slots:
    void initTestCase()
    {
        m_root = m_dir.filePath("ws");
        QVERIFY(QDir().mkpath(m_root + "/sub"));
        QVERIFY(QDir().mkpath(m_dir.filePath("outside")));
        write(m_dir.filePath("outside/vault.key"), m_secret);
        write(m_root + "/requirements.txt", "tinyclock==1.0\n");
        write(m_root + "/sub/deploy.json", "{}");
        QVERIFY(QFile::link(m_dir.filePath("outside/vault.key"), m_root + "/linked.txt"));
        QVERIFY(QFile::link(m_dir.filePath("outside"), m_root + "/out"));
        QVERIFY(QFile::link(m_root + "/requirements.txt", m_root + "/inner-link.txt"));
        QCOMPARE(::mkfifo(QFile::encodeName(m_root + "/pipe").constData(), 0600), 0);
        write(m_root + "/big.txt", QByteArray(5000, 'x'));
    }

    void aRegularFileInsideIsRead()
    {
        auto text = contained::read(m_root, "requirements.txt", 1024);
        QVERIFY2(text, qPrintable(text.error()));
        QCOMPARE(text.value(), QByteArray("tinyclock==1.0\n"));
        auto nested = contained::read(m_root, "sub/deploy.json", 1024);
        QVERIFY(nested);
        QCOMPARE(nested.value(), QByteArray("{}"));
    }

    void aMissingFileIsNotFound()
    {
        auto missing = contained::read(m_root, "nothing.txt", 1024);
        QVERIFY(!missing);
        QCOMPARE(missing.code(), ErrorCode::NotFound);
        QCOMPARE(contained::read(m_root, "nowhere/deploy.json", 1024).code(), ErrorCode::NotFound);
    }

    void whatLeavesOrIsNotAFileIsRefusedWithoutItsContent_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("rule");
        QTest::newRow("a link to a secret") << "linked.txt"
                                            << "symbolic link";
        QTest::newRow("a link inside") << "inner-link.txt"
                                       << "symbolic link";
        QTest::newRow("through a linked folder") << "out/vault.key"
                                                 << "links are not followed";
        QTest::newRow("dot-dot") << "../outside/vault.key"
                                 << "\"..\"";
        QTest::newRow("absolute") << m_dir.filePath("outside/vault.key") << "inside the project";
        QTest::newRow("a FIFO") << "pipe"
                                << "not a regular file";
        QTest::newRow("a folder") << "sub"
                                  << "not a regular file";
        QTest::newRow("too big") << "big.txt"
                                 << "larger than 4096 bytes";
    }

    void whatLeavesOrIsNotAFileIsRefusedWithoutItsContent()
    {
        QFETCH(QString, path);
        QFETCH(QString, rule);
        auto text = contained::read(m_root, path, 4096);
        QVERIFY(!text);
        QVERIFY(text.code() != ErrorCode::NotFound);
        QVERIFY2(text.error().contains(rule), qPrintable(text.error()));
        QVERIFY2(text.error().startsWith(path), qPrintable(text.error()));
        QVERIFY(!text.error().toUtf8().contains(m_secret));
    }

    void theSameHoldsWhenTheOrchestratorIsNotRoot()
    {
        if (geteuid() != 0 || insideUnprivilegedRerun())
            QSKIP("already unprivileged");
        const Rerun rerun = rerunAsNobody(60000);
        QVERIFY2(rerun.finished && rerun.exitCode == 0, rerun.output.constData());
        QVERIFY2(
            rerun.output.contains(
                "PASS   : TestContainedFile::whatLeavesOrIsNotAFileIsRefusedWithoutItsContent"),
            rerun.output.constData());
    }
};

QTEST_GUILESS_MAIN(TestContainedFile)
#include "tst_contained_file.moc"
