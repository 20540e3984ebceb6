#include "core/StepProfile.h"

#include <QMutex>
#include <algorithm>
#include <map>

namespace orch::profile {
namespace detail {
std::atomic<bool> g_enabled{false};
}
namespace {

struct Samples
{
    size_t order = 0;
    std::vector<qint64> nanoseconds;
};

QMutex g_mutex;
std::map<std::string, Samples> g_phases;

} // namespace

void setEnabled(bool on)
{
    detail::g_enabled.store(on, std::memory_order_relaxed);
}

void record(const char* phase, qint64 nanoseconds)
{
    QMutexLocker lock(&g_mutex);
    auto [it, added] = g_phases.try_emplace(phase);
    if (added)
        it->second.order = g_phases.size();
    it->second.nanoseconds.push_back(nanoseconds);
}

std::vector<PhaseSummary> take()
{
    std::map<std::string, Samples> phases;
    {
        QMutexLocker lock(&g_mutex);
        phases.swap(g_phases);
    }
    std::vector<std::pair<size_t, PhaseSummary>> ordered;
    for (auto& [name, samples] : phases) {
        auto& values = samples.nanoseconds;
        if (values.empty())
            continue;
        std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
        PhaseSummary summary;
        summary.phase = name;
        summary.samples = values.size();
        summary.medianUs = double(values[values.size() / 2]) / 1000.0;
        for (qint64 value : values)
            summary.totalMs += double(value) / 1e6;
        ordered.emplace_back(samples.order, std::move(summary));
    }
    std::sort(ordered.begin(), ordered.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<PhaseSummary> result;
    for (auto& [order, summary] : ordered)
        result.push_back(std::move(summary));
    return result;
}

} // namespace orch::profile
