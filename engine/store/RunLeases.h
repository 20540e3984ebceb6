#pragma once
// Who drives a run. A process claims a run before moving it and renews the lease while it
// does; another process may take the run over only when the lease has expired or the owner
// is a dead process on this host (so `resume` right after a crash works at once). Every claim
// bumps the run's fencing number: the store refuses writes made under an older one, so a
// process that lost its run (stalled past its lease) cannot overwrite the new owner's work.
// A process that does not hold a run asks its owner to cancel it through the store.

#include "api/Records.h"
#include "core/Result.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <utility>
#include <vector>

namespace orch {

class Database;

class RunLeases
{
public:
    // A worker on another host that dies is known dead only when its lease ends: the lease
    // bounds that takeover (plus the adoption interval), and a worker that stalls longer than
    // it loses its runs (safely: fenced). Renewed every quarter of it.
    static constexpr qint64 kDefaultLeaseMs = 30000;

    explicit RunLeases(Database& database);
    qint64 leaseMs() const { return m_leaseMs; }
    void setLeaseMs(qint64 ms) { m_leaseMs = ms; }

    const QString& owner() const { return m_owner; }
    // Fails with a clear message when a live process holds the run.
    Result<RunLease> claim(const QString& runId);
    // Claims up to `limit` running runs nobody drives any more (their owner's lease expired,
    // their owner died on this host, or they were let go): how a worker takes over from one
    // that stopped. On PostgreSQL the candidates are locked FOR UPDATE SKIP LOCKED, so workers
    // looking at once share them out instead of queueing on the same rows.
    Result<QStringList> claimOrphans(int limit);
    Result<void> release(const QString& runId);
    // Runs the store lists as running under this process's lease.
    Result<QStringList> heldRunning();
    // Extends every lease this process holds.
    Result<void> renew();
    // The live process other than this one that holds the run, if any.
    Result<std::optional<QString>> otherHolder(const QString& runId);

    // Asks the run's owner to cancel it; the owner sees it at its next look.
    Result<void> requestCancel(const QString& runId, const QString& reason);
    // {run, reason} of cancel requests for runs this process holds.
    Result<std::vector<std::pair<QString, QString>>> cancelRequests();

    // "host/pid/nonce" of a process on this host that no longer exists.
    static bool ownerIsDeadLocalProcess(const QString& owner);

private:
    struct Holder
    {
        QString owner;
        qint64 leaseUntil = 0;
        qint64 fence = 0;
        bool isOther(const QString& self) const; // a live process other than `self`
        QString describe() const;
    };
    Result<Holder> holderOf(const QString& runId);

    Database& m_db;
    QString m_owner;
    qint64 m_leaseMs = kDefaultLeaseMs;
};

} // namespace orch
