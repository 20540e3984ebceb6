#include "store/CheckpointStore.h"

#include "store/Database.h"
#include "store/RowsInsert.h"
#include "store/SqlValues.h"
#include "store/StateDiff.h"

#include <algorithm>

namespace orch {

using namespace sql;

namespace {

constexpr size_t kRowsPerInsert = 16; // distinct statements stay few: 16 at most, cached

// [[from, count], …]: consecutive sequence numbers as ranges, in conversation order.
Json rangesOf(const std::vector<qint64>& seqs)
{
    Json ranges = Json::array();
    for (size_t i = 0; i < seqs.size();) {
        size_t j = i + 1;
        while (j < seqs.size() && seqs[j] == seqs[j - 1] + 1)
            ++j;
        ranges.push_back({seqs[i], qint64(j - i)});
        i = j;
    }
    return ranges;
}

} // namespace

Result<qint64> CheckpointStore::nextSeqOf(const QString& runId)
{
    QSqlQuery& q =
        m_db.prepared(QStringLiteral("SELECT COALESCE(MAX(seq), -1) + 1 FROM conversation_messages "
                                     "WHERE run_id = ?"));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    const qint64 next = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return next;
}

Result<Json> CheckpointStore::storeConversation(const QString& runId, const Json& conversation,
                                                const Written* before, Written& now)
{
    if (before) {
        now.nextSeq = before->nextSeq;
    } else { // a writer that did not write the step before starts after what is stored
        auto next = nextSeqOf(runId);
        if (!next)
            return next.failure();
        now.nextSeq = next.value();
    }
    now.seqs.reserve(conversation.size());
    std::vector<std::pair<qint64, QVariant>> fresh;
    for (size_t i = 0; i < conversation.size(); ++i) {
        // The same message at the same place is stored already; a new, shortened or
        // condensed one is stored once, now.
        if (before && i < before->seqs.size() && before->conversation[i] == conversation[i]) {
            now.seqs.push_back(before->seqs[i]);
            continue;
        }
        fresh.emplace_back(now.nextSeq, castText(conversation[i], m_db.dialect()));
        now.seqs.push_back(now.nextSeq++);
    }
    // A step adds a few messages: one statement for up to kRowsPerInsert of them.
    static const RowsInsert messages(
        QStringLiteral("conversation_messages"),
        {{"run", "CAST(%1 AS TEXT)"}, {"seq"}, {"body", "CAST(%1 AS TEXT)"}}, kRowsPerInsert);
    for (size_t from = 0; from < fresh.size(); from += kRowsPerInsert) {
        const size_t rows = std::min(fresh.size() - from, kRowsPerInsert);
        QSqlQuery& insert = m_db.prepared(messages.sql(rows));
        for (size_t i = 0; i < rows; ++i) {
            insert.bindValue(messages.name(i, 0), castStr(runId, m_db.dialect()));
            insert.bindValue(messages.name(i, 1), fresh[from + i].first);
            insert.bindValue(messages.name(i, 2), fresh[from + i].second);
        }
        if (auto ok = Database::exec(insert); !ok)
            return ok.failure();
    }
    return Json{{"ranges", rangesOf(now.seqs)}};
}

Result<void> CheckpointStore::write(const Checkpoint& checkpoint)
{
    const auto remembered = m_written.constFind(checkpoint.runId);
    const Written* before =
        remembered != m_written.constEnd() && remembered->stepNo == checkpoint.stepNo - 1
            ? &remembered.value()
            : nullptr;
    // The state and the conversation are kept at settle(), not copied here: a commit that is
    // spent gives them up then.
    Written now;
    now.stepNo = checkpoint.stepNo;
    Json cursor = Json::object();
    const Json* conversation = nullptr;
    if (checkpoint.cursor.is_object()) {
        for (auto it = checkpoint.cursor.begin(); it != checkpoint.cursor.end(); ++it)
            if (it.key() == "conversation")
                conversation = &it.value();
            else
                cursor[it.key()] = it.value();
    } else {
        cursor = checkpoint.cursor;
    }
    if (conversation) {
        static const Json none = Json::array();
        auto reference = storeConversation(
            checkpoint.runId, conversation->is_array() ? *conversation : none, before, now);
        if (!reference)
            return reference.failure();
        cursor["conversation_ref"] = std::move(reference).value();
    }
    const bool whole = !before || checkpoint.stepNo % kSnapshotEvery == 0;
    const Json& state = checkpoint.stateToWrite();
    Json diff = whole ? Json() : stateDiff(before->state, state);
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("INSERT INTO checkpoints (run_id, step_no, state, cursor, created_at, "
                       "state_kind) VALUES (CAST(:run_id AS TEXT), :step_no, CAST(:state AS "
                       "TEXT), CAST(:cursor AS TEXT), :at, CAST(:kind AS TEXT))"));
    q.bindValue(QStringLiteral(":run_id"), castStr(checkpoint.runId, m_db.dialect()));
    q.bindValue(QStringLiteral(":step_no"), checkpoint.stepNo);
    q.bindValue(QStringLiteral(":state"), castText(whole ? state : diff, m_db.dialect()));
    q.bindValue(QStringLiteral(":cursor"), castText(cursor, m_db.dialect()));
    q.bindValue(QStringLiteral(":at"), sql::now());
    q.bindValue(QStringLiteral(":kind"),
                castStr(whole ? QStringLiteral("full") : QStringLiteral("diff"), m_db.dialect()));
    if (auto ok = Database::exec(q); !ok)
        return ok;
    m_pending = Pending{checkpoint.runId, std::move(now), std::move(diff)};
    return {};
}

