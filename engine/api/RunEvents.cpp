#include "api/RunEvents.h"

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
