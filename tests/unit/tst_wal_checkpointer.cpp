// A SQLite database's write-ahead log is copied into its file by the checkpoint thread, never by
// the connection that commits (which would stall a step for the copy and its fsync), and the
// thread is gone with its database, leaving no log behind.

#include "store/Database.h"
#include "store/WalCheckpointer.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <functional>

using namespace orch;

namespace {

// A connection of its own named `name`, in WAL mode with no checkpoints of its own (as the
// engine's), with a table to write to and `rows` small rows in it.
bool openForSteadyWrites(const QString& name, const QString& path, int rows = 0)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    QSqlQuery setup(db);
    bool ok = db.open();
    for (const char* statement :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=10000",
          "PRAGMA wal_autocheckpoint=0", "CREATE TABLE scratch (b BLOB)"})
        ok = ok && setup.exec(QLatin1String(statement));
    for (int i = 0; ok && i < rows; ++i)
        ok = setup.exec(QStringLiteral("INSERT INTO scratch VALUES (x'00')"));
    return ok;
}

// Commits an 8 KB row after another for `ms`, each with a moment of work before it (a model's
// reply, its parsing) as a step has; `each` is told how long each commit took. Returns the
// bytes written, or -1 when a statement failed.
qint64 commitSteadily(const QString& name, int ms, const std::function<void(qint64)>& each)
{
    QSqlDatabase db = QSqlDatabase::database(name);
    QSqlQuery insert(db);
    if (!insert.prepare(QStringLiteral("INSERT INTO scratch VALUES (?)")))
        return -1;
    const QByteArray blob(8 * 1024, 'x');
    qint64 written = 0;
    QElapsedTimer writing;
    writing.start();
    while (writing.elapsed() < ms) {
        QThread::usleep(200);
        QElapsedTimer commit;
        commit.start();
        insert.addBindValue(blob);
        if (!db.transaction() || !insert.exec() || !db.commit())
            return -1;
        written += blob.size();
        each(commit.elapsed());
    }
    return written;
}

} // namespace

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

    // A passive checkpoint never catches a log that commits keep growing, and the log starts
    // over only at a commit that finds it all copied: under steady writes it grew by every
    // commit, without end. Past its threshold the thread restarts it.
    void theLogStartsOverUnderSteadyWrites()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orch.db"));
        const QString name = QStringLiteral("steady-writes");
        {
            QVERIFY(openForSteadyWrites(name, path));
            WalCheckpointer checkpointer(path, 20, 100);
            qint64 largestLog = 0;
            const qint64 written = commitSteadily(name, 1000, [&](qint64) {
                largestLog = std::max(largestLog, QFileInfo(path + QStringLiteral("-wal")).size());
            });
            QVERIFY2(written > 4 * 1024 * 1024, "too few commits to tell");
            // Without the restart the log holds every commit (at least `written`).
            QVERIFY2(
                largestLog < written / 4,
                qPrintable(
                    QStringLiteral("log %1 bytes after %2 written").arg(largestLog).arg(written)));
        }
        QSqlDatabase::removeDatabase(name);
    }

    // A reader that keeps older frames (a statement left open on another connection) stops the
    // passive copy short; a restart would wait for it, and every commit behind the restart. No
    // restart is tried then: the commits keep their pace.
    void aReaderOfOlderFramesHoldsNoWriteBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orch.db"));
        const QString writerName = QStringLiteral("pinned-writer");
        const QString readerName = QStringLiteral("pinned-reader");
        {
            QVERIFY(openForSteadyWrites(writerName, path, 2));
            QSqlDatabase readerDb =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), readerName);
            readerDb.setDatabaseName(path);
            QVERIFY(readerDb.open());
            QSqlQuery reader(readerDb);
            QVERIFY(reader.exec(QStringLiteral("SELECT b FROM scratch")) && reader.next());
            // Its statement stays open: its snapshot keeps the frames written from now on.
            WalCheckpointer checkpointer(path, 20, 100);
            int commits = 0;
            int slow = 0;
            QVERIFY(commitSteadily(writerName, 1000, [&](qint64 commitMs) {
                        slow += commitMs > 50 ? 1 : 0;
                        ++commits;
                    }) >= 0);
            QVERIFY2(commits > 200, "too few commits to tell");
            QVERIFY2(
                slow <= 2,
                qPrintable(
                    QStringLiteral("%1 of %2 commits waited over 50 ms").arg(slow).arg(commits)));
            reader.finish();
        }
        QSqlDatabase::removeDatabase(readerName);
        QSqlDatabase::removeDatabase(writerName);
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
