#pragma once
// Where a step's time goes (bench_steps --profile): named phases — the request built, the
// HTTP call, the reply parsed, the checkpoint committed, … — timed where they happen and kept
// as samples per phase. Off unless switched on: a phase then costs one relaxed atomic load.

#include <QElapsedTimer>
#include <atomic>
#include <string>
#include <vector>

namespace orch::profile {

namespace detail {
extern std::atomic<bool> g_enabled;
}

inline bool enabled()
{
    return detail::g_enabled.load(std::memory_order_relaxed);
}
void setEnabled(bool on);
void record(const char* phase, qint64 nanoseconds);

// Times its own lifetime as `phase` (a string literal).
class Scope
{
public:
    explicit Scope(const char* phase) : m_phase(enabled() ? phase : nullptr)
    {
        if (m_phase)
            m_timer.start();
    }
    ~Scope()
    {
        if (m_phase)
            record(m_phase, m_timer.nsecsElapsed());
    }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

private:
    const char* m_phase;
    QElapsedTimer m_timer;
};

struct PhaseSummary
{
    std::string phase;
    size_t samples = 0;
    double medianUs = 0;
    double totalMs = 0;
};

// Every phase recorded since the last call, in the order each was first seen; forgets them.
std::vector<PhaseSummary> take();

} // namespace orch::profile
