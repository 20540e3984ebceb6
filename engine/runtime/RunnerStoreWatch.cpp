// The runner's side of a database outage: runs that could not write wait (Run::waitForStore);
// this watches for the database to come back, then puts the process's leases and held ledger
// rows back first and lets each waiting run make its held write and go on.
#include "core/Log.h"
#include "runtime/Run.h"
#include "runtime/Runner.h"
#include "store/Database.h"
#include "store/RunStore.h"

namespace orch {

void Runner::watchStore()
{
    if (!m_storeWatch.isActive())
        m_storeWatch.start();
}

void Runner::checkStore()
{
    if (auto back = m_store.database().reconnect(); !back)
        return; // the database logs its attempts; tried again at the next tick
    // What was spooled goes in first, in order: the runs' held commits are among it.
    if (auto replayed = m_store.replaySpool(); !replayed) {
        log::get("store")->info("cannot apply the spooled writes yet: {}", replayed.error());
        return;
    }
    // Leases first: a run's held write is fenced by its lease, which may have run out.
    if (auto renewed = m_leases.renew(); !renewed) {
        log::get("store")->info("cannot renew run leases yet: {}", renewed.error());
        return;
    }
    if (auto written = m_store.writeHeld(); !written) {
        log::get("store")->info("cannot write the held ledger rows yet: {}", written.error());
        return;
    }
    m_storeWatch.stop();
    QList<QPointer<Run>> waiting;
    for (const QPointer<Run>& run : std::as_const(m_runs))
        if (run && run->waitsForStore())
            waiting << run;
    for (const QPointer<Run>& run : waiting)
        if (run)
            run->storeIsBack(); // may wait again, which starts this watch again
}

} // namespace orch
