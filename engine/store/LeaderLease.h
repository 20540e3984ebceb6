#pragma once
// One holder at a time for work only one worker may do (polling Telegram, sending the
// digest): a named lease in the database, taken when free or expired, renewed by its holder,
// and taken over by another worker once the holder stops renewing it (or died on this host).
// Each change of holder bumps the lease's fencing number.

#include "core/Result.h"

#include <QString>

namespace orch {

class Database;

class LeaderLease
{
public:
    LeaderLease(Database& database, QString name, QString owner, qint64 ttlMs);

    // Takes or renews the lease: true while this owner holds it.
    Result<bool> hold();
    // Lets it go at once (a clean shutdown), so a standby need not wait for it to expire.
    Result<void> release();
    // Who holds it now ("" when nobody).
    Result<QString> holder();
    qint64 fence() const { return m_fence; }

private:
    Result<bool> holdNow();

    Database& m_db;
    QString m_name;
    QString m_owner;
    qint64 m_ttlMs;
    qint64 m_fence = 0;
};

} // namespace orch
