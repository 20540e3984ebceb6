#include "LeaderGate.h"

#include "core/Log.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSysInfo>

namespace orch::cli {

LeaderGate::LeaderGate(Database& database, const QString& name, std::function<void()> gained,
                       std::function<void()> lost, QObject* parent)
    : QObject(parent),
      m_lease(database, name,
              QStringLiteral("%1/%2/%3")
                  .arg(QSysInfo::machineHostName())
                  .arg(QCoreApplication::applicationPid())
                  .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')),
              kTtlMs),
      m_gained(std::move(gained)), m_lost(std::move(lost))
{
    m_timer.setInterval(int(kTtlMs / 5));
    connect(&m_timer, &QTimer::timeout, this, &LeaderGate::tick);
}

void LeaderGate::start()
{
    tick();
    m_timer.start();
}

void LeaderGate::release()
{
    m_timer.stop();
    if (m_leading)
        (void)m_lease.release();
    m_leading = false;
}

void LeaderGate::tick()
{
    // While the database is away no worker can show it leads: this one stands down (the
    // database says once that it is away) and leads again, or another does, when it is back.
    auto held = m_lease.hold();
    if (!held && held.code() != ErrorCode::Unavailable)
        log::get("store")->error("cannot renew the leader lease: {}", held.error());
    const bool leading = held && held.value();
    if (leading == m_leading)
        return;
    m_leading = leading;
    if (leading) {
        log::get("store")->info("this worker leads now (fence {})", m_lease.fence());
        m_gained();
    } else {
        log::get("store")->warn("this worker no longer leads: another took over");
        m_lost();
    }
}

} // namespace orch::cli
