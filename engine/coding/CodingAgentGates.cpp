// A coding agent's step ends with the orchestrator's gates, as the built-in Developer's work
// does: `make test` on what the CLI left, a commit of it when the tests pass (its last line
// the message), and a push to the project's remote.
#include "coding/CodingAgent.h"
#include "core/Log.h"
#include "core/Redaction.h"
#include "tools/ToolRegistry.h"

namespace orch {
namespace {

void merge(Json& into, const Json& update)
{
    for (auto it = update.begin(); it != update.end(); ++it)
        into[it.key()] = it.value();
}

} // namespace

void CodingAgent::runGates(const QString& lastText)
{
    m_currentTools = {QStringLiteral("run_tests")};
    Tool* tests = m_setup.tools ? m_setup.tools->find(QStringLiteral("run_tests")) : nullptr;
    Tool* commit = m_setup.tools ? m_setup.tools->find(QStringLiteral("git_commit")) : nullptr;
    if (!tests || !commit)
        return fail(QStringLiteral("the gates (run_tests, git_commit) are not available"));
    const ToolContext context{m_input.state, definition(), m_input.runId, m_input.workspace, this};
    tests->invoke(Json::object(), context, [this, commit, lastText](ToolResult tested) {
        StepOutcome outcome;
        outcome.kind = StepOutcome::Kind::Finished;
        outcome.text = lastText;
        outcome.provider = definition().coding.program;
        outcome.model = toStd(model());
        outcome.usage = m_usage;
        outcome.stateUpdate = tested.stateUpdate;
        outcome.stateUpdate["coding"][toStd(definition().id)] = {
            {"program", toStd(definition().coding.program)},
            {"session", toStd(m_session)},
            {"cost", m_reportedCost ? Json(*m_reportedCost) : Json(nullptr)}};
        outcome.tools.push_back({definition().coding.program, true, 0, true});
        outcome.tools.push_back({QStringLiteral("run_tests"), tested.ok, 0, true});
        outcome.conversation = m_input.conversation;
        ChatMessage said;
        said.role = ChatMessage::Role::Assistant;
        said.content = toStd(lastText.isEmpty() ? QStringLiteral("(no words)") : lastText);
        outcome.conversation.push_back(said);
        if (!tested.ok) {
            m_currentTools.clear();
            return finishStep(std::move(outcome));
        }
        const QString message =
            lastText.trimmed().section(QLatin1Char('\n'), -1).left(200).trimmed();
        const ToolContext context{m_input.state, definition(), m_input.runId, m_input.workspace,
                                  this};
        commit->invoke(
            {{"message", toStd(message.isEmpty() ? QStringLiteral("Work of %1").arg(definition().id)
                                                 : message)}},
            context, [this, outcome](ToolResult committed) mutable {
                outcome.tools.push_back({QStringLiteral("git_commit"), committed.ok, 0, true});
                merge(outcome.stateUpdate, committed.stateUpdate);
                push(std::move(outcome));
            });
    });
}

// Committed work goes to the project's remote, as the built-in Developer's does. A project
// without a remote (none configured) keeps its commit here; the step is done either way and
// the failed push is in its tools.
void CodingAgent::push(StepOutcome outcome)
{
    m_currentTools = {QStringLiteral("git_push")};
    Tool* push = m_setup.tools ? m_setup.tools->find(QStringLiteral("git_push")) : nullptr;
    if (!push) {
        m_currentTools.clear();
        return finishStep(std::move(outcome));
    }
    const ToolContext context{m_input.state, definition(), m_input.runId, m_input.workspace, this};
    push->invoke(Json::object(), context, [this, outcome](ToolResult pushed) mutable {
        outcome.tools.push_back({QStringLiteral("git_push"), pushed.ok, 0, true});
        merge(outcome.stateUpdate, pushed.stateUpdate);
        if (!pushed.ok)
            log::get("graph")->warn("run {}: {}'s work is committed but not pushed: {}",
                                    m_input.runId, definition().id,
                                    redaction::text(toQ(dumpJson(pushed.output))).left(300));
        m_currentTools.clear();
        finishStep(std::move(outcome));
    });
}

} // namespace orch
