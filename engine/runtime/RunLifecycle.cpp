// A run's lifecycle: starting (new, or a change to a project) and resuming, the transition
// table its status moves by, stopping (finished, failed, cancelled) with the event and the
// write that go with it, and letting go of a run another process took over.
#include "agents/Agent.h"
#include "api/RunEvents.h"
#include "core/Log.h"
#include "runtime/Run.h"
#include "runtime/RunOutcome.h"
#include "store/RunStore.h"

namespace orch {

Result<void> Run::start(const QString& projectName, const QString& description,
                        const Json& forecast)
{
    Json state{{"project", {{"name", toStd(projectName)}, {"description", toStd(description)}}}};
    if (forecast.is_object())
        state["forecast"] = forecast;
    m_state = ProjectState(std::move(state));
    return begin(graph().entry);
}

Result<void> Run::startChange(const Json& carried, const QString& request, const QString& entry)
{
    Json state = carried.is_object() ? carried : Json::object();
    // Where the change starts from, so the report can say what changed.
    state["change"] = {{"request", toStd(request)},
                       {"from_run", member(state, "change_from_run")},
                       {"from_commit", member(objectAt(state, "repo"), "last_commit")},
                       {"from_version", member(objectAt(state, "deployment"), "version")}};
    m_state = ProjectState(std::move(state));
    return begin(entry);
}

Result<void> Run::begin(const QString& entry)
{
    moveTo(RunStatus::Running);
    activate(entry, {}, {});
    m_record.currentAgent = m_cursor.agent;
    emitEvent(EventKind::RunStarted, RunStarted{graph().name, m_record.graphId, entry}.toJson());
    auto created = m_setup.store->createRun(
        m_record, {m_record.id, 0, m_state.document(), m_cursor.toJson()}, m_pendingEvents);
    m_pendingEvents.clear();
    m_activationDiff = Json::array(); // in the first checkpoint already
    if (!created)
        return Error{QStringLiteral("cannot record the run: %1").arg(created.error())};
    m_journalRead = true; // a run created just now has no step anyone attempted before
    m_historyKept = true; // every step and charge from here on
    m_startFeatures = runOutcome::featuresOf(m_state.document(), graph().source);
    scheduleStep();
    return {};
}

Result<void> Run::resume(const RunRecord& record, const Checkpoint& checkpoint)
{
    m_record = record;
    m_journalRead = false; // the store has the step in flight (a deploy that waited for room)
    if (auto unpriced = m_setup.store->unpricedTokens(record.id))
        m_unpricedTokens = unpriced.value();
    m_state = ProjectState(checkpoint.state);
    m_cursor = RunCursor::fromJson(checkpoint.cursor);
    m_record.steps = checkpoint.stepNo;
    if (RunStatus::isWaiting(m_record.status))
        return {};
    if (!moveTo(RunStatus::Running))
        return Error{QStringLiteral("run %1 is %2: it cannot be resumed")
                         .arg(m_record.id, RunStatus::name(m_record.status)),
                     ErrorCode::Conflict};
    emitEvent(EventKind::RunResumed, {{"from_step", checkpoint.stepNo}});
    auto updated = m_setup.store->updateRun(m_record, m_pendingEvents, m_lease);
    m_pendingEvents.clear();
    if (!updated)
        return updated;
    scheduleStep();
    return {};
}

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
    // A call the step that ended here paid for, held for a commit that will not come.
    if (auto written = m_setup.store->flushLedger(); !written)
        log::get("store")->error("run {}: model call not recorded in the ledger: {}", m_record.id,
                                 written.error());
    auto saved = m_setup.store->updateRun(m_record, m_pendingEvents, m_lease);
    if (lostLease(saved))
        return;
    if (!saved.ok() && saved.code() == ErrorCode::Unavailable)
        return waitForStore({nullptr, true, saved.error()}); // the events go with it later
    m_pendingEvents.clear();
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
    case Value::WaitingResources:
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

void Run::pause()
{
    m_paused = true;
    if (!m_stepInFlight)
        QMetaObject::invokeMethod(this, &Run::paused, Qt::QueuedConnection);
}

} // namespace orch
