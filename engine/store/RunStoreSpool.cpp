// What the store does with its database's spool (WriteSpool): a write it could not make is
// kept there, and applied, each once, when the database is back.
#include "api/WireFormat.h"
#include "core/Log.h"
#include "store/CheckpointStore.h"
#include "store/Database.h"
#include "store/RunStore.h"
#include "store/SqlValues.h"
#include "store/WriteSpool.h"

#include <QSqlQuery>
#include <QVariant>

namespace orch {
namespace {

using namespace sql;
using namespace wire;

// A step's commit as the spool keeps it, and back.
Json spooledCommit(const StepCommit& c)
{
    Json ledger = Json::array();
    for (const LedgerEntry& entry : c.ledger)
        ledger.push_back(toJson(entry));
    Json events = Json::array();
    for (const RunEvent& event : c.events)
        events.push_back(toJson(event));
    Json json = {{"step", toJson(c.step)},      {"checkpoint", toJson(c.checkpoint)},
                 {"run", toJson(c.run)},        {"ledger", std::move(ledger)},
                 {"events", std::move(events)}, {"journaled", c.journaled}};
    if (c.lease)
        json["lease"] = {{"owner", toStd(c.lease->owner)}, {"fence", c.lease->fence}};
    return json;
}

Result<StepCommit> spooledCommitFrom(const Json& json)
{
    if (!json.is_object())
        return Error{QStringLiteral("a spooled step is not an object")};
    auto step = stepFrom(json.value("step", Json()));
    auto checkpoint = checkpointFrom(json.value("checkpoint", Json()));
    auto run = runFrom(json.value("run", Json()));
    if (!step || !checkpoint || !run)
        return Error{QStringLiteral("a spooled step cannot be read: %1")
                         .arg(!step         ? step.error()
                              : !checkpoint ? checkpoint.error()
                                            : run.error())};
    StepCommit c{step.value(),
                 checkpoint.value(),
                 run.value(),
                 {},
                 {},
                 std::nullopt,
                 json.value("journaled", false)};
    for (const Json& entry : json.value("ledger", Json::array()))
        if (auto ledger = ledgerFrom(entry); ledger)
            c.ledger.push_back(ledger.value());
    for (const Json& entry : json.value("events", Json::array()))
        if (auto event = eventFrom(entry); event)
            c.events.push_back(event.value());
    if (const Json lease = json.value("lease", Json()); lease.is_object())
        c.lease = RunLease{toQ(stringOr(lease, "owner")), lease.value("fence", qint64(0))};
    return c;
}

} // namespace

void RunStore::spoolWrite(const QString& kind, const Json& body)
{
    if (WriteSpool* spool = m_db->spool())
        if (auto spooled = spool->append(kind, body); !spooled)
            log::get("store")->error("{}", spooled.error());
}

void RunStore::spoolStep(const StepCommit& commit)
{
    spoolWrite(QStringLiteral("step"), spooledCommit(commit));
}

Result<int> RunStore::replaySpool()
{
    WriteSpool* spool = m_db->spool();
    if (!spool)
        return 0;
    return spool->replay([this](const WriteSpool::Entry& entry) -> Result<void> {
        std::optional<StepCommit> step; // a spooled step, kept until its checkpoint settles
        auto done = m_db->transaction([&]() -> Result<void> {
            QSqlQuery& seen =
                m_db->prepared(QStringLiteral("SELECT 1 FROM spool_applied WHERE entry = ?"));
            seen.addBindValue(entry.id);
            if (auto ok = Database::exec(seen); !ok)
                return ok;
            const bool applied = seen.next();
            seen.finish();
            if (applied)
                return {};
            if (auto ok = applySpooled(entry.kind, entry.body, step); !ok)
                return ok;
            QSqlQuery& mark = m_db->prepared(
                QStringLiteral("INSERT INTO spool_applied (entry, applied_at) VALUES (?, ?)"));
            mark.addBindValue(entry.id);
            mark.addBindValue(now());
            return Database::exec(mark);
        });
        m_checkpoints->settle(done.ok(), step ? &step->checkpoint : nullptr);
        return done;
    });
}

Result<void> RunStore::applySpooled(const QString& kind, const Json& body,
                                    std::optional<StepCommit>& step)
{
    if (kind == QLatin1String("ledger")) {
        auto entry = ledgerFrom(body);
        return entry ? insertLedger(entry.value()) : entry.failure();
    }
    if (kind == QLatin1String("value")) {
        QSqlQuery& q = m_db->prepared(
            QStringLiteral("INSERT INTO server_values VALUES (?, ?) ON CONFLICT(key) DO "
                           "UPDATE SET value = excluded.value"));
        q.addBindValue(toQ(stringOr(body, "key")));
        q.addBindValue(toQ(stringOr(body, "value")));
        return Database::exec(q);
    }
    if (kind != QLatin1String("step"))
        return Error{QStringLiteral("a spooled write of unknown kind %1").arg(kind)};
    auto read = spooledCommitFrom(body);
    if (!read)
        return read.failure();
    const StepCommit* commit = &step.emplace(std::move(read).value());
    // Made already (the run's own retry, or a replay before a kill), or the run moved on
    // under another lease (it made the step again): nothing to write.
    QSqlQuery& have =
        m_db->prepared(QStringLiteral("SELECT 1 FROM steps WHERE run_id = ? AND step_no = ?"));
    have.addBindValue(commit->step.runId);
    have.addBindValue(commit->step.stepNo);
    if (auto ok = Database::exec(have); !ok)
        return ok;
    const bool exists = have.next();
    have.finish();
    if (exists)
        return {};
    auto written = writeStep(*commit);
    if (!written && written.error().startsWith(kLeaseLost)) {
        log::get("store")->info("a spooled step {} of run {} is left: {}", commit->step.stepNo,
                                commit->step.runId, written.error());
        return Error{written.error(), ErrorCode::Conflict};
    }
    return written;
}

} // namespace orch
