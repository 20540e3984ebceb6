#include "store/StepJournalStore.h"

#include "store/Database.h"
#include "store/SqlValues.h"

#include <QSqlQuery>

namespace orch {

using namespace sql;

Result<std::vector<JournalEntry>> StepJournalStore::entries(const QString& runId, int step)
{
    QSqlQuery& q =
        m_db.prepared(QStringLiteral("SELECT entry, call_id, tool, body, result FROM step_journal "
                                     "WHERE run_id = ? AND step_no = ? ORDER BY entry"));
    q.addBindValue(runId);
    q.addBindValue(step);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<JournalEntry> rows;
    while (q.next()) {
        JournalEntry row{q.value(0).toInt(), q.value(1).toString(), q.value(2).toString(),
                         json(q.value(3)), std::nullopt};
        if (!q.value(4).isNull())
            row.result = json(q.value(4));
        rows.push_back(std::move(row));
    }
    q.finish();
    return rows;
}

Result<void> StepJournalStore::write(const QString& runId, int step, const JournalEntry& e,
                                     const std::optional<RunLease>& lease)
{
    // The lease check and the write are one statement: a process that lost the run between
    // them cannot slip an entry in.
    const QString insert = QStringLiteral(
        "INSERT INTO step_journal (run_id, step_no, entry, call_id, tool, body, result, "
        "created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ? %1 "
        "ON CONFLICT (run_id, step_no, entry) DO UPDATE SET call_id = excluded.call_id, "
        "tool = excluded.tool, body = excluded.body, result = excluded.result");
    QSqlQuery& q = m_db.prepared(insert.arg(
        lease ? QStringLiteral("WHERE EXISTS (SELECT 1 FROM runs WHERE id = ? AND owner = ? "
                               "AND fence = ?)")
              : QStringLiteral("WHERE true")));
    for (const QVariant& v :
         {str(runId), QVariant(step), QVariant(e.entry), str(e.callId), str(e.tool),
          QVariant(text(e.body)),
          e.result ? QVariant(text(*e.result)) : QVariant(QMetaType(QMetaType::QString)),
          QVariant(now())})
        q.addBindValue(v);
    if (lease)
        for (const QVariant& v : {str(runId), str(lease->owner), QVariant(lease->fence)})
            q.addBindValue(v);
    if (auto ok = m_db.execute(q); !ok)
        return ok;
    if (q.numRowsAffected() != 1)
        return Error{
            QStringLiteral("%1: another orchestratord took run %2 over").arg(kLeaseLost, runId)};
    return {};
}

Result<void> StepJournalStore::clearThrough(const QString& runId, int step)
{
    QSqlQuery& q =
        m_db.prepared(QStringLiteral("DELETE FROM step_journal WHERE run_id = ? AND step_no <= ?"));
    q.addBindValue(runId);
    q.addBindValue(step);
    return Database::exec(q);
}

Result<void> StepJournalStore::clearRun(const QString& runId)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral("DELETE FROM step_journal WHERE run_id = ?"));
    q.addBindValue(runId);
    return Database::exec(q);
}

} // namespace orch
