#pragma once
// The journal of the step in flight: the model's reply (entry -1) and each tool call it asked
// for (entry = the call's position), written before the call runs (an intent) and completed
// with its result after. After a crash, the step is repeated from this record instead of
// from scratch: the same reply, completed calls not run again, and a call with only an
// intent reconciled by its tool. A step's entries go when its checkpoint is committed.

#include "api/Records.h"
#include "core/Result.h"

#include <optional>
#include <vector>

namespace orch {

class Database;

struct JournalEntry
{
    static constexpr int kReply = -1;
    int entry = kReply;
    QString callId; // the model's id for the call; empty for the reply
    QString tool;
    Json body;                  // the reply, or the call's arguments
    std::optional<Json> result; // set once the call completed
};

class StepJournalStore
{
public:
    explicit StepJournalStore(Database& db) : m_db(db) {}

    // The entries of one step, in entry order.
    Result<std::vector<JournalEntry>> entries(const QString& runId, int step);
    // Writes (or rewrites) an entry; with a lease, only while the lease is the run's.
    Result<void> write(const QString& runId, int step, const JournalEntry& entry,
                       const std::optional<RunLease>& lease);
    // Inside the caller's transaction: the entries of steps up to `step`, now checkpointed.
    Result<void> clearThrough(const QString& runId, int step);
    Result<void> clearRun(const QString& runId);

private:
    Database& m_db;
};

} // namespace orch
