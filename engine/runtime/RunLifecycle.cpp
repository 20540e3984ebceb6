// A run's lifecycle: the transition table its status moves by, stopping (finished, failed,
// cancelled) with the event and the write that go with it, and letting go of a run another
// process took over.
#include "agents/Agent.h"
#include "api/RunEvents.h"
#include "core/Log.h"
#include "runtime/Run.h"
#include "store/RunStore.h"

namespace orch {

void Run::cancel(const QString& reason)
{
    if (RunStatus::isFinished(m_record.status))
        return;
    for (auto& [id, agent] : m_agents)
        if (agent && agent->state() != AgentState::Done && agent->state() != AgentState::Idle)
            agent->cancel();
    m_stepInFlight = false;
    stop(RunStatus::Cancelled, reason);
}

void Run::saveStoppedStatus()
{
    auto saved = m_setup.store->updateRun(m_record, m_pendingEvents, m_lease);
    m_pendingEvents.clear();
    if (lostLease(saved))
        return;
    if (!saved)
        log::get("store")->error("run {}: status {} not saved: {}", m_record.id,
                                 RunStatus::name(m_record.status), saved.error());
    emit stopped(m_record);
}

bool Run::lostLease(const Result<void>& write)
{
    if (write.ok() || !write.error().startsWith(kLeaseLost))
        return false;
    if (m_abandoned)
        return true;
    m_abandoned = true;
    for (auto& [id, agent] : m_agents)
        if (agent && agent->state() != AgentState::Done && agent->state() != AgentState::Idle)
            agent->cancel();
    m_stepInFlight = false;
    log::get("graph")->error("run {}: {}; this process stops driving it", m_record.id,
                             write.error());
    emit abandoned(m_record.id, write.error());
    return true;
}

bool Run::canMove(RunStatus::Value from, RunStatus::Value to)
{
    using namespace RunStatus;
    switch (from) {
    case Value::Running:
        return to != Running;
    case Value::WaitingHuman:
    case Value::WaitingBudget:
        return to == Running || to == Cancelled || to == Failed;
    case Value::Failed:
    case Value::Stalled:
        return to == Running; // resumed: the failed step is tried again
    case Value::Completed:
    case Value::Cancelled:
        return false;
    }
    return false;
}

bool Run::moveTo(RunStatus::Value to, const QString& reason)
{
    const RunStatus::Value from = m_record.status;
    if (from == to) {
        m_record.reason = reason;
        return true;
    }
    if (!canMove(from, to)) {
        log::get("graph")->error("run {}: refused to move from {} to {}", m_record.id,
                                 RunStatus::name(from), RunStatus::name(to));
        return false;
    }
    m_record.status = to;
    m_record.reason = reason;
    emit statusChanged(from, to);
    return true;
}

void Run::stop(RunStatus::Value status, const QString& reason)
{
    if (!moveTo(status, reason))
        return;
    emitEvent(EventKind::RunFinished, RunFinished{status, reason}.toJson());
    saveStoppedStatus();
}

} // namespace orch
