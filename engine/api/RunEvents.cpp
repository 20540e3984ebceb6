#include "api/RunEvents.h"

namespace orch {

RunEvent RunFinished::eventFor(const RunRecord& run, int stepNo, qint64 at)
{
    return {run.id, stepNo, run.currentAgent, EventKind::RunFinished,
            RunFinished{run.status, run.reason}.toJson(), at};
}

std::optional<RunFinished> RunFinished::from(const RunEvent& event)
{
    if (event.kind != EventKind::RunFinished)
        return std::nullopt;
    const auto status = RunStatus::fromName(toQ(stringOr(event.payload, "status")));
    if (!status)
        return std::nullopt;
    return RunFinished{*status, toQ(stringOr(event.payload, "reason"))};
}

Json RunFinished::toJson() const
{
    return {{"status", toStd(RunStatus::name(status))}, {"reason", toStd(reason)}};
}

} // namespace orch
