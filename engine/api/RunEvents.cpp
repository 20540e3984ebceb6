#include "api/RunEvents.h"

#include <cmath>

namespace orch {

RunEvent RunFinished::eventFor(const RunRecord& run, int stepNo, qint64 at)
{
    return {run.id,
            stepNo,
            run.currentAgent,
            EventKind::RunFinished,
            RunFinished{run.status, run.reason}.toJson(),
            at};
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

std::optional<LedgerCharge> LedgerCharge::from(const RunEvent& event)
{
    if (event.kind != EventKind::LedgerEntry)
        return std::nullopt;
    const Json& cost = member(event.payload, "cost");
    if (cost.is_number() && std::isfinite(cost.get<double>()))
        return LedgerCharge{cost.get<double>()};
    return LedgerCharge{};
}

std::optional<StepFinished> StepFinished::from(const RunEvent& event)
{
    if (event.kind != EventKind::StepFinished)
        return std::nullopt;
    return StepFinished{int(intOr(event.payload, "step", event.stepNo)),
                        toQ(stringOr(event.payload, "agent")),
                        toQ(stringOr(event.payload, "outcome")),
                        toQ(stringOr(objectAt(event.payload, "detail"), "next"))};
}

std::optional<AgentMoved> AgentMoved::from(const RunEvent& event)
{
    if (event.kind != EventKind::AgentState)
        return std::nullopt;
    return AgentMoved{toQ(stringOr(event.payload, "agent")), toQ(stringOr(event.payload, "from")),
                      toQ(stringOr(event.payload, "to"))};
}

std::optional<QuestionAsked> QuestionAsked::from(const RunEvent& event)
{
    if (event.kind != EventKind::QuestionAsked || !event.payload.is_object())
        return std::nullopt;
    QuestionAsked question;
    question.text = toQ(stringOr(event.payload, "text"));
    for (const Json& option : arrayAt(event.payload, "options"))
        question.options << (option.is_string() ? toQ(option.get<std::string>()) : QString());
    question.approval = stringOr(event.payload, "kind") == "approval";
    question.queued = int(intOr(event.payload, "queued", 0));
    return question;
}

} // namespace orch
