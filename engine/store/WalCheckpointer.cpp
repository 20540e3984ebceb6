#include "store/WalCheckpointer.h"

#include "core/Log.h"

#include <QAtomicInt>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <map>
#include <pthread.h>

namespace orch {

std::shared_ptr<WalCheckpointer> WalCheckpointer::forFile(const QString& path)
{
    static std::mutex mutex;
    static std::map<QString, std::weak_ptr<WalCheckpointer>> running; // by canonical path
    const QString canonical = QFileInfo(path).canonicalFilePath();
    const QString key = canonical.isEmpty() ? path : canonical;
    std::lock_guard lock(mutex);
    if (auto shared = running[key].lock())
        return shared;
    auto started = std::make_shared<WalCheckpointer>(path);
    running[key] = started;
    return started;
}

WalCheckpointer::WalCheckpointer(QString path, int everyMs, int restartFrames)
    : m_path(std::move(path)), m_everyMs(everyMs), m_restartFrames(restartFrames),
      m_thread([this] { loop(); })
{
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void WalCheckpointer::loop()
{
    pthread_setname_np(pthread_self(), "wal-checkpoint"); // apart from the engine in perf, top
    static QAtomicInt counter;
    const QString name = QStringLiteral("orch-wal-%1").arg(counter.fetchAndAddRelaxed(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        // Only a restart waits (for the writer and for readers of older frames), and the
        // engine's writes wait behind it: it gives up after 100 ms and tries again next time.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=100"));
        if (db.open()) {
            QSqlQuery checkpoint(db);
            std::unique_lock lock(m_mutex);
            bool last = false;
            while (!last) {
                last = m_wake.wait_for(lock, std::chrono::milliseconds(m_everyMs),
                                       [this] { return m_stopping; });
                lock.unlock();
                checkpointOnce(checkpoint);
                lock.lock();
            }
        } else {
            log::get("store")->warn("{}: no checkpoint thread: {}", m_path, db.lastError().text());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void WalCheckpointer::checkpointOnce(QSqlQuery& checkpoint)
{
    // PASSIVE never waits for readers or writers: what it cannot copy now is copied next time.
    const Copied passive = run(checkpoint, "PASSIVE");
    // But the log starts over only at a write that begins while every frame is copied, and
    // commits keep coming while a passive copy runs: under steady writes that never happens
    // and the log grows by every commit (200 MB in 2.5 s of bench_steps), each commit
    // appending to it. Past the threshold, RESTART copies what came in since (a few commits)
    // while holding writers back, so the next commit starts the log over. Not while a reader
    // keeps older frames (the passive copy stopped short): the restart would wait for it,
    // and the engine's writes behind the restart.
    if (passive.logFrames > m_restartFrames && passive.copiedFrames == passive.logFrames)
        run(checkpoint, "RESTART");
}

WalCheckpointer::Copied WalCheckpointer::run(QSqlQuery& checkpoint, const char* mode)
{
    Copied copied;
    if (!checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(%1)").arg(QLatin1String(mode))))
        log::get("store")->warn("{}: {} checkpoint: {}", m_path, mode,
                                checkpoint.lastError().text());
    else if (checkpoint.next()) // busy, frames in the log, frames copied
        copied = {checkpoint.value(1).toInt(), checkpoint.value(2).toInt()};
    checkpoint.finish();
    return copied;
}

} // namespace orch
