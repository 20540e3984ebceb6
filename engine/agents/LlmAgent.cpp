#include "agents/LlmAgent.h"

#include "llm/LlmProvider.h"
#include "tools/ToolRegistry.h"

#include <QElapsedTimer>

namespace orch {

LlmAgent::LlmAgent(const AgentDefinition& definition, LlmAgentSetup setup, QObject* parent)
    : Agent(definition, parent), m_setup(setup)
{
}

ChatRequest LlmAgent::buildRequest() const
{
    ChatRequest request;
    request.agent = toStd(definition().id);
    request.model = m_setup.model;
    request.temperature = definition().temperature;
    request.system = toStd(definition().prompt);
    request.messages = m_input.conversation;
    request.stream = m_setup.stream;
    QStringList names = definition().tools;
    if (!definition().handoffs.isEmpty() && !names.contains(QStringLiteral("handoff")))
        names << QStringLiteral("handoff");
    for (const QString& name : names)
        if (Tool* tool = m_setup.tools->find(name))
            request.tools.push_back(tool->spec());
    return request;
}

void LlmAgent::runStep(const StepInput& input)
{
    if (!transitionTo(AgentState::Thinking))
        return finishStep({StepOutcome::Kind::Failed, {},
                           QStringLiteral("agent %1 cannot start a step from state %2")
                               .arg(definition().id, agentStateName(state()))});
    m_input = input;
    m_outcome = StepOutcome();
    m_outcome.conversation = input.conversation;
    m_outcome.provider = m_setup.provider->label();
    m_outcome.model = m_setup.model;
    m_call = m_setup.provider->start(buildRequest(), this);
    connect(m_call, &LlmCall::finished, this, &LlmAgent::onModelReplied);
    connect(m_call, &LlmCall::textDelta, this, &Agent::textDelta);
    connect(m_call, &LlmCall::retrying, this, &Agent::retrying);
}

void LlmAgent::cancel()
{
    ++m_generation;
    m_toolScope.reset(); // tools' processes die with it, silently
    if (m_call) {
        m_call->disconnect(this);
        m_call->abort();
        m_call->deleteLater();
    }
    Agent::cancel();
}

void LlmAgent::onModelReplied()
{
    LlmCall* call = m_call;
    call->deleteLater();
    if (!call->succeeded()) {
        m_outcome.kind = StepOutcome::Kind::Failed;
        m_outcome.reason = call->error();
        return finishStep(std::move(m_outcome));
    }
    ChatResponse response = call->response();
    m_outcome.usage = response.usage;
    m_outcome.attempts = response.attempts;
    m_outcome.text = toQ(response.content);
    // Some local servers omit tool call ids; the conversation needs them to pair results.
    for (size_t i = 0; i < response.toolCalls.size(); ++i)
        if (response.toolCalls[i].id.empty())
            response.toolCalls[i].id = "call_" + std::to_string(m_input.conversation.size()) + "_"
                                       + std::to_string(i);
    m_outcome.conversation.push_back(
        {ChatMessage::Role::Assistant, response.content, response.toolCalls, {}, {}});
    Json transcript = {{"agent", toStd(definition().id)}, {"content", response.content}};
    if (!response.toolCalls.empty()) {
        Json names = Json::array();
        for (const auto& c : response.toolCalls)
            names.push_back(c.name);
        transcript["tool_calls"] = std::move(names);
    }
    m_outcome.stateUpdate["messages"] = Json::array({std::move(transcript)});
    if (response.toolCalls.empty()) {
        m_outcome.kind = StepOutcome::Kind::Finished;
        return finishStep(std::move(m_outcome));
    }
    transitionTo(AgentState::CallingTool);
    m_toolScope = std::make_unique<QObject>();
    m_working = ProjectState(m_input.state);
    m_pendingTools = std::move(response.toolCalls);
    m_nextTool = 0;
    runNextTool();
}

void LlmAgent::runNextTool()
{
    if (m_nextTool >= m_pendingTools.size())
        return finishTools();
    const ToolCall& call = m_pendingTools[m_nextTool];
    const quint64 generation = m_generation;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto record = [this, generation, timer, call](ToolResult result) {
        if (generation != m_generation)
            return; // cancelled meanwhile
        m_outcome.tools.push_back({toQ(call.name), result.ok, timer->elapsed()});
        // Later tools of the step see what earlier ones changed; appends accumulate.
        m_working.apply(result.stateUpdate);
        for (auto it = result.stateUpdate.begin(); it != result.stateUpdate.end(); ++it) {
            Json& slot = m_outcome.stateUpdate[it.key()];
            if (ProjectState::appends(it.key()) && slot.is_array())
                for (const auto& item : it->is_array() ? *it : Json::array({*it}))
                    slot.push_back(item);
            else
                slot = it.value();
        }
        if (result.handoffTo)
            m_outcome.handoffTo = *result.handoffTo;
        if (result.question) {
            m_outcome.pendingToolCallId = toQ(call.id); // answered later by the person
        } else {
            m_outcome.conversation.push_back(
                {ChatMessage::Role::Tool, dumpJson(result.output), {}, call.id, call.name});
        }
        ++m_nextTool;
        runNextTool();
    };

    const QString name = toQ(call.name);
    Tool* tool = m_setup.tools->find(name);
    const bool allowed = definition().tools.contains(name)
                         || (name == QLatin1String("handoff") && !definition().handoffs.isEmpty());
    if (!tool || !allowed)
        return record(ToolResult::failure(
            QStringLiteral("tool '%1' is not available to you; use one of: %2")
                .arg(name, definition().tools.join(QStringLiteral(", ")))));
    const Json arguments =
        parseJson(QByteArray::fromStdString(call.arguments.empty() ? "{}" : call.arguments));
    if (!arguments.is_object())
        return record(ToolResult::failure(
            QStringLiteral("arguments are not a JSON object: %1").arg(toQ(call.arguments.substr(0, 200)))));
    tool->invoke(arguments,
                 ToolContext{m_working.document(), definition(), m_input.runId, m_input.workspace,
                             m_toolScope.get()},
                 record);
}

void LlmAgent::finishTools()
{
    m_pendingTools.clear();
    if (m_toolScope)
        m_toolScope.release()->deleteLater(); // after the tools' callbacks have unwound
    if (!m_outcome.pendingToolCallId.isEmpty())
        m_outcome.kind = StepOutcome::Kind::WaitForHuman;
    else if (!m_outcome.handoffTo.isEmpty())
        m_outcome.kind = StepOutcome::Kind::Handoff;
    else
        m_outcome.kind = StepOutcome::Kind::Continue;
    finishStep(std::move(m_outcome));
}

} // namespace orch
