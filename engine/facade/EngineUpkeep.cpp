// Keeping the store in proportion: the retention policy applied on demand (`orchestratord
// prune`) and once a day by a serving process; the database's size for the balances.
#include "core/Log.h"
#include "facade/Engine.h"
#include "runtime/Runner.h"
#include "store/RunStore.h"
#include "store/ServerValues.h"

#include <QDateTime>
#include <QTimer>

namespace orch {
namespace {

const QString kLastPrune = QStringLiteral("retention.last_prune_ms");
constexpr qint64 kPruneEveryMs = 24LL * 60 * 60 * 1000;
constexpr int kPruneCheckMs = 60 * 60 * 1000;

} // namespace

Result<PruneReport> Engine::prune(bool vacuum)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto report = Retention(*m_store).prune(m_options.retention, now);
    if (!report)
        return report;
    if (auto noted = ServerValues(m_store->database()).set(kLastPrune, QString::number(now));
        !noted)
        return noted.failure();
    log::get("store")->info("pruned: {} run(s) thinned, {} checkpoint(s), {} message(s) and {} "
                            "event(s) removed",
                            report->runsThinned, report->checkpointsRemoved,
                            report->messagesRemoved, report->eventsRemoved);
    if (vacuum)
        if (auto vacuumed = Retention(*m_store).vacuum(); !vacuumed)
            return vacuumed.failure();
    return report;
}

void Engine::pruneDaily()
{
    auto pruneWhenDue = [this] {
        auto last = ServerValues(m_store->database()).get(kLastPrune);
        const qint64 lastMs = last && last.value() ? last.value()->toLongLong() : 0;
        if (QDateTime::currentMSecsSinceEpoch() - lastMs < kPruneEveryMs)
            return;
        if (auto pruned = prune(); !pruned)
            log::get("store")->error("pruning failed: {}", pruned.error());
    };
    if (!m_pruneWatch) {
        m_pruneWatch = new QTimer(this);
        connect(m_pruneWatch, &QTimer::timeout, this, pruneWhenDue);
    }
    m_pruneWatch->start(kPruneCheckMs);
    QTimer::singleShot(0, this, pruneWhenDue); // a server that was down a day prunes at start
}

void Engine::watchOrphans(int intervalMs)
{
    if (!m_orphanWatch) {
        m_orphanWatch = new QTimer(this);
        connect(m_orphanWatch, &QTimer::timeout, this, [this] {
            // An away database says so itself, once, and this retries it (with its backoff).
            if (auto adopted = m_runner->adoptOrphans();
                !adopted && adopted.code() != ErrorCode::Unavailable)
                log::get("store")->error("cannot look for runs to take over: {}", adopted.error());
        });
    }
    m_orphanWatch->start(intervalMs);
}

Result<StorageStatus> Engine::storageStatus()
{
    auto use = Retention(*m_store).storageUse();
    if (!use)
        return use.failure();
    auto last = ServerValues(m_store->database()).get(kLastPrune);
    if (!last)
        return last.failure();
    return StorageStatus{use->databaseBytes, use->freeBytes,
                         last.value() ? last.value()->toLongLong() : 0};
}

} // namespace orch
