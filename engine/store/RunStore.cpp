#include "store/RunStore.h"

#include "api/WireFormat.h"
#include "core/Log.h"
#include "core/StepProfile.h"
#include "store/CheckpointStore.h"
#include "store/Database.h"
#include "store/RowsInsert.h"
#include "store/SqlValues.h"
#include "store/StepJournalStore.h"
#include "store/WriteSpool.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace orch {
namespace {

using namespace sql;
using namespace wire;

const QString kRunColumns =
    QStringLiteral("id, project_id, graph_id, status, reason, current_agent, steps, prompt_tokens, "
                   "completion_tokens, created_at, updated_at");

RunRecord readRun(const QSqlQuery& q)
{
    // A status this build does not know (a newer one's) reads as failed: shown, resumable.
    return {q.value(0).toString(),
            q.value(1).toString(),
            q.value(2).toLongLong(),
            RunStatus::fromName(q.value(3).toString()).value_or(RunStatus::Failed),
            q.value(4).toString(),
            q.value(5).toString(),
            q.value(6).toInt(),
            q.value(7).toLongLong(),
            q.value(8).toLongLong(),
            q.value(9).toLongLong(),
            q.value(10).toLongLong()};
}

} // namespace

RunStore::RunStore(std::unique_ptr<Database> database)
    : m_db(std::move(database)), m_checkpoints(std::make_unique<CheckpointStore>(*m_db)),
      m_journal(std::make_unique<StepJournalStore>(*m_db))
{
}
RunStore::~RunStore() = default;

Result<std::unique_ptr<RunStore>> RunStore::open(const QString& path)
{
    auto database = Database::open(path);
    if (!database)
        return database.failure();
    return std::make_unique<RunStore>(std::move(database).value());
}

Result<void> RunStore::writeRun(const RunRecord& run, const std::optional<RunLease>& lease)
{
    if (lease) {
        // A step seldom changes the status. Setting it anyway rewrites its index entry (a
        // page of the log per step on SQLite), so it is set only when it changed: first the
        // update that keeps it, then, if that matched no row, the one that sets it.
        static const QString update =
            QStringLiteral("UPDATE runs SET reason = :reason, current_agent = :agent, steps = "
                           ":steps, prompt_tokens = :prompt, completion_tokens = :completion, "
                           "updated_at = :at%1 WHERE id = :id AND owner = :owner AND fence = "
                           ":fence%2");
        static const QString keepsStatus = update.arg(QString(), " AND status = :status");
        static const QString setsStatus = update.arg(", status = :status", QString());
        const QVariant status = str(RunStatus::name(run.status));
        for (const bool keepStatus : {true, false}) {
            QSqlQuery& q = m_db->prepared(keepStatus ? keepsStatus : setsStatus);
            q.bindValue(QStringLiteral(":reason"), str(run.reason));
            q.bindValue(QStringLiteral(":agent"), str(run.currentAgent));
            q.bindValue(QStringLiteral(":steps"), run.steps);
            q.bindValue(QStringLiteral(":prompt"), run.promptTokens);
            q.bindValue(QStringLiteral(":completion"), run.completionTokens);
            q.bindValue(QStringLiteral(":at"), now());
            q.bindValue(QStringLiteral(":status"), status);
            q.bindValue(QStringLiteral(":id"), str(run.id));
            q.bindValue(QStringLiteral(":owner"), str(lease->owner));
            q.bindValue(QStringLiteral(":fence"), lease->fence);
            if (auto ok = Database::exec(q); !ok)
                return ok;
            if (q.numRowsAffected() == 1)
                return {};
        }
        return Error{
            QStringLiteral("%1: another orchestratord took run %2 over").arg(kLeaseLost, run.id)};
    }
    QSqlQuery& q = m_db->prepared(
        QStringLiteral("INSERT INTO runs (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET status = excluded.status, "
                       "reason = excluded.reason, current_agent = excluded.current_agent, "
                       "steps = excluded.steps, prompt_tokens = excluded.prompt_tokens, "
                       "completion_tokens = excluded.completion_tokens, "
                       "updated_at = excluded.updated_at")
            .arg(kRunColumns));
    const qint64 stamp = now();
    for (const QVariant& v :
         {str(run.id), str(run.projectId), QVariant(run.graphId), str(RunStatus::name(run.status)),
          str(run.reason), str(run.currentAgent), QVariant(run.steps), QVariant(run.promptTokens),
          QVariant(run.completionTokens), QVariant(run.createdAt ? run.createdAt : stamp),
          QVariant(stamp)})
        q.addBindValue(v);
    return Database::exec(q);
}