void CheckpointStore::settle(bool committed, const Checkpoint* written, Checkpoint* spent)
{
    const Checkpoint* source = spent ? spent : written;
    if (committed && m_pending && source && source->runId == m_pending->runId &&
        source->stepNo == m_pending->written.stepNo) {
        Checkpoint copied; // what is kept is moved out of a spent checkpoint, else out of a copy
        Checkpoint& from = spent ? *spent : (copied = *written);
        Written& now = m_pending->written;
        if (!source->liveState)
            now.state = std::move(from.state);
        else if (auto base = m_written.find(m_pending->runId);
                 !m_pending->diff.is_null() && base != m_written.end())
            // The run's own state was written: the base moves on by the change alone.
            now.state = applyStateDiff(std::move(base->state), m_pending->diff);
        else // written whole: the one copy, every kSnapshotEvery steps
            now.state = *source->liveState;
        if (auto conversation = from.cursor.find("conversation");
            conversation != from.cursor.end() && conversation->is_array())
            now.conversation = std::move(*conversation);
        if (m_written.size() >= kRemembered && !m_written.contains(m_pending->runId))
            m_written.erase(m_written.begin());
        m_written.emplace(m_pending->runId, std::move(now)); // moved, not copied
    } else if (m_pending) // rolled back, or not known: the next write starts from what is stored
        m_written.remove(m_pending->runId);
    m_pending.reset();
}

Result<Json> CheckpointStore::stateAt(const QString& runId, int stepNo)
{
    QSqlQuery& base = m_db.prepared(
        QStringLiteral("SELECT MAX(step_no) FROM checkpoints WHERE run_id = ? AND step_no <= ? "
                       "AND state_kind = 'full'"));
    base.addBindValue(runId);
    base.addBindValue(stepNo);
    if (auto ok = Database::exec(base); !ok)
        return ok.failure();
    const int from = base.next() ? base.value(0).toInt() : 0;
    base.finish();
    QSqlQuery& rows = m_db.prepared(
        QStringLiteral("SELECT state, state_kind FROM checkpoints WHERE run_id = ? AND "
                       "step_no >= ? AND step_no <= ? ORDER BY step_no"));
    rows.addBindValue(runId);
    rows.addBindValue(from);
    rows.addBindValue(stepNo);
    if (auto ok = Database::exec(rows); !ok)
        return ok.failure();
    Json state = Json::object();
    while (rows.next())
        state = rows.value(1).toString() == QLatin1String("diff")
                    ? applyStateDiff(std::move(state), json(rows.value(0)))
                    : json(rows.value(0));
    return state;
}

Result<Json> CheckpointStore::messages(const QString& runId, const Json& ranges)
{
    // The messages wanted, by sequence number, with their place in the conversation; read in
    // one pass over the span they cover, parsing only those.
    std::vector<std::pair<qint64, size_t>> wanted;
    for (const Json& range : ranges) {
        if (!range.is_array() || range.size() != 2 || !range[0].is_number_integer() ||
            !range[1].is_number_integer() || range[1].get<qint64>() < 0 ||
            range[1].get<qint64>() > 1'000'000)
            return Error{QStringLiteral("run %1: a checkpoint's conversation reference is "
                                        "malformed")
                             .arg(runId)};
        for (qint64 i = 0; i < range[1].get<qint64>(); ++i)
            wanted.emplace_back(range[0].get<qint64>() + i, wanted.size());
    }
    Json conversation(wanted.size(), Json());
    if (wanted.empty())
        return Json::array();
    std::sort(wanted.begin(), wanted.end());
    // Only the rows wanted, each found by its key (the span they cover may hold many more,
    // such as the long forms of messages since shortened).
    Json seqs = Json::array();
    for (const auto& [seq, place] : wanted)
        seqs.push_back(seq);
    QSqlQuery& q = m_db.prepared(
        m_db.dialect() == Database::Dialect::SQLite
            ? QStringLiteral("SELECT m.seq, m.body FROM json_each(?) AS w CROSS JOIN "
                             "conversation_messages AS m ON m.run_id = ? AND m.seq = w.value")
            : QStringLiteral("SELECT m.seq, m.body FROM jsonb_array_elements_text(CAST(? AS "
                             "jsonb)) AS w(value) JOIN conversation_messages AS m ON m.run_id = "
                             "? AND m.seq = CAST(w.value AS BIGINT) ORDER BY m.seq"));
    // SQLite reads in the order of the (sorted) list; PostgreSQL is told to.
    q.addBindValue(text(seqs));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    size_t next = 0;
    while (q.next() && next < wanted.size()) {
        const qint64 seq = q.value(0).toLongLong();
        while (next < wanted.size() && wanted[next].first < seq)
            ++next; // a message the store no longer has stays null
        for (; next < wanted.size() && wanted[next].first == seq; ++next)
            conversation[wanted[next].second] = json(q.value(1));
    }
    q.finish();
    return conversation;
}

