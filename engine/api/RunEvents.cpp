#include "api/RunEvents.h"

#include <QStringList>
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
    return jsonObject("status", toStd(RunStatus::name(status)), "reason", toStd(reason));
}

std::optional<LedgerCharge> LedgerCharge::from(const RunEvent& event)
{
    if (event.kind != EventKind::LedgerEntry)
        return std::nullopt;
    const Json& cost = member(event.payload, "cost");
    const bool simulated = boolOr(event.payload, "simulated", false);
    if (cost.is_number() && std::isfinite(cost.get<double>()))
        return LedgerCharge{cost.get<double>(), simulated};
    return LedgerCharge{std::nullopt, simulated};
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
    AgentMoved moved{toQ(stringOr(event.payload, "agent")),
                     toQ(stringOr(event.payload, "from")),
                     toQ(stringOr(event.payload, "to")),
                     {}};
    for (const Json& tool : arrayAt(event.payload, "tools")) {
        if (moved.tools.size() >= kMaxTools)
            break;
        if (tool.is_string())
            moved.tools << toQ(tool.get<std::string>()).left(64);
    }
    return moved;
}

std::optional<QuestionAsked> QuestionAsked::from(const RunEvent& event)
{
    if (event.kind != EventKind::QuestionAsked)
        return std::nullopt;
    return fromJson(event.payload);
}

std::optional<QuestionAsked> QuestionAsked::fromJson(const Json& payload)
{
    if (!payload.is_object())
        return std::nullopt;
    QuestionAsked question;
    question.text = toQ(stringOr(payload, "text"));
    for (const Json& option : arrayAt(payload, "options"))
        question.options << (option.is_string() ? toQ(option.get<std::string>()) : QString());
    question.approval = stringOr(payload, "kind") == "approval";
    question.secret = stringOr(payload, "kind") == "secret";
    question.queued = int(intOr(payload, "queued", 0));
    return question;
}

QStringList QuestionAsked::choices() const
{
    if (approval)
        return {QStringLiteral("approve"), QStringLiteral("reject")};
    QStringList texts;
    for (const QString& option : options)
        if (!option.isEmpty())
            texts << option;
    return texts;
}

Json AgentMoved::toJson() const
{
    Json json = jsonObject("agent", toStd(agent), "from", toStd(before), "to", toStd(after));
    if (!tools.isEmpty()) {
        Json names = Json::array();
        for (const QString& tool : tools)
            names.push_back(toStd(tool));
        json["tools"] = std::move(names);
    }
    return json;
}

std::optional<RunStarted> RunStarted::from(const RunEvent& event)
{
    if (event.kind != EventKind::RunStarted || !event.payload.is_object())
        return std::nullopt;
    return RunStarted{toQ(stringOr(event.payload, "graph")), intOr(event.payload, "graph_id", 0),
                      toQ(stringOr(event.payload, "entry"))};
}

Json RunStarted::toJson() const
{
    return jsonObject("graph", toStd(graph), "graph_id", graphId, "entry", toStd(entry));
}

std::optional<StepStarted> StepStarted::from(const RunEvent& event)
{
    if (event.kind != EventKind::StepStarted || !event.payload.is_object())
        return std::nullopt;
    return StepStarted{int(intOr(event.payload, "step", 0)), toQ(stringOr(event.payload, "agent"))};
}

Json StepStarted::toJson() const
{
    return jsonObject("step", step, "agent", toStd(agent));
}

std::optional<AgentHandoff> AgentHandoff::from(const RunEvent& event)
{
    if ((event.kind != EventKind::Handoff && event.kind != EventKind::Edge) ||
        !event.payload.is_object())
        return std::nullopt;
    return AgentHandoff{toQ(stringOr(event.payload, "from")), toQ(stringOr(event.payload, "to")),
                        toQ(stringOr(event.payload, "when"))};
}

Json AgentHandoff::toJson() const
{
    Json payload = jsonObject("from", toStd(fromAgent), "to", toStd(toAgent));
    if (!when.isEmpty())
        payload["when"] = toStd(when);
    return payload;
}

std::optional<ModelRetry> ModelRetry::from(const RunEvent& event)
{
    if (event.kind != EventKind::LlmRetry || !event.payload.is_object())
        return std::nullopt;
    return ModelRetry{int(intOr(event.payload, "attempt", 0)),
                      int(intOr(event.payload, "delay_ms", 0)),
                      toQ(stringOr(event.payload, "reason"))};
}

