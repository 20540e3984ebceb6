// The tool half of a step: the calls of one reply run one after another, each journaled
// before it starts and with its result after, so a restarted step finishes them once.
#include "agents/LlmAgent.h"
#include "agents/StepJournal.h"
#include "core/FailPoint.h"
#include "core/Guard.h"
#include "core/Log.h"
#include "llm/Conversation.h"
#include "tools/ArgumentSchema.h"
#include "tools/ToolRegistry.h"

#include <QElapsedTimer>
#include <QTimer>

namespace orch {

void LlmAgent::runTools()
{
    m_insideLoop = true;
    const quint64 generation = m_generation;
    while (m_nextTool < m_pendingTools.size()) {
        const ToolCall& call = m_pendingTools[m_nextTool];
        m_toolAnswered = false;
        if (m_nextTool >= size_t(m_setup.maxToolCallsPerReply)) {
            record(call,
                   ToolResult::failure(
                       QStringLiteral("not run: at most %1 tool calls are run per reply; "
                                      "ask for the rest in your next reply")
                           .arg(m_setup.maxToolCallsPerReply)),
                   0, false);
        } else {
            startTool(call);
        }
        if (generation != m_generation)
            return; // cancelled by what the tool did
        if (!m_toolAnswered) {
            m_insideLoop = false; // the tool answers later; record() continues the loop
            return;
        }
    }
    m_insideLoop = false;
    finishTools();
}

void LlmAgent::startTool(const ToolCall& call)
{
    const quint64 generation = m_generation;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    const size_t index = m_nextTool;
    auto invoked = std::make_shared<Json>();  // the arguments, once the tool was started
    auto ran = std::make_shared<bool>(false); // started now, or before a restart
    auto done = [this, generation, timer, index, invoked, ran](ToolResult result) {
        if (generation != m_generation || index != m_nextTool || m_toolAnswered)
            return; // cancelled meanwhile, timed out, or a tool that answered twice
        if (result.waitForResources)
            return waitStep(*result.waitForResources); // not journaled: it is made again
        if (!invoked->is_null() && !journalResult(index, *invoked, result))
            return;
        auto handled = guarded("graph", "a tool's answer", [&] {
            record(m_pendingTools[index], std::move(result), timer->elapsed(), *ran);
            if (!m_insideLoop)
                runTools();
        });
        if (!handled)
            failStep(handled.error());
    };
    const QString name = toQ(call.name);
    Tool* tool = m_setup.tools->find(name);
    const bool allowed = definition().tools.contains(name) ||
                         (name == QLatin1String("handoff") && !definition().handoffs.isEmpty());
    if (!tool || !allowed)
        return done(ToolResult::failure(
            QStringLiteral("tool '%1' is not available to you; use one of: %2")
                .arg(name.left(80), definition().tools.join(QStringLiteral(", ")))));
    const Json arguments =
        parseJson(QByteArray::fromStdString(call.arguments.empty() ? "{}" : call.arguments));
    if (!arguments.is_object()) {
        const QString shown = toQ(call.arguments.substr(0, 200));
        return done(ToolResult::failure(
            m_cutAtOutputLimit
                ? QStringLiteral("your reply was cut off at the output limit, so the arguments "
                                 "of this call are incomplete; send less in one call (for "
                                 "example a file in parts): %1")
                      .arg(shown)
                : QStringLiteral("arguments are not a JSON object: %1").arg(shown)));
    }
    const ToolSpec spec = tool->spec();
    auto conformed = ArgumentSchema::conform(spec.parameters, arguments);
    if (!conformed)
        return done(ToolResult::failure(conformed.error()));
    const Json checked = std::move(conformed).value();
    const auto before =
        m_input.journal ? m_input.journal->callState(index) : StepJournal::CallState::New;
    *ran = true;
    if (before == StepJournal::CallState::Completed)
        return done(m_input.journal->recordedResult(index)); // it ran before a restart
    if (before == StepJournal::CallState::New && m_input.journal)
        if (auto journaled = m_input.journal->recordIntent(index, call, checked); !journaled)
            return failJournal(QStringLiteral("cannot journal %1: %2").arg(name, journaled.error()),
                               journaled.code());
    *invoked = checked;
    const ToolContext context{m_working.document(), definition(), m_input.runId, m_input.workspace,
                              m_toolScope.get()};
    auto started = guarded("tools", "a tool call", [&] {
        if (before == StepJournal::CallState::Started) {
            log::get("graph")->info("{}: {} was started before a restart; reconciling it",
                                    toStd(definition().id), name);
            tool->reconcile(checked, context, done);
        } else {
            tool->invoke(checked, context, done);
        }
    });
    if (!started)
        return done(
            ToolResult::failure(QStringLiteral("%1 failed: %2").arg(name, started.error())));
    if (!m_toolAnswered && generation == m_generation)
        QTimer::singleShot(m_setup.toolTimeoutMs, m_toolScope.get(),
                           [done, name, ms = m_setup.toolTimeoutMs] {
                               done(ToolResult::failure(
                                   QStringLiteral("%1 did not answer within %2 s and was stopped")
                                       .arg(name)
                                       .arg(ms / 1000.0)));
                           });
}

bool LlmAgent::journalResult(size_t index, const Json& arguments, const ToolResult& result)
{
    const ToolCall& call = m_pendingTools[index];
    const QString name = toQ(call.name);
    failPoint(QStringLiteral("tool-done:") + name); // done, and not yet known to be
    if (!m_input.journal)
        return true;
    if (auto journaled = m_input.journal->recordResult(index, call, arguments, result);
        !journaled) {
        failJournal(QStringLiteral("cannot journal %1: %2").arg(name, journaled.error()),
                    journaled.code());
        return false;
    }
    failPoint(QStringLiteral("tool-recorded:") + name);
    return true;
}

void LlmAgent::failStep(const QString& reason)
{
    endStepEarly(StepOutcome::Kind::Failed, reason);
}

void LlmAgent::endStepEarly(StepOutcome::Kind kind, const QString& reason)
{
    ++m_generation; // the tool loop and late answers stop here
    m_pendingTools.clear();
    if (m_toolScope)
        m_toolScope.release()->deleteLater();
    m_outcome.kind = kind;
    m_outcome.reason = reason;
    finishStep(std::move(m_outcome));
}

void LlmAgent::failJournal(const QString& reason, ErrorCode code)
{
    // The database is away: the run waits for it and makes this step again, instead of failing.
    endStepEarly(code == ErrorCode::Unavailable ? StepOutcome::Kind::WaitForStore
                                                : StepOutcome::Kind::Failed,
                 reason);
}

void LlmAgent::waitStep(const QString& reason)
{
    endStepEarly(StepOutcome::Kind::WaitForResources, reason);
}

void LlmAgent::record(const ToolCall& call, ToolResult result, qint64 elapsedMs, bool ran)
{
    m_toolAnswered = true;
    ++m_nextTool;
    m_outcome.tools.push_back({toQ(call.name.substr(0, 64)), result.ok, elapsedMs, ran});
    // Later tools of the step see what earlier ones changed; appends accumulate.
    m_working.apply(result.stateUpdate);
    for (auto it = result.stateUpdate.begin(); it != result.stateUpdate.end(); ++it) {
        if (it.key() == "question")
            continue; // the run shows the questions one at a time
        Json& slot = m_outcome.stateUpdate[it.key()];
        if (ProjectState::appends(it.key()) && slot.is_array())
            for (const auto& item : it->is_array() ? *it : Json::array({*it}))
                slot.push_back(item);
        else
            slot = it.value();
    }
    if (result.handoffTo)
        m_outcome.handoffTo = *result.handoffTo;
    if (result.finishes)
        m_outcome.declaredDone = true;
    if (result.question) {
        // Answered later by the person; the answer becomes this call's result.
        m_outcome.questions.push_back({call.id, call.name, *result.question});
        return;
    }
    m_outcome.conversation.push_back(
        {ChatMessage::Role::Tool,
         conversation::elide(dumpJson(result.output), m_setup.maxToolResultBytes),
         {},
         call.id,
         call.name,
         !result.ok});
}

void LlmAgent::finishTools()
{
    m_pendingTools.clear();
    if (m_toolScope)
        m_toolScope.release()->deleteLater(); // after the tools' callbacks have unwound
    if (!m_outcome.questions.empty()) {
        // The person's answers come first: a handoff in the same reply is not taken.
        if (!m_outcome.handoffTo.isEmpty()) {
            for (ChatMessage& message : m_outcome.conversation)
                if (message.role == ChatMessage::Role::Tool && message.toolName == "handoff")
                    message.content =
                        dumpJson(Json{{"error", "handoff not taken: you asked the person in "
                                                "the same reply; hand off after the answer"}});
            m_outcome.handoffTo.clear();
            m_outcome.stateUpdate.erase("handoff_note");
        }
        m_outcome.kind = StepOutcome::Kind::WaitForHuman;
    } else if (!m_outcome.handoffTo.isEmpty() && failedBesideHandoff()) {
        // A handoff sent with a call that failed was decided before its result was read.
        for (ChatMessage& message : m_outcome.conversation)
            if (message.role == ChatMessage::Role::Tool && message.toolName == "handoff")
                message.content = dumpJson(
                    Json{{"error", "handoff not taken: a call in the same reply failed; read its "
                                   "result, then decide where the work goes"}});
        m_outcome.handoffTo.clear();
        m_outcome.stateUpdate.erase("handoff_note");
        m_outcome.kind = StepOutcome::Kind::Continue;
    } else if (!m_outcome.handoffTo.isEmpty()) {
        m_outcome.kind = StepOutcome::Kind::Handoff;
    } else if (m_outcome.declaredDone) {
        m_outcome.kind = StepOutcome::Kind::Finished;
    } else {
        m_outcome.kind = StepOutcome::Kind::Continue;
    }
    finishStep(std::move(m_outcome));
}

bool LlmAgent::failedBesideHandoff() const
{
    for (const ToolInvocation& tool : m_outcome.tools)
        if (!tool.ok && tool.ran && tool.name != QLatin1String("handoff"))
            return true;
    return false;
}

} // namespace orch
