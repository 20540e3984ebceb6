#pragma once
// The words every part of the program shares about runs: their statuses and the kinds of
// events they report, as enums (exposed to QML). Strings appear only where the store, the wire
// and events meet them, through name() and fromName(), so a rename cannot fail silently.

#include <QObject>
#include <QString>
#include <optional>

namespace orch {

namespace RunStatus {
Q_NAMESPACE
enum class Value
{
    Running,
    WaitingHuman,
    WaitingBudget,
    WaitingResources, // no production server has room (or the chosen one is unreachable)
    Completed,
    Failed,
    Stalled,
    Cancelled,
};
Q_ENUM_NS(Value)

inline constexpr Value Running = Value::Running;
inline constexpr Value WaitingHuman = Value::WaitingHuman;
inline constexpr Value WaitingBudget = Value::WaitingBudget;
inline constexpr Value WaitingResources = Value::WaitingResources;
inline constexpr Value Completed = Value::Completed;
inline constexpr Value Failed = Value::Failed;
inline constexpr Value Stalled = Value::Stalled;
inline constexpr Value Cancelled = Value::Cancelled;

// Finished runs never move again on their own.
bool isFinished(Value status);
bool isWaiting(Value status);
// "waiting_human": how the store, the wire and events spell it.
QString name(Value status);
std::optional<Value> fromName(QStringView name);
} // namespace RunStatus

namespace EventKind {
Q_NAMESPACE
enum class Value
{
    Unknown, // a kind this build does not know (a newer server's)
    RunStarted,
    RunResumed,
    RunForked,
    StepStarted,
    AgentState,
    LlmRetry,
    LedgerEntry,
    Warning,
    Handoff,
    Edge,
    QuestionAsked,
    QuestionAnswered,
    BudgetWaiting,
    ResourcesWaiting,
    StepFinished,
    RunFinished,
    DeploymentHealth,
    StoreWaiting, // the database is away: the run holds its writes and waits (in memory)
    StoreBack,    // and it is back: the run goes on
    CodingStep,   // a coding agent CLI did something: a tool use, a command, a file, a message
};
Q_ENUM_NS(Value)

inline constexpr Value RunStarted = Value::RunStarted;
inline constexpr Value RunResumed = Value::RunResumed;
inline constexpr Value RunForked = Value::RunForked;
inline constexpr Value StepStarted = Value::StepStarted;
inline constexpr Value AgentState = Value::AgentState;
inline constexpr Value LlmRetry = Value::LlmRetry;
inline constexpr Value LedgerEntry = Value::LedgerEntry;
inline constexpr Value Warning = Value::Warning;
inline constexpr Value Handoff = Value::Handoff;
inline constexpr Value Edge = Value::Edge;
inline constexpr Value QuestionAsked = Value::QuestionAsked;
inline constexpr Value QuestionAnswered = Value::QuestionAnswered;
inline constexpr Value BudgetWaiting = Value::BudgetWaiting;
inline constexpr Value ResourcesWaiting = Value::ResourcesWaiting;
inline constexpr Value StepFinished = Value::StepFinished;
inline constexpr Value RunFinished = Value::RunFinished;
inline constexpr Value DeploymentHealth = Value::DeploymentHealth;
inline constexpr Value StoreWaiting = Value::StoreWaiting;
inline constexpr Value StoreBack = Value::StoreBack;
inline constexpr Value CodingStep = Value::CodingStep;

QString name(Value kind); // "run_finished"
Value fromName(QStringView name);
} // namespace EventKind

} // namespace orch