Json ModelRetry::toJson() const
{
    return {{"attempt", attempt}, {"delay_ms", delayMs}, {"reason", toStd(reason)}};
}

std::optional<BudgetWaiting> BudgetWaiting::from(const RunEvent& event)
{
    if (event.kind != EventKind::BudgetWaiting || !event.payload.is_object())
        return std::nullopt;
    return BudgetWaiting{toQ(stringOr(event.payload, "reason"))};
}

Json BudgetWaiting::toJson() const
{
    return {{"reason", toStd(reason)}};
}

std::optional<ResourcesWaiting> ResourcesWaiting::from(const RunEvent& event)
{
    if (event.kind != EventKind::ResourcesWaiting || !event.payload.is_object())
        return std::nullopt;
    return ResourcesWaiting{toQ(stringOr(event.payload, "reason"))};
}

Json ResourcesWaiting::toJson() const
{
    return {{"reason", toStd(reason)}};
}

std::optional<DeploymentHealth> DeploymentHealth::from(const RunEvent& event)
{
    if (event.kind != EventKind::DeploymentHealth || !event.payload.is_object())
        return std::nullopt;
    const Json& p = event.payload;
    DeploymentHealth health{toQ(stringOr(p, "service")),
                            toQ(stringOr(p, "url")),
                            toQ(stringOr(p, "change")),
                            toQ(stringOr(p, "detail")),
                            intOr(p, "certificate_expires_at", 0),
                            intOr(p, "incident", 0),
                            toQ(stringOr(p, "project_id")),
                            toQ(stringOr(p, "run"))};
    // The watcher's findings, and the steps of an incident (DeploymentHealer).
    static const QStringList changes{QStringLiteral("down"),         QStringLiteral("up"),
                                     QStringLiteral("certificate"),  QStringLiteral("restarting"),
                                     QStringLiteral("rolling_back"), QStringLiteral("repair_asked"),
                                     QStringLiteral("repairing"),    QStringLiteral("gave_up"),
                                     QStringLiteral("resolved")};
    if (!changes.contains(health.change))
        return std::nullopt;
    return health;
}

Json DeploymentHealth::toJson() const
{
    return {{"service", toStd(service)},
            {"url", toStd(url)},
            {"change", toStd(change)},
            {"detail", toStd(detail.left(2000))},
            {"certificate_expires_at", certificateExpiresAt},
            {"incident", incident},
            {"project_id", toStd(projectId)},
            {"run", toStd(run)}};
}

std::optional<CodingActivity> CodingActivity::from(const RunEvent& event)
{
    if (event.kind != EventKind::CodingStep)
        return std::nullopt;
    const Json& p = event.payload;
    return CodingActivity{toQ(stringOr(p, "kind")),      toQ(stringOr(p, "name")),
                          toQ(stringOr(p, "text")),      toQ(stringOr(p, "path")),
                          int(intOr(p, "exit_code", 0)), boolOr(p, "error", false)};
}

QString CodingActivity::line() const
{
    // The CLI's words are untrusted: one line, bounded, no control characters.
    auto clean = [](const QString& value, int longest) {
        const QString line = value.simplified();
        return line.size() <= longest ? line : line.left(longest - 1) + QChar(0x2026);
    };
    if (kind == QLatin1String("tool_use")) {
        const QString tool = name.isEmpty() ? QStringLiteral("?") : clean(name, 40);
        if (!path.isEmpty())
            return tool + QLatin1Char(' ') + clean(path, 100);
        return text.isEmpty() ? tool : tool + QStringLiteral(": ") + clean(text, 80);
    }
    if (kind == QLatin1String("command"))
        return QStringLiteral("$ ") + clean(name, 100) +
               (exitCode != 0 ? QStringLiteral(" → %1").arg(exitCode) : QString());
    if (kind == QLatin1String("file_change"))
        return (text == QLatin1String("add")      ? QStringLiteral("+ ")
                : text == QLatin1String("delete") ? QStringLiteral("− ")
                                                  : QStringLiteral("~ ")) +
               clean(path, 120);
    if (kind == QLatin1String("message"))
        return QChar(0x201C) + clean(text, 120) + QChar(0x201D);
    if (kind == QLatin1String("finished"))
        return QStringLiteral("✓");
    if (kind == QLatin1String("failed"))
        return QStringLiteral("✗ ") + clean(text.isEmpty() ? name : text, 120);
    if (kind == QLatin1String("garbled"))
        return QStringLiteral("? ") + clean(text, 60);
    return {};
}

} // namespace orch
