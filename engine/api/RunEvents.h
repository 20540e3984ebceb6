#pragma once
// Typed payloads of the events several consumers read, written and read in one place each.

#include "api/Records.h"

#include <optional>

namespace orch {

// run_finished: the status the run stopped in and why.
struct RunFinished
{
    RunStatus::Value status = RunStatus::Failed;
    QString reason;

    // The event for `run`, which has just stopped (its status and reason are final).
    static RunEvent eventFor(const RunRecord& run, int stepNo, qint64 at);
    // The payload of a run_finished event; empty for any other event or a payload that does not
    // name a known status.
    static std::optional<RunFinished> from(const RunEvent& event);
    Json toJson() const;
};

} // namespace orch