Result<Checkpoint> CheckpointStore::assemble(const QString& runId, int stepNo, Json cursor)
{
    auto state = stateAt(runId, stepNo);
    if (!state)
        return state.failure();
    if (const Json& ref = objectAt(cursor, "conversation_ref"); !ref.empty()) {
        auto conversation = messages(runId, arrayAt(ref, "ranges"));
        if (!conversation)
            return conversation.failure();
        cursor.erase("conversation_ref");
        cursor["conversation"] = std::move(conversation).value();
    }
    return Checkpoint{runId, stepNo, std::move(state).value(), std::move(cursor)};
}

Result<Checkpoint> CheckpointStore::at(const QString& runId, int stepNo)
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("SELECT cursor FROM checkpoints WHERE run_id = ? AND step_no = ?"));
    q.addBindValue(runId);
    q.addBindValue(stepNo);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    if (!q.next())
        return Error{
            QStringLiteral("run %1 has no checkpoint after step %2").arg(runId).arg(stepNo)};
    Json cursor = json(q.value(0));
    q.finish();
    return assemble(runId, stepNo, std::move(cursor));
}

Result<Checkpoint> CheckpointStore::last(const QString& runId)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "SELECT step_no, cursor FROM checkpoints WHERE run_id = ? ORDER BY step_no DESC LIMIT 1"));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    if (!q.next())
        return Error{QStringLiteral("run %1 has no checkpoint").arg(runId)};
    const int stepNo = q.value(0).toInt();
    Json cursor = json(q.value(1));
    q.finish();
    return assemble(runId, stepNo, std::move(cursor));
}

Result<Json> CheckpointStore::lastState(const QString& runId)
{
    QSqlQuery& q =
        m_db.prepared(QStringLiteral("SELECT MAX(step_no) FROM checkpoints WHERE run_id = ?"));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    const bool found = q.next() && !q.value(0).isNull();
    const int stepNo = found ? q.value(0).toInt() : 0;
    q.finish();
    if (!found)
        return Error{QStringLiteral("run %1 has no checkpoint").arg(runId)};
    return stateAt(runId, stepNo);
}

Result<std::vector<Checkpoint>> CheckpointStore::all(const QString& runId)
{
    // The run's messages once, in order; each checkpoint takes its range of them.
    QSqlQuery& m = m_db.prepared(QStringLiteral(
        "SELECT seq, body FROM conversation_messages WHERE run_id = ? ORDER BY seq"));
    m.addBindValue(runId);
    if (auto ok = Database::exec(m); !ok)
        return ok.failure();
    std::vector<qint64> seqs;
    Json conversation = Json::array();
    while (m.next()) {
        seqs.push_back(m.value(0).toLongLong());
        conversation.push_back(json(m.value(1)));
    }
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("SELECT step_no, state, cursor, state_kind FROM checkpoints WHERE "
                       "run_id = ? ORDER BY step_no"));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<Checkpoint> result;
    Json state = Json::object();
    while (q.next()) {
        state = q.value(3).toString() == QLatin1String("diff")
                    ? applyStateDiff(std::move(state), json(q.value(1)))
                    : json(q.value(1));
        Json cursor = json(q.value(2));
        if (const Json ref = objectAt(cursor, "conversation_ref"); !ref.empty()) {
            Json messages = Json::array();
            for (const Json& range : arrayAt(ref, "ranges")) {
                const bool valid = range.is_array() && range.size() == 2 &&
                                   range[0].is_number_integer() && range[1].is_number_integer();
                const qint64 from = valid ? range[0].get<qint64>() : 0;
                const qint64 to = valid ? from + range[1].get<qint64>() : 0;
                for (auto it = std::lower_bound(seqs.begin(), seqs.end(), from);
                     it != seqs.end() && *it < to; ++it)
                    messages.push_back(conversation[size_t(it - seqs.begin())]);
            }
            cursor.erase("conversation_ref");
            cursor["conversation"] = std::move(messages);
        }
        result.push_back({runId, q.value(0).toInt(), state, std::move(cursor)});
    }
    return result;
}

} // namespace orch
