// How runs stop: a stopped run's last writes committed at once (its lease let go, its outcome
// for forecasts, its report), and a shutdown that lets the steps in flight finish.
#include "core/Log.h"
#include "report/ReportWriter.h"
#include "runtime/Run.h"
#include "runtime/RunOutcome.h"
#include "runtime/Runner.h"
#include "store/Database.h"
#include "store/RunStore.h"

namespace orch {

void Runner::onRunStopped(const RunRecord& record)
{
    recount();
    // The run's last writes (its lease let go, its outcome, its report) commit at once.
    Database& database = m_store.database();
    Result<QString> report = QString();
    auto stored = database.together([&] {
        if (auto released = database.transaction([&] { return m_leases.release(record.id); });
            !released)
            log::get("store")->error("run {}: cannot release its lease: {}", record.id,
                                     released.error());
        if (RunStatus::isFinished(record.status))
            report = writeReport(record);
    });
    if (!stored)
        log::get("store")->error("run {}: its last writes are not stored: {}", record.id,
                                 stored.error());
    if (RunStatus::isFinished(record.status)) {
        if (report && stored)
            emit reportWritten(record.id, report.value());
        else if (!report)
            log::get("report")->error("run {}: {}", record.id, report.error());
    }
    emit runStopped(record);
    if (m_draining)
        leftDrain(record.id);
    if (RunStatus::isFinished(record.status))
        if (auto run = m_runs.take(record.id))
            run->deleteLater();
    if (m_moving == 0)
        emit idle();
}

Result<QString> Runner::writeReport(const RunRecord& record)
{
    // A run that completed here holds the state its last commit stored, the features it began
    // with and, when every write went through at once, its steps and charges: not read back.
    const Run* here =
        record.status == RunStatus::Completed ? m_runs.value(record.id).data() : nullptr;
    auto finished = ReportWriter::gather(m_store, record, here ? &here->state() : nullptr,
                                         here ? here->history() : nullptr);
    if (!finished)
        return finished.failure();
    Database& database = m_store.database();
    if (record.status == RunStatus::Completed) // before its report, which reads it
        (void)database.transaction([&] {
            return runOutcome::record(m_store, finished.value(),
                                      here ? here->startFeatures() : std::nullopt, &m_outcomes);
        });
    return database.transactionFor<QString>([&] { return m_reports.write(finished.value()); });
}

void Runner::drain()
{
    m_draining = true;
    for (const auto& run : std::as_const(m_runs))
        if (run && !RunStatus::isFinished(run->record().status) &&
            !RunStatus::isWaiting(run->record().status))
            m_finishingStep.insert(run->record().id);
    for (const QString& id : std::as_const(m_finishingStep)) {
        Run* run = m_runs.value(id);
        connect(run, &Run::paused, this, [this, id] {
            (void)m_leases.release(id); // the next process may take it at once
            leftDrain(id);
        });
        run->pause();
    }
    if (m_finishingStep.isEmpty())
        QMetaObject::invokeMethod(this, &Runner::drained, Qt::QueuedConnection);
}

void Runner::leftDrain(const QString& runId)
{
    if (m_finishingStep.remove(runId) && m_finishingStep.isEmpty())
        emit drained();
}

} // namespace orch
