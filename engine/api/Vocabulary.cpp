#include "api/Vocabulary.h"

#include <array>
#include <utility>

namespace orch {
namespace {

constexpr std::array<std::pair<RunStatus::Value, const char*>, 8> kStatusNames{{
    {RunStatus::Running, "running"},
    {RunStatus::WaitingHuman, "waiting_human"},
    {RunStatus::WaitingBudget, "waiting_budget"},
    {RunStatus::WaitingResources, "waiting_resources"},
    {RunStatus::Completed, "completed"},
    {RunStatus::Failed, "failed"},
    {RunStatus::Stalled, "stalled"},
    {RunStatus::Cancelled, "cancelled"},
}};

constexpr std::array<std::pair<EventKind::Value, const char*>, 20> kEventNames{{
    {EventKind::Value::RunStarted, "run_started"},
    {EventKind::Value::RunResumed, "run_resumed"},
    {EventKind::Value::RunForked, "run_forked"},
    {EventKind::Value::StepStarted, "step_started"},
    {EventKind::Value::AgentState, "agent_state"},
    {EventKind::Value::LlmRetry, "llm_retry"},
    {EventKind::Value::LedgerEntry, "ledger_entry"},
    {EventKind::Value::Warning, "warning"},
    {EventKind::Value::Handoff, "handoff"},
    {EventKind::Value::Edge, "edge"},
    {EventKind::Value::QuestionAsked, "question_asked"},
    {EventKind::Value::QuestionAnswered, "question_answered"},
    {EventKind::Value::BudgetWaiting, "budget_waiting"},
    {EventKind::Value::ResourcesWaiting, "resources_waiting"},
    {EventKind::Value::StepFinished, "step_finished"},
    {EventKind::Value::RunFinished, "run_finished"},
    {EventKind::Value::DeploymentHealth, "deployment_health"},
    {EventKind::Value::StoreWaiting, "store_waiting"},
    {EventKind::Value::StoreBack, "store_back"},
    {EventKind::Value::CodingStep, "coding_step"},
}};

} // namespace

bool RunStatus::isFinished(Value status)
{
    return status == Completed || status == Failed || status == Stalled || status == Cancelled;
}

bool RunStatus::isWaiting(Value status)
{
    return status == WaitingHuman || status == WaitingBudget || status == WaitingResources;
}

QString RunStatus::name(Value status)
{
    for (const auto& [known, text] : kStatusNames)
        if (known == status)
            return QString::fromLatin1(text);
    return QStringLiteral("failed");
}

std::optional<RunStatus::Value> RunStatus::fromName(QStringView name)
{
    for (const auto& [status, text] : kStatusNames)
        if (name == QLatin1String(text))
            return status;
    return std::nullopt;
}

QString EventKind::name(Value kind)
{
    for (const auto& [known, text] : kEventNames)
        if (known == kind)
            return QString::fromLatin1(text);
    return QStringLiteral("unknown");
}

EventKind::Value EventKind::fromName(QStringView name)
{
    for (const auto& [kind, text] : kEventNames)
        if (name == QLatin1String(text))
            return kind;
    return Value::Unknown;
}

} // namespace orch
