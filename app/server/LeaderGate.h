#pragma once
// Work only one worker on a database may do (Telegram polling and the digest) runs while this
// process holds the leader lease: tried at start and renewed every few seconds; a standby
// takes over once the leader stops renewing (or died on this host), and a leader that loses
// the lease stops that work at once.

#include "store/LeaderLease.h"

#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

namespace orch::cli {

class LeaderGate : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kTtlMs = 15000;

    LeaderGate(Database& database, const QString& name, std::function<void()> gained,
               std::function<void()> lost, QObject* parent);
    // Tries now, then keeps trying and renewing.
    void start();
    // Stops renewing and lets the lease go (a clean shutdown).
    void release();
    bool leading() const { return m_leading; }

private:
    void tick();

    LeaderLease m_lease;
    std::function<void()> m_gained;
    std::function<void()> m_lost;
    QTimer m_timer;
    bool m_leading = false;
};

} // namespace orch::cli
