#pragma once
// Checkpoints stored in proportion to the work, not to its square. A checkpoint row holds the
// cursor without its conversation, a reference to the conversation (ranges of the run's
// messages, each stored once, append-only: a message shortened to fit the context window is
// stored again as a new one) and the state as a diff from the checkpoint before;
// every kSnapshotEvery steps, and whenever this writer did not write the step before (a new
// run, a restart, a run taken over from another process), the state is stored whole.
// Reading puts any step back together exactly. Rows written before (whole state, whole
// conversation) read as they are.

#include "api/Records.h"
#include "core/Result.h"

#include <QHash>
#include <optional>
#include <vector>

namespace orch {

class Database;

class CheckpointStore
{
public:
    static constexpr int kSnapshotEvery = 25;
    // Runs whose last checkpoint a writer keeps in memory as the next diff's base; past it,
    // some are forgotten and their next checkpoint is stored whole. Only moving runs are
    // remembered, and each holds what its Run holds anyway, so this bounds a copy, not growth.
    static constexpr int kRemembered = 4096;

    explicit CheckpointStore(Database& db) : m_db(db) {}

    // Inside the caller's transaction. What this writer remembers of the run changes only
    // when settle(true, the checkpoint written) follows the commit; settle(false) after a
    // rollback. The remembered state and conversation are copied from `written` then, or
    // moved out of `spent` (the checkpoint written, given up by its owner). A state the
    // checkpoint only names (a run's own, liveState) is not copied at each step: the
    // remembered one moves on by the diff written, and is copied only when written whole.
    Result<void> write(const Checkpoint& checkpoint);
    void settle(bool committed, const Checkpoint* written, Checkpoint* spent = nullptr);
    // A run that stopped moving (finished, waiting, paused) gets no checkpoint soon: its memory
    // is let go.
    void forget(const QString& runId) { m_written.remove(runId); }

    Result<Checkpoint> at(const QString& runId, int stepNo);
    Result<Checkpoint> last(const QString& runId);
    // The state after the last step, without putting its conversation back together.
    Result<Json> lastState(const QString& runId);
    Result<std::vector<Checkpoint>> all(const QString& runId);

private:
    // The run as this writer last wrote it: the diff base and the conversation's stored range.
    struct Written
    {
        int stepNo = 0;
        Json state;
        Json conversation = Json::array();
        std::vector<qint64> seqs; // where each message of `conversation` is stored
        qint64 nextSeq = 0;
    };
    Result<qint64> nextSeqOf(const QString& runId);
    // Stores what is new in `conversation` and where each message is, as `now`'s.
    Result<Json> storeConversation(const QString& runId, const Json& conversation,
                                   const Written* before, Written& now);
    Result<Json> stateAt(const QString& runId, int stepNo);
    Result<Json> messages(const QString& runId, const Json& ranges);
    Result<Checkpoint> assemble(const QString& runId, int stepNo, Json cursor);

    Database& m_db;
    QHash<QString, Written> m_written;
    struct Pending
    {
        QString runId;
        Written written; // without its state and conversation until settle()
        Json diff;       // the state as written, when it was a diff from the remembered base
    };
    std::optional<Pending> m_pending;
};

} // namespace orch