Result<void> RunStore::writeEvents(const std::vector<RunEvent>& events)
{
    // A step's events (five or six) in one statement; texts as UTF-8 (castText).
    static const RowsInsert insert(
        QStringLiteral("events (run_id, step_no, agent, kind, payload, created_at)"),
        {{"run", "CAST(%1 AS TEXT)"},
         {"step"},
         {"agent", "CAST(%1 AS TEXT)"},
         {"kind", "CAST(%1 AS TEXT)"},
         {"payload", "CAST(%1 AS TEXT)"},
         {"at"}},
        8);
    const Database::Dialect dialect = m_db->dialect();
    for (size_t first = 0; first < events.size(); first += insert.maxRows()) {
        const size_t rows = std::min(events.size() - first, insert.maxRows());
        QSqlQuery& q = m_db->prepared(insert.sql(rows));
        for (size_t row = 0; row < rows; ++row) {
            const RunEvent& e = events[first + row];
            q.bindValue(insert.name(row, 0), castStr(e.runId, dialect));
            q.bindValue(insert.name(row, 1), e.stepNo);
            q.bindValue(insert.name(row, 2), castStr(e.agent, dialect));
            q.bindValue(insert.name(row, 3), castStr(EventKind::name(e.kind), dialect));
            q.bindValue(insert.name(row, 4), castText(e.payload, dialect));
            q.bindValue(insert.name(row, 5), e.at);
        }
        if (auto ok = Database::exec(q); !ok)
            return ok;
    }
    return {};
}

Result<void> RunStore::createRun(const RunRecord& run, const Checkpoint& start,
                                 const std::vector<RunEvent>& events)
{
    auto done = m_db->transaction([&]() -> Result<void> {
        if (auto ok = writeRun(run); !ok)
            return ok;
        if (auto ok = m_checkpoints->write(start); !ok)
            return ok;
        return writeEvents(events);
    });
    m_checkpoints->settle(done.ok(), &start);
    return done;
}

Result<void> RunStore::writeStep(const StepCommit& c)
{
    const StepRecord& s = c.step;
    std::optional<profile::Scope> timed(std::in_place, "store: step row");
    QSqlQuery& step = m_db->prepared(
        QStringLiteral("INSERT INTO steps VALUES (CAST(:run_id AS TEXT), :step_no, CAST(:agent AS "
                       "TEXT), CAST(:kind AS TEXT), CAST(:outcome AS TEXT), CAST(:detail AS TEXT), "
                       ":prompt, :completion, :ms, CAST(:diff AS TEXT), :at)"));
    step.bindValue(QStringLiteral(":run_id"), castStr(s.runId, m_db->dialect()));
    step.bindValue(QStringLiteral(":step_no"), s.stepNo);
    step.bindValue(QStringLiteral(":agent"), castStr(s.agent, m_db->dialect()));
    step.bindValue(QStringLiteral(":kind"), castStr(s.kind, m_db->dialect()));
    step.bindValue(QStringLiteral(":outcome"), castStr(s.outcome, m_db->dialect()));
    step.bindValue(QStringLiteral(":detail"), castText(s.detail, m_db->dialect()));
    step.bindValue(QStringLiteral(":prompt"), s.usage.prompt);
    step.bindValue(QStringLiteral(":completion"), s.usage.completion);
    step.bindValue(QStringLiteral(":ms"), s.durationMs);
    step.bindValue(QStringLiteral(":diff"), castText(s.diff, m_db->dialect()));
    step.bindValue(QStringLiteral(":at"), now());
    if (auto ok = Database::exec(step); !ok)
        return ok;
    timed.emplace("store: checkpoint diffed and written");
    if (auto ok = m_checkpoints->write(c.checkpoint); !ok)
        return ok;
    timed.emplace("store: run row, journal cleared");
    for (const LedgerEntry& e : c.ledger)
        if (auto ok = insertLedger(e); !ok)
            return ok;
    if (auto ok = writeRun(c.run, c.lease); !ok)
        return ok;
    if (c.journaled)
        if (auto ok = m_journal->clearThrough(c.run.id, s.stepNo); !ok)
            return ok;
    timed.emplace("store: events written");
    return writeEvents(c.events);
}

Result<void> RunStore::commitStep(const StepCommit& c)
{
    return commit(c, nullptr);
}

Result<void> RunStore::commitStepTakingState(StepCommit& c)
{
    return commit(c, &c.checkpoint);
}

Result<void> RunStore::commit(const StepCommit& c, Checkpoint* spendable)
{
    auto done = m_db->transaction([&]() -> Result<void> {
        if (auto ok = insertHeld(); !ok)
            return ok;
        auto written = writeStep(c);
        if (written && c.readWithin)
            c.readWithin();
        return written;
    });
    m_checkpoints->settle(done.ok(), &c.checkpoint, done ? spendable : nullptr);
    if (done)
        m_heldLedger.clear();
    if (done && c.run.status != RunStatus::Running)
        m_checkpoints->forget(c.run.id);
    if (!done && done.code() == ErrorCode::Unavailable)
        spoolStep(c);
    return done;
}

Result<void> RunStore::updateRun(const RunRecord& run, const std::vector<RunEvent>& events,
                                 const std::optional<RunLease>& lease)
{
    return m_db->transaction([&]() -> Result<void> {
        if (auto ok = writeRun(run, lease); !ok)
            return ok;
        // A run that stops (cancelled, failed, finished) drops its half-done step: a later
        // resume starts that step afresh. One waiting for a server keeps it: the resume
        // finishes that step, making only its waiting call again.
        if (run.status != RunStatus::Running && run.status != RunStatus::WaitingResources)
            if (auto ok = m_journal->clearRun(run.id); !ok)
                return ok;
        return writeEvents(events);
    });
}

