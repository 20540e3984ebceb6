// The ledger: every model call with its tokens and cost, written with the step that made it
// (or held until then), spooled while the database is away, and summed per scope as it goes.
#include "api/MoneyTypes.h"
#include "api/WireFormat.h"
#include "core/Log.h"
#include "store/Database.h"
#include "store/RunStore.h"
#include "store/SqlValues.h"
#include "store/WriteSpool.h"

#include <QSqlQuery>
#include <QVariant>

namespace orch {

using namespace sql;
using namespace wire;

Result<void> RunStore::recordLedger(const LedgerEntry& entry)
{
    m_heldLedger.push_back(entry);
    return flushLedger();
}

Result<void> RunStore::flushLedger()
{
    auto done = writeHeld();
    if (done || done.code() != ErrorCode::Unavailable) {
        if (!done) // the rows' own failure
            m_heldLedger.clear();
        return done;
    }
    // Away: kept, in order, for when the database is back: on disk where there is a spool
    // (a kill during the outage loses nothing), else in memory.
    if (WriteSpool* spool = m_db->spool()) {
        while (!m_heldLedger.empty()) {
            auto spooled = spool->append(QStringLiteral("ledger"), toJson(m_heldLedger.front()));
            if (!spooled) {
                log::get("store")->error("{}", spooled.error());
                break;
            }
            m_heldLedger.erase(m_heldLedger.begin());
        }
    }
    return {};
}

Result<void> RunStore::writeHeld()
{
    if (m_heldLedger.empty())
        return {};
    auto done = m_db->transaction([&] { return insertHeld(); });
    if (done)
        m_heldLedger.clear();
    return done;
}

Result<void> RunStore::insertHeld()
{
    for (const LedgerEntry& e : m_heldLedger)
        if (auto ok = insertLedger(e); !ok)
            return ok;
    return {};
}

Result<void> RunStore::insertLedger(const LedgerEntry& e)
{
    // Named placeholders, as on every statement of a step (RunStore::writeEvents).
    QSqlQuery& ledger = m_db->prepared(QStringLiteral(
        "INSERT INTO ledger (run_id, project_id, step_no, agent, provider, model, prompt_tokens, "
        "completion_tokens, cached_tokens, cost, created_at) VALUES (:run_id, :project_id, "
        ":step_no, :agent, :provider, :model, :prompt, :completion, :cached, :cost, :at)"));
    ledger.bindValue(QStringLiteral(":run_id"), str(e.runId));
    ledger.bindValue(QStringLiteral(":project_id"), str(e.projectId));
    ledger.bindValue(QStringLiteral(":step_no"), e.stepNo);
    ledger.bindValue(QStringLiteral(":agent"), str(e.agent));
    ledger.bindValue(QStringLiteral(":provider"), str(e.provider));
    ledger.bindValue(QStringLiteral(":model"), str(e.model));
    ledger.bindValue(QStringLiteral(":prompt"), e.usage.prompt);
    ledger.bindValue(QStringLiteral(":completion"), e.usage.completion);
    ledger.bindValue(QStringLiteral(":cached"), e.usage.cached);
    ledger.bindValue(QStringLiteral(":cost"),
                     e.cost ? QVariant(*e.cost) : QVariant(QMetaType(QMetaType::Double)));
    ledger.bindValue(QStringLiteral(":at"), now());
    if (auto ok = Database::exec(ledger); !ok)
        return ok;
    return addToSpendTotals(e);
}

// What the ledger adds up to, per project and for all of them (kGlobalScope), kept with each
// entry: a budget check before every model call reads a row instead of summing the ledger.
// The offline demo's calls (provider replay…) cost simulated money, kept apart.
Result<void> RunStore::addToSpendTotals(const LedgerEntry& e)
{
    // Both scopes in one statement (one run of it a model call, not two). PostgreSQL refuses
    // an upsert that names one key twice, so a project named like the global scope gets one.
    const bool both = !e.projectId.isEmpty() && e.projectId != kGlobalScope;
    static const QString kUpsert = QStringLiteral(
        " ON CONFLICT (scope) DO UPDATE SET spent = spend_totals.spent + excluded.spent, "
        "unknown_calls = spend_totals.unknown_calls + excluded.unknown_calls, "
        "simulated = spend_totals.simulated + excluded.simulated");
    static const QString kOne = QStringLiteral("INSERT INTO spend_totals (scope, spent, "
                                               "unknown_calls, simulated) VALUES (:scope0, "
                                               ":spent, :unknown, :simulated)") +
                                kUpsert;
    static const QString kTwo = QStringLiteral("INSERT INTO spend_totals (scope, spent, "
                                               "unknown_calls, simulated) VALUES (:scope0, "
                                               ":spent, :unknown, :simulated), (:scope1, "
                                               ":spent1, :unknown1, :simulated1)") +
                                kUpsert;
    QSqlQuery& totals = m_db->prepared(both ? kTwo : kOne);
    const bool simulated = e.provider.startsWith(QLatin1String("replay"), Qt::CaseInsensitive);
    const double cost = e.cost.value_or(0.0);
    totals.bindValue(QStringLiteral(":scope0"), kGlobalScope);
    totals.bindValue(QStringLiteral(":spent"), simulated ? 0.0 : cost);
    totals.bindValue(QStringLiteral(":unknown"), e.cost ? 0 : 1);
    totals.bindValue(QStringLiteral(":simulated"), simulated ? cost : 0.0);
    if (both) {
        totals.bindValue(QStringLiteral(":scope1"), e.projectId);
        totals.bindValue(QStringLiteral(":spent1"), simulated ? 0.0 : cost);
        totals.bindValue(QStringLiteral(":unknown1"), e.cost ? 0 : 1);
        totals.bindValue(QStringLiteral(":simulated1"), simulated ? cost : 0.0);
    }
    return Database::exec(totals);
}

Result<long long> RunStore::unpricedTokens(const QString& runId)
{
    QSqlQuery& q =
        m_db->prepared(QStringLiteral("SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) "
                                      "FROM ledger WHERE run_id = ? AND cost IS NULL"));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    const long long tokens = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return tokens;
}

Result<std::vector<LedgerEntry>> RunStore::ledger(const QString& runId)
{
    QSqlQuery& q = m_db->prepared(QStringLiteral(
        "SELECT run_id, project_id, step_no, agent, provider, model, prompt_tokens, "
        "completion_tokens, cached_tokens, cost FROM ledger WHERE run_id = ? ORDER BY id"));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<LedgerEntry> result;
    while (q.next()) {
        LedgerEntry e{q.value(0).toString(),
                      q.value(1).toString(),
                      q.value(2).toInt(),
                      q.value(3).toString(),
                      q.value(4).toString(),
                      q.value(5).toString(),
                      {q.value(6).toLongLong(), q.value(7).toLongLong(), q.value(8).toLongLong()},
                      std::nullopt};
        if (!q.value(9).isNull())
            e.cost = q.value(9).toDouble();
        result.push_back(std::move(e));
    }
    return result;
}

} // namespace orch
