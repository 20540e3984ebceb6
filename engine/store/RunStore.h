#pragma once
// Projects, graph versions, runs, steps, checkpoints, events and the ledger.
// A finished step and everything it produced are written in one transaction.

#include "api/Records.h"
#include "core/Result.h"

#include <QStringList>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace orch {

class CheckpointStore;
class Database;
class StepJournalStore;

struct StepCommit
{
    StepRecord step;
    Checkpoint checkpoint;
    RunRecord run; // status, counters and current agent after the step
    std::vector<LedgerEntry> ledger;
    std::vector<RunEvent> events;
    std::optional<RunLease> lease; // set: written only while this lease is the run's
    bool journaled = false;        // the step has journal entries, cleared with this commit
    // Reads made last inside the step's transaction, as fresh as its commit (the budget the
    // next call is checked against); not run when the step is spooled for later.
    std::function<void()> readWithin;
};

class RunStore
{
public:
    explicit RunStore(std::unique_ptr<Database> database);
    ~RunStore();

    static Result<std::unique_ptr<RunStore>> open(const QString& path);
    Database& database() { return *m_db; }
    StepJournalStore& journal() { return *m_journal; }

    Result<void> createProject(const ProjectRecord& project);
    Result<ProjectRecord> project(const QString& id);
    Result<std::vector<ProjectRecord>> projects(); // newest first
    // Returns the id of this exact graph body, storing it as a new version when unseen.
    Result<qint64> saveGraph(const QString& name, const Json& body);
    Result<Json> graphBody(qint64 id);
    Result<std::vector<GraphVersion>> graphVersions(); // newest first, bodies left out

    // Creates the run together with its step-0 checkpoint.
    Result<void> createRun(const RunRecord& run, const Checkpoint& start,
                           const std::vector<RunEvent>& events);
    Result<void> commitStep(const StepCommit& commit);
    // The same; once stored, the commit's state and conversation move into what the store
    // keeps as the next diff's base instead of being copied, and `commit` is spent. When it is
    // not stored, `commit` is left whole (for a retry).
    Result<void> commitStepTakingState(StepCommit& commit);
    // A paid model call, written as soon as its reply arrives. While the database is away
    // the row is held, and written before anything else once it is back (writeHeld, or the
    // next step's commit).
    Result<void> recordLedger(const LedgerEntry& entry);
    // The same, held for the step commit that usually follows in the same turn of the event
    // loop (one transaction a step); flushLedger() writes what no commit took.
    void holdLedger(const LedgerEntry& entry) { m_heldLedger.push_back(entry); }
    Result<void> flushLedger();
    Result<void> writeHeld();
    size_t heldLedgerRows() const { return m_heldLedger.size(); }
    // Applies what the database's spool kept while it was away (this process's, and that of
    // processes of this host that died): ledger rows, step commits (each once: a step the
    // store has, or whose lease is no longer the run's, is left) and server values.
    Result<int> replaySpool();
    // Status change outside a step (cancel, resume, failure before the step finished).
    Result<void> updateRun(const RunRecord& run, const std::vector<RunEvent>& events,
                           const std::optional<RunLease>& lease = std::nullopt);

    Result<RunRecord> run(const QString& idOrPrefix);
    Result<std::vector<RunRecord>> runs(const std::vector<RunStatus::Value>& statuses = {});
    // Without their state diffs (empty) for a reader that shows none: a report.
    enum class Diffs
    {
        Read,
        Skipped
    };
    Result<std::vector<StepRecord>> steps(const QString& runId, Diffs diffs = Diffs::Read);
    Result<Checkpoint> lastCheckpoint(const QString& runId);
    Result<Json> lastState(const QString& runId);                      // cheaper: no conversation
    Result<Checkpoint> checkpointAt(const QString& runId, int stepNo); // any step, exactly
    Result<std::vector<Checkpoint>> checkpoints(const QString& runId);
    // The run's events, or those stored after the event numbered `afterId`.
    Result<std::vector<RunEvent>> events(const QString& runId, qint64 afterId = 0);
    Result<std::optional<RunEvent>> firstEvent(const QString& runId); // how the run began
    Result<std::vector<LedgerEntry>> ledger(const QString& runId);
    // An event that belongs to no step (the deployment watcher's), stored at once.
    Result<void> appendEvent(const RunEvent& event) { return writeEvents({event}); }
    // Tokens of the run's calls whose cost is unknown.
    Result<long long> unpricedTokens(const QString& runId);
    Result<void> saveReport(const RunRecord& run, const QString& markdown, const QString& path);
    // key: a run id, or "digest-…" for digests (projectId empty).
    Result<void> saveReport(const QString& key, const QString& projectId, const QString& markdown,
                            const QString& path);
    Result<std::vector<ReportEntry>> reports(); // newest first, without their text
    // {markdown, path} of a run's report.
    Result<std::pair<QString, QString>> report(const QString& runId);

private:
    // `spendable`: the commit's checkpoint, given up once stored (commitStepTakingState).
    Result<void> commit(const StepCommit& c, Checkpoint* spendable);
    Result<void> writeRun(const RunRecord& run,
                          const std::optional<RunLease>& lease = std::nullopt);
    Result<void> writeEvents(const std::vector<RunEvent>& events);
    Result<void> insertLedger(const LedgerEntry& entry);
    Result<void> addToSpendTotals(const LedgerEntry& entry);
    Result<void> insertHeld();
    // A step's commit inside the caller's transaction.
    Result<void> writeStep(const StepCommit& commit);
    // Keeps a write the database could not take in the spool, when there is one.
    void spoolWrite(const QString& kind, const Json& body);
    void spoolStep(const StepCommit& commit);
    // `step`: where a spooled step is kept while its transaction is open and settles.
    Result<void> applySpooled(const QString& kind, const Json& body,
                              std::optional<StepCommit>& step);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<CheckpointStore> m_checkpoints; // after m_db, which it uses
    std::unique_ptr<StepJournalStore> m_journal;
    std::vector<LedgerEntry> m_heldLedger;
};

} // namespace orch
