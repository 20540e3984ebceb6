#pragma once
// How a run reads its own failures and recoveries for the lessons it keeps (store/Lessons.h):
// which failures a step's state update reports (tests that failed, a tool's failure that is
// the code's, a check sheet that failed), a signature that stays the same when the same
// failure comes back (numbers, paths and ids taken out), whether a step shows the failure
// recovered, what an agent that edits code changed in a step, and the lessons as an agent
// reads them.

#include "agents/StepTypes.h"
#include "graph/GraphDefinition.h"
#include "store/Lessons.h"

#include <QStringList>

namespace orch::failureMemory {

struct Failure
{
    QString tool; // what found it: run_tests, deploy, checks, …
    QString failureClass;
    QString reason;
    QString signature;
};

bool editsCode(const AgentDefinition& agent);
// The line of `reason` that names the failure, without what changes from one time to the next.
QString signatureOf(const QString& reason);
std::vector<Failure> failuresIn(const Json& update);
// Whether this step shows `tool`'s failure recovered: the tests or the check sheet now pass,
// or the tool that failed ran and succeeded.
bool recovers(const QString& tool, const Json& update, const std::vector<ToolInvocation>& tools);
// What the successful calls of `messages` (a step's new messages) changed: the files written
// or edited and the commits made, in words.
QStringList changesIn(const std::vector<ChatMessage>& messages);
// Whether the lesson concerns the agent: one that edits code gets every lesson of the
// template, the others those of the tools they use.
bool concerns(const Lesson& lesson, const AgentDefinition& agent);
// The lessons as the start of an agent's work shows them (bounded).
QString lessonsText(const QString& templateName, const std::vector<Lesson>& lessons);

} // namespace orch::failureMemory
