// A run's money: every paid model call goes into the ledger as its reply arrives, and a call
// waits (waiting_budget) when a budget or the run's limit on unpriced tokens says so.
#include "api/RunEvents.h"
#include "core/Log.h"
#include "core/StepProfile.h"
#include "runtime/Run.h"
#include "store/RunStore.h"

#include <QTimer>

namespace orch {

void Run::recordModelCall(const QString& provider, const std::string& model,
                          const TokenUsage& usage, std::optional<double> reported)
{
    const profile::Scope timed("run: model call in the ledger");
    const auto cost = reported ? reported : m_pricing.cost(provider, toQ(model), usage);
    const LedgerEntry entry{m_record.id,
                            m_record.projectId,
                            m_record.steps + 1,
                            m_cursor.agent,
                            provider,
                            toQ(model),
                            usage,
                            cost};
    // Paid for whatever happens next: written with this step's commit when that follows in
    // the same turn (a reply without tool calls: one transaction a step), else on the next
    // turn in a transaction of its own, before any tool's work is awaited.
    m_setup.store->holdLedger(entry);
    if (m_historyKept)
        m_history.ledger.push_back(entry);
    QTimer::singleShot(0, this, [this] {
        if (auto saved = m_setup.store->flushLedger(); !saved) {
            log::get("store")->error("run {}: model call not recorded in the ledger: {}",
                                     m_record.id, saved.error());
            forgetHistory(); // its report reads the store's
        }
    });
    const bool simulated = Pricing::simulated(provider);
    if (!simulated) // the demo's simulated money is not spent from any budget
        m_largestCallCost = std::max(m_largestCallCost, cost.value_or(0.0));
    if (!cost)
        m_unpricedTokens += usage.total();
    Json payload = jsonObject("provider", toStd(provider), "model", model, "prompt_tokens",
                              usage.prompt, "completion_tokens", usage.completion, "cached_tokens",
                              usage.cached, "cost", cost ? Json(*cost) : Json(nullptr));
    if (simulated)
        payload["simulated"] = true;
    if (!usage.reported) {
        payload["tokens_estimated"] = true;
        emitEvent(EventKind::Warning,
                  {{"reason", "the model server sent token counts that cannot be true; the "
                              "call is recorded with estimated tokens and an unknown cost"}});
    }
    emitEvent(EventKind::LedgerEntry, std::move(payload));
}

bool Run::waitsForBudget()
{
    QString reason;
    if (m_setup.unpricedTokenLimit > 0 && m_unpricedTokens >= m_setup.unpricedTokenLimit)
        reason = QStringLiteral("this run used %1 tokens of calls whose cost is unknown (a model "
                                "missing from the pricing table, or token counts that could "
                                "not be trusted); the limit is %2 "
                                "(budgets.unpriced_tokens_per_run). Add the model to the pricing "
                                "table or raise the limit, then resume the run")
                     .arg(m_unpricedTokens)
                     .arg(m_setup.unpricedTokenLimit);
    if (reason.isEmpty() && m_setup.budgetCheck) {
        auto refusal = m_setup.budgetCheck(m_record.projectId, m_largestCallCost);
        if (!refusal)
            reason = QStringLiteral("cannot check the budget: %1").arg(refusal.error());
        else if (refusal->has_value())
            reason = **refusal;
    }
    if (reason.isEmpty())
        return false;
    moveTo(RunStatus::WaitingBudget, reason);
    emitEvent(EventKind::BudgetWaiting, BudgetWaiting{reason}.toJson());
    saveStoppedStatus();
    return true;
}

} // namespace orch
