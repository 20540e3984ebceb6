#pragma once
// The last line of defence at event-loop entry points (a reply arriving, an update, a
// client's message, a tool call): anything thrown below becomes an error of that one piece
// of work, logged with where it happened, instead of ending the process.

#include "core/Log.h"
#include "core/Result.h"

#include <exception>
#include <utility>

namespace orch {

template <typename Work>
Result<void> guarded(const char* subsystem, const char* where, Work&& work) noexcept
{
    QString reason;
    try {
        std::forward<Work>(work)();
        return {};
    } catch (const std::exception& e) {
        reason = QString::fromUtf8(e.what());
    } catch (...) {
        reason = QStringLiteral("unknown exception");
    }
    try {
        log::get(subsystem)->error("{}: unexpected failure: {}", where, reason);
    } catch (...) {
    }
    return Error{QStringLiteral("%1: unexpected failure: %2").arg(QLatin1String(where), reason)};
}

} // namespace orch
