// A SQLite database's write-ahead log is copied into its file by the checkpoint thread, never by
// the connection that commits (which would stall a step for the copy and its fsync), and the
// thread is gone with its database, leaving no log behind.

#include "store/Database.h"
#include "store/WalCheckpointer.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;

class TestWalCheckpointer : public QObject
{
    Q_OBJECT
private slots:
    void theLogIsCopiedOffTheCommittingConnection()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orch.db"));
        {
            auto database = Database::open(path);
            QVERIFY2(database, qPrintable(database.error()));
            QSqlQuery pragma = database.value()->newQuery();
            QVERIFY(pragma.exec(QStringLiteral("PRAGMA wal_autocheckpoint")) && pragma.next());
            QCOMPARE(pragma.value(0).toInt(), 0);
            QSqlQuery create = database.value()->newQuery();
            QVERIFY(create.exec(QStringLiteral("CREATE TABLE scratch (b BLOB)")));
            const qint64 before = QFileInfo(path).size();
            const QByteArray blob(64 * 1024, 'x');
            for (int i = 0; i < 64; ++i) { // 4 MiB in 64 commits, four times the old threshold
                auto done = database.value()->transaction([&]() -> Result<void> {
                    QSqlQuery& insert = database.value()->prepared(
                        QStringLiteral("INSERT INTO scratch VALUES (?)"));
                    insert.addBindValue(blob);
                    return Database::exec(insert);
                });
                QVERIFY2(done, qPrintable(done.error()));
            }
            // Nothing here asked for a checkpoint: the thread copies the log into the file.
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() >= before + 4 * 1024 * 1024, 10000);
        }
        // Its connection closed before the database's own: the last one out removes the log.
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    }

    // Two connections to one file (as `serve` has) share one checkpoint thread; a file of its
    // own gets its own; the thread ends with the last connection, and the log with it.
    void oneThreadPerFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orch.db"));
        auto engine = Database::open(path);
        auto frontEnds = Database::open(dir.filePath(QStringLiteral("./orch.db")));
        auto other = Database::open(dir.filePath(QStringLiteral("other.db")));
        QVERIFY(engine && frontEnds && other);
        auto first = WalCheckpointer::forFile(path);
        QCOMPARE(WalCheckpointer::forFile(dir.filePath(QStringLiteral("./orch.db"))), first);
        QVERIFY(WalCheckpointer::forFile(dir.filePath(QStringLiteral("other.db"))) != first);
        const WalCheckpointer* shared = first.get();
        first.reset();
        engine = Error{QStringLiteral("closed")};
        QCOMPARE(WalCheckpointer::forFile(path).get(), shared); // the front ends' holds it
        frontEnds = Error{QStringLiteral("closed")};
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal"))); // the last one out
    }
};

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_wal_checkpointer.moc"
