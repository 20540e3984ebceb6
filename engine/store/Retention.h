#pragma once
// What the store keeps once a run is over. A finished run keeps every checkpoint for a while
// (to inspect, fork or resume a failed step); after that it keeps every Nth and the last,
// each stored whole so it still reads back exactly, and the conversation messages only those
// reference. Events of finished runs go after their own period. Running and waiting runs are
// never touched.

#include "core/Result.h"

#include <QString>

namespace orch {

class RunStore;

struct RetentionPolicy
{
    int checkpointsAfterDays = 30; // a finished run keeps all its checkpoints this long
    int checkpointsEvery = 10;     // then every Nth (and the last); 1: all, forever
    int eventsDays = 90;           // events of finished runs; 0: forever
};

struct PruneReport
{
    int runsThinned = 0;
    qint64 checkpointsRemoved = 0;
    qint64 messagesRemoved = 0;
    qint64 eventsRemoved = 0;
};

// The database's bytes on disk (with its write-ahead log) and how many of them are free
// pages that new rows reuse.
struct StorageUse
{
    qint64 databaseBytes = 0;
    qint64 freeBytes = 0;
};

class Retention
{
public:
    explicit Retention(RunStore& store) : m_store(store) {}

    Result<PruneReport> prune(const RetentionPolicy& policy, qint64 nowMs);
    Result<StorageUse> storageUse();
    // Gives the free pages back to the file system (rewrites the file; blocks writers).
    Result<void> vacuum();

private:
    // Keeps every `every`th checkpoint of a finished run and its last; the rest go.
    Result<void> thin(const QString& runId, int every, PruneReport& report);
    Result<qint64> dropUnreferencedMessages(const QString& runId);

    RunStore& m_store;
};

} // namespace orch
