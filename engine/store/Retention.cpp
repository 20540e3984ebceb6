#include "store/Retention.h"

#include "store/Database.h"
#include "store/RunStore.h"
#include "store/SqlValues.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <limits>

namespace orch {
namespace {

using namespace sql;

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;
const QString kFinished = QStringLiteral("('completed', 'failed', 'cancelled')");

// [from, to) seq intervals a cursor's conversation_ref names.
void collectRanges(const Json& cursor, std::vector<std::pair<qint64, qint64>>& into)
{
    for (const Json& range : arrayAt(objectAt(cursor, "conversation_ref"), "ranges"))
        if (range.is_array() && range.size() == 2 && range[0].is_number_integer() &&
            range[1].is_number_integer() && range[1].get<qint64>() > 0)
            into.emplace_back(range[0].get<qint64>(),
                              range[0].get<qint64>() + range[1].get<qint64>());
}

} // namespace

Result<PruneReport> Retention::prune(const RetentionPolicy& policy, qint64 nowMs)
{
    Database& db = m_store.database();
    PruneReport report;
    if (policy.checkpointsEvery > 1) {
        QSqlQuery& due = db.prepared(
            QStringLiteral("SELECT id FROM runs WHERE status IN %1 AND pruned_at = 0 AND "
                           "updated_at < ? ORDER BY updated_at")
                .arg(kFinished));
        due.addBindValue(nowMs - qint64(policy.checkpointsAfterDays) * kDayMs);
        if (auto ok = Database::exec(due); !ok)
            return ok.failure();
        QStringList runs;
        while (due.next())
            runs << due.value(0).toString();
        due.finish();
        for (const QString& runId : runs)
            if (auto thinned = thin(runId, policy.checkpointsEvery, report); !thinned)
                return thinned.failure();
    }
    if (policy.eventsDays > 0) {
        QSqlQuery& events =
            db.prepared(QStringLiteral("DELETE FROM events WHERE created_at < ? AND run_id IN "
                                       "(SELECT id FROM runs WHERE status IN %1)")
                            .arg(kFinished));
        events.addBindValue(nowMs - qint64(policy.eventsDays) * kDayMs);
        if (auto ok = Database::exec(events); !ok)
            return ok.failure();
        report.eventsRemoved = events.numRowsAffected();
    }
    return report;
}

Result<void> Retention::thin(const QString& runId, int every, PruneReport& report)
{
    Database& db = m_store.database();
    QSqlQuery& steps = db.prepared(
        QStringLiteral("SELECT step_no FROM checkpoints WHERE run_id = ? ORDER BY step_no"));
    steps.addBindValue(runId);
    if (auto ok = Database::exec(steps); !ok)
        return ok.failure();
    std::vector<int> all;
    while (steps.next())
        all.push_back(steps.value(0).toInt());
    steps.finish();
    std::vector<Checkpoint> kept; // put back together before anything they depend on goes
    for (int step : all)
        if (step % every == 0 || step == all.back()) {
            auto checkpoint = m_store.checkpointAt(runId, step);
            if (!checkpoint)
                return checkpoint.failure();
            kept.push_back(std::move(checkpoint).value());
        }
    PruneReport thinned; // added to the report once the transaction is in
    thinned.runsThinned = 1;
    auto done = db.transaction([&]() -> Result<void> {
        QSqlQuery& drop = db.prepared(QStringLiteral(
            "DELETE FROM checkpoints WHERE run_id = ? AND step_no % ? != 0 AND step_no < ?"));
        drop.addBindValue(runId);
        drop.addBindValue(every);
        drop.addBindValue(all.empty() ? 0 : all.back());
        if (auto ok = Database::exec(drop); !ok)
            return ok;
        thinned.checkpointsRemoved = drop.numRowsAffected();
        // Each kept state is stored whole: the diffs it was built from are gone.
        QSqlQuery& whole =
            db.prepared(QStringLiteral("UPDATE checkpoints SET state = ?, state_kind = 'full' "
                                       "WHERE run_id = ? AND step_no = ?"));
        for (const Checkpoint& checkpoint : kept) {
            whole.addBindValue(text(checkpoint.state));
            whole.addBindValue(runId);
            whole.addBindValue(checkpoint.stepNo);
            if (auto ok = Database::exec(whole); !ok)
                return ok;
        }
        auto messages = dropUnreferencedMessages(runId);
        if (!messages)
            return messages.failure();
        thinned.messagesRemoved = messages.value();
        QSqlQuery& mark = db.prepared(QStringLiteral("UPDATE runs SET pruned_at = ? WHERE id = ?"));
        mark.addBindValue(now());
        mark.addBindValue(runId);
        return Database::exec(mark);
    });
    if (!done)
        return done;
    report.runsThinned += thinned.runsThinned;
    report.checkpointsRemoved += thinned.checkpointsRemoved;
    report.messagesRemoved += thinned.messagesRemoved;
    return {};
}

Result<qint64> Retention::dropUnreferencedMessages(const QString& runId)
{
    Database& db = m_store.database();
    QSqlQuery& cursors =
        db.prepared(QStringLiteral("SELECT cursor FROM checkpoints WHERE run_id = ?"));
    cursors.addBindValue(runId);
    if (auto ok = Database::exec(cursors); !ok)
        return ok.failure();
    std::vector<std::pair<qint64, qint64>> ranges;
    while (cursors.next())
        collectRanges(json(cursors.value(0)), ranges);
    cursors.finish();
    std::sort(ranges.begin(), ranges.end());
    // The gaps between the referenced intervals go, and everything after the last one.
    std::vector<std::pair<qint64, qint64>> gaps;
    qint64 covered = 0;
    for (const auto& [from, to] : ranges) {
        if (from > covered)
            gaps.emplace_back(covered, from);
        covered = std::max(covered, to);
    }
    gaps.emplace_back(covered, std::numeric_limits<qint64>::max());
    QSqlQuery& drop = db.prepared(QStringLiteral(
        "DELETE FROM conversation_messages WHERE run_id = ? AND seq >= ? AND seq < ?"));
    qint64 removed = 0;
    for (const auto& [from, to] : gaps) {
        drop.addBindValue(runId);
        drop.addBindValue(from);
        drop.addBindValue(to);
        if (auto ok = Database::exec(drop); !ok)
            return ok.failure();
        removed += drop.numRowsAffected();
    }
    return removed;
}

Result<StorageUse> Retention::storageUse()
{
    Database& db = m_store.database();
    QSqlQuery pages = db.newQuery();
    StorageUse use;
    if (db.dialect() == Database::Dialect::PostgreSQL) {
        if (!pages.exec(QStringLiteral("SELECT pg_database_size(current_database())")) ||
            !pages.next())
            return Error{QStringLiteral("cannot read the database's size: %1")
                             .arg(pages.lastError().text())};
        use.databaseBytes = pages.value(0).toLongLong();
        return use;
    }
    if (pages.exec(QStringLiteral("PRAGMA freelist_count")) && pages.next()) {
        const qint64 free = pages.value(0).toLongLong();
        if (pages.exec(QStringLiteral("PRAGMA page_size")) && pages.next())
            use.freeBytes = free * pages.value(0).toLongLong();
    }
    use.databaseBytes =
        QFileInfo(db.path()).size() + QFileInfo(db.path() + QStringLiteral("-wal")).size();
    return use;
}

Result<void> Retention::vacuum()
{
    QSqlQuery q = m_store.database().newQuery();
    // PostgreSQL's plain VACUUM keeps the space for its own reuse; FULL gives it back.
    const bool postgres = m_store.database().dialect() == Database::Dialect::PostgreSQL;
    if (!q.exec(postgres ? QStringLiteral("VACUUM FULL") : QStringLiteral("VACUUM")))
        return Error{QStringLiteral("VACUUM failed: %1").arg(q.lastError().text())};
    // In WAL mode the rewritten file is in the log until a checkpoint copies it back.
    if (m_store.database().dialect() == Database::Dialect::SQLite &&
        !q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
        return Error{QStringLiteral("checkpointing the log failed: %1").arg(q.lastError().text())};
    return {};
}

} // namespace orch