Result<RunRecord> RunStore::run(const QString& idOrPrefix)
{
    // A whole id (the engine's own lookups) by the primary key; only a prefix a person typed
    // needs the query below, which reads every run (LIKE cannot use the index).
    QSqlQuery& exact =
        m_db->prepared(QStringLiteral("SELECT %1 FROM runs WHERE id = ?").arg(kRunColumns));
    exact.addBindValue(idOrPrefix);
    if (auto ok = Database::exec(exact); !ok)
        return ok.failure();
    if (exact.next()) {
        RunRecord found = readRun(exact);
        exact.finish();
        return found;
    }
    QSqlQuery& q = m_db->prepared(QStringLiteral("SELECT %1 FROM runs WHERE id = ? OR id LIKE ? "
                                                 "ESCAPE '\\' ORDER BY id = ? DESC LIMIT 2")
                                      .arg(kRunColumns));
    // The prefix is matched literally: % and _ from a person's text are not wildcards.
    QString literal = idOrPrefix;
    literal.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    q.addBindValue(idOrPrefix);
    q.addBindValue(literal + QLatin1Char('%'));
    q.addBindValue(idOrPrefix);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    if (!q.next())
        return Error{QStringLiteral("no run %1").arg(idOrPrefix), ErrorCode::NotFound};
    RunRecord first = readRun(q);
    const bool ambiguous = first.id != idOrPrefix && q.next();
    q.finish();
    if (ambiguous)
        return Error{QStringLiteral("run id prefix %1 is ambiguous").arg(idOrPrefix),
                     ErrorCode::Invalid};
    return first;
}

Result<std::vector<RunRecord>> RunStore::runs(const std::vector<RunStatus::Value>& statuses)
{
    QSqlQuery q = m_db->newQuery();
    QString sql = QStringLiteral("SELECT %1 FROM runs").arg(kRunColumns);
    if (!statuses.empty())
        sql += QStringLiteral(" WHERE status IN (%1)")
                   .arg(QStringList(qsizetype(statuses.size()), QStringLiteral("?"))
                            .join(QLatin1Char(',')));
    sql += QStringLiteral(" ORDER BY created_at, id");
    q.prepare(sql);
    for (RunStatus::Value status : statuses)
        q.addBindValue(RunStatus::name(status));
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<RunRecord> result;
    while (q.next())
        result.push_back(readRun(q));
    return result;
}

Result<std::vector<StepRecord>> RunStore::steps(const QString& runId, Diffs diffs)
{
    static const QString select =
        QStringLiteral("SELECT run_id, step_no, agent, kind, outcome, detail, prompt_tokens, "
                       "completion_tokens, duration_ms, %1, created_at FROM steps WHERE run_id = "
                       "? ORDER BY step_no");
    static const QString withDiffs = select.arg(QLatin1String("diff"));
    static const QString withoutDiffs = select.arg(QLatin1String("NULL"));
    QSqlQuery& q = m_db->prepared(diffs == Diffs::Read ? withDiffs : withoutDiffs);
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<StepRecord> result;
    while (q.next()) {
        StepRecord s;
        s.runId = q.value(0).toString();
        s.stepNo = q.value(1).toInt();
        s.agent = q.value(2).toString();
        s.kind = q.value(3).toString();
        s.outcome = q.value(4).toString();
        s.detail = json(q.value(5));
        s.usage.prompt = q.value(6).toLongLong();
        s.usage.completion = q.value(7).toLongLong();
        s.durationMs = q.value(8).toLongLong();
        if (diffs == Diffs::Read)
            s.diff = json(q.value(9));
        s.createdAt = q.value(10).toLongLong();
        result.push_back(std::move(s));
    }
    return result;
}

Result<std::vector<Checkpoint>> RunStore::checkpoints(const QString& runId)
{
    return m_checkpoints->all(runId);
}

Result<Checkpoint> RunStore::lastCheckpoint(const QString& runId)
{
    return m_checkpoints->last(runId);
}

Result<Json> RunStore::lastState(const QString& runId)
{
    return m_checkpoints->lastState(runId);
}

Result<Checkpoint> RunStore::checkpointAt(const QString& runId, int stepNo)
{
    return m_checkpoints->at(runId, stepNo);
}

Result<std::vector<RunEvent>> RunStore::events(const QString& runId, qint64 afterId)
{
    QSqlQuery& q = m_db->prepared(
        QStringLiteral("SELECT run_id, step_no, agent, kind, payload, created_at, id FROM events "
                       "WHERE run_id = ? AND id > ? ORDER BY id"));
    q.addBindValue(runId);
    q.addBindValue(afterId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<RunEvent> result;
    while (q.next())
        result.push_back(eventFrom(q));
    return result;
}

} // namespace orch
