#pragma once
// Copies a SQLite database's write-ahead log back into the database file from a thread of its
// own. SQLite otherwise does it inside whichever commit crosses 1,000 pages of log, and that
// commit then waits for the copy and its fsync: a stall in the middle of a run's step. The
// connection that commits turns its own checkpoints off and this one takes them over
// (https://www.sqlite.org/wal.html, "Application-Initiated Checkpoints").

#include <QString>

class QSqlQuery;
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace orch {

class WalCheckpointer
{
public:
    // The file's one checkpoint thread in this process, shared by every connection to it
    // (`serve` opens the store twice): started by the first, ended with the last.
    static std::shared_ptr<WalCheckpointer> forFile(const QString& path);

    // Every everyMs a passive checkpoint; past restartFrames in the log, a restart as well.
    explicit WalCheckpointer(QString path, int everyMs = 250, int restartFrames = 1000);
    ~WalCheckpointer(); // a last checkpoint, then the thread ends
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

private:
    void loop();
    void checkpointOnce(QSqlQuery& checkpoint);
    struct Copied
    {
        int logFrames = 0;
        int copiedFrames = 0;
    };
    Copied run(QSqlQuery& checkpoint, const char* mode);

    QString m_path;
    int m_everyMs;
    int m_restartFrames; // SQLite's own threshold is 1,000 (4 MB of 4 KB pages)
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace orch
