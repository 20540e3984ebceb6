#pragma once
// Who drives a run. A process claims a run before moving it and renews the lease while it
// does; another process may take the run over only when the lease has expired or the owner
// is a dead process on this host (so `resume` right after a crash works at once).

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace orch {

class Database;

class RunLeases
{
public:
    static constexpr qint64 kLeaseMs = 60000;

    explicit RunLeases(Database& database);

    const QString& owner() const { return m_owner; }
    // Fails with a clear message when a live process holds the run.
    Result<void> claim(const QString& runId);
    Result<void> release(const QString& runId);
    // Extends every lease this process holds.
    Result<void> renew();

    // "host/pid/nonce" of a process on this host that no longer exists.
    static bool ownerIsDeadLocalProcess(const QString& owner);

private:
    Database& m_db;
    QString m_owner;
};

} // namespace orch
