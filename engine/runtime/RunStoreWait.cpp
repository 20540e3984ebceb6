// A run while its database is away: what it could not write is held in memory, the run stays
// "running" in the store under this process's lease, and it goes on by itself once the runner
// sees the database back. Nothing about the outage fails the run.
#include "api/RunEvents.h"
#include "core/Log.h"
#include "runtime/Run.h"
#include "store/Database.h"
#include "store/RunStore.h"

namespace orch {

void Run::waitForStore(StoreWait held)
{
    const bool already = m_storeWait.has_value();
    if (already && !held.commit && !held.status)
        return;
    if (held.commit) // kept until the database is back: it stops naming the run's live state
        held.commit->checkpoint.ownState();
    log::get("graph")->warn("run {}: waits for the database: {}", m_record.id, held.reason);
    forgetHistory(); // what is stored now depends on what the outage let through
    if (!already) {
        m_storeAwayFor.start();
        emitEvent(EventKind::StoreWaiting, {{"reason", toStd(held.reason)}});
    }
    m_storeWait = std::move(held);
    emit storeWaiting(m_record.id);
}

bool Run::storeHasStep(int stepNo) const
{
    auto stored = m_setup.store->run(m_record.id);
    return stored && stored->steps >= stepNo;
}

void Run::storeIsBack()
{
    if (!m_storeWait || m_abandoned)
        return;
    StoreWait held = std::move(*m_storeWait);
    m_storeWait.reset();
    log::get("graph")->info("run {}: the database is back after {} ms", m_record.id,
                            m_storeAwayFor.elapsed());
    emitEvent(EventKind::StoreBack, {{"waited_ms", m_storeAwayFor.elapsed()}});
    if (held.commit) {
        const StepRecord step = held.commit->step;
        Result<void> saved;
        if (!storeHasStep(step.stepNo))
            saved = m_setup.store->commitStep(*held.commit);
        if (!saved) {
            if (lostLease(saved))
                return;
            if (saved.code() == ErrorCode::Unavailable)
                return waitForStore({std::move(held.commit), false, saved.error()});
            m_record.steps -= 1;
            return stop(
                RunStatus::Failed,
                QStringLiteral("cannot save step %1: %2").arg(step.stepNo).arg(saved.error()));
        }
        return afterCommit(step);
    }
    if (held.status)
        return saveStoppedStatus();
    performStep();
}

} // namespace orch
