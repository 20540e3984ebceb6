// Who drives each run: claims hand their lease (with its fencing number) to the run, a run
// taken over by another process is let go, and a cancel reaches the process that drives the
// run, here directly or elsewhere as a request its owner honours.
#include "api/RunEvents.h"
#include "core/Log.h"
#include "runtime/Run.h"
#include "runtime/Runner.h"
#include "store/RunStore.h"

#include <QDateTime>

namespace orch {

Result<void> Runner::claim(const QString& runId)
{
    auto lease = m_leases.claim(runId);
    if (!lease)
        return lease.failure();
    if (Run* run = m_runs.value(runId))
        run->setLease(lease.value());
    return {};
}

Result<QStringList> Runner::adoptOrphans()
{
    if (m_draining)
        return QStringList();
    // A dead worker's spooled commits first: its runs are then taken over after them.
    if (auto replayed = m_store.replaySpool(); !replayed)
        return replayed.failure();
    auto claimed = m_leases.claimOrphans(16);
    if (!claimed)
        return claimed;
    // Runs the store lists as this process's and running, which it does not drive (a write
    // that never reached the store): the store is the truth, so they are driven again.
    if (auto own = m_leases.heldRunning(); own)
        for (const QString& runId : own.value())
            if (!m_runs.contains(runId) && !claimed->contains(runId))
                claimed->append(runId);
    QStringList adopted;
    for (const QString& runId : claimed.value()) {
        if (m_runs.contains(runId))
            continue;
        if (auto resumed = resume(runId); resumed) {
            log::get("graph")->info("run {}: taken over from a worker that stopped", runId);
            adopted << runId;
        } else {
            log::get("graph")->error("run {}: cannot take it over: {}", runId, resumed.error());
            (void)m_leases.release(runId);
        }
    }
    return adopted;
}

void Runner::honourCancelRequests()
{
    auto requests = m_leases.cancelRequests();
    if (!requests) {
        // While the database is away it says so itself, once; this would say it twice a second.
        if (requests.code() != ErrorCode::Unavailable)
            log::get("store")->error("cannot read cancel requests: {}", requests.error());
        return;
    }
    for (const auto& [runId, reason] : requests.value())
        if (Run* run = m_runs.value(runId); run && !RunStatus::isFinished(run->record().status)) {
            log::get("graph")->info("run {}: cancelled on request: {}", runId, reason);
            run->cancel(reason);
        }
}

void Runner::onRunAbandoned(const QString& runId, const QString& reason)
{
    log::get("graph")->error("run {}: no longer driven here: {}", runId, reason);
    recount();
    if (auto run = m_runs.take(runId))
        run->deleteLater();
    if (m_draining)
        leftDrain(runId);
    if (m_moving == 0)
        emit idle();
}

Result<void> Runner::cancel(const QString& runId, const QString& reason)
{
    auto record = m_store.run(runId);
    if (!record)
        return record.failure();
    if (RunStatus::isFinished(record->status))
        return Error{QStringLiteral("run %1 is already %2")
                         .arg(record->id, RunStatus::name(record->status))};
    if (Run* run = m_runs.value(record->id)) {
        // A waiting run has released its lease: it is taken again for the final write.
        if (claim(record->id)) {
            run->cancel(reason);
            return {};
        }
        // Another process drives it now: this copy stops, and the request goes to the owner.
        if (run->record().status == RunStatus::Running)
            onRunAbandoned(record->id, QStringLiteral("another orchestratord holds its lease"));
        else
            m_runs.take(record->id)->deleteLater();
    }
    // Driven by another live process: it cancels the run itself (its step in flight too),
    // so its next commit cannot undo the cancel.
    auto holder = m_leases.otherHolder(record->id);
    if (!holder)
        return holder.failure();
    if (holder->has_value()) {
        if (auto requested = m_leases.requestCancel(record->id, reason); !requested)
            return requested;
        log::get("graph")->info("run {}: asked its owner ({}) to cancel it", record->id, **holder);
        return {};
    }
    // Nobody drives it: cancel it here, under a fresh lease, so a stale copy elsewhere cannot
    // write over it.
    auto lease = m_leases.claim(record->id);
    if (!lease)
        return lease.failure();
    // Loading it to cancel it would need its graph and models, which may be what is broken;
    // the record moves by the same transition table and event as a loaded run's.
    RunRecord updated = record.value();
    if (!Run::canMove(updated.status, RunStatus::Cancelled)) {
        (void)m_leases.release(record->id);
        return Error{QStringLiteral("run %1 is %2: it cannot be cancelled")
                         .arg(updated.id, RunStatus::name(updated.status)),
                     ErrorCode::Conflict};
    }
    updated.status = RunStatus::Cancelled;
    updated.reason = reason;
    auto written = m_store.updateRun(
        updated,
        {RunFinished::eventFor(updated, updated.steps, QDateTime::currentMSecsSinceEpoch())},
        lease.value());
    (void)m_leases.release(record->id);
    return written;
}

} // namespace orch
