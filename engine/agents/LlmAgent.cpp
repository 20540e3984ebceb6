#include "agents/LlmAgent.h"

#include "agents/StepJournal.h"
#include "core/FailPoint.h"
#include "core/Guard.h"
#include "core/Log.h"
#include "core/StepProfile.h"
#include "llm/ContextBudget.h"
#include "llm/Conversation.h"
#include "llm/LlmProvider.h"
#include "tools/ArgumentSchema.h"
#include "tools/ToolRegistry.h"

#include <QElapsedTimer>
#include <QTimer>
#include <set>

namespace orch {

LlmAgent::LlmAgent(const AgentDefinition& definition, LlmAgentSetup setup, QObject* parent)
    : Agent(definition, parent), m_setup(setup)
{
}

ChatRequest LlmAgent::buildRequest() const
{
    ChatRequest request = profiledRequest(m_setup.profile.outputTokens);
    request.temperature = definition().temperature;
    request.system = toStd(definition().prompt);
    request.messages = m_input.conversation;
    request.tools = toolSpecs();
    return request;
}

const std::vector<ToolSpec>& LlmAgent::toolSpecs() const
{
    if (m_toolSpecs) // the agent's definition and tools do not change between its steps
        return *m_toolSpecs;
    m_toolSpecs.emplace();
    QStringList names = definition().tools;
    if (!definition().handoffs.isEmpty() && !names.contains(QStringLiteral("handoff")))
        names << QStringLiteral("handoff");
    for (const QString& name : names) {
        Tool* tool = m_setup.tools->find(name);
        if (!tool)
            continue;
        ToolSpec spec = tool->spec();
        // The model sees exactly whom this agent may hand off to.
        if (name == QLatin1String("handoff") && spec.parameters.contains("properties")) {
            Json allowed = Json::array();
            for (const QString& id : definition().handoffs)
                allowed.push_back(toStd(id));
            spec.parameters["properties"]["to"]["enum"] = std::move(allowed);
        }
        m_toolSpecs->push_back(std::move(spec));
    }
    return *m_toolSpecs;
}

ChatRequest LlmAgent::profiledRequest(int maxTokens) const
{
    ChatRequest request;
    request.agent = toStd(definition().id);
    request.model = m_setup.model;
    request.stream = m_setup.stream;
    request.maxTokens = maxTokens;
    request.sendTemperature = m_setup.profile.sendTemperature;
    request.outputTokensField = toStd(m_setup.profile.outputTokensField);
    request.reasoningEffort = toStd(m_setup.profile.reasoningEffort);
    request.emptyContentAsString = m_setup.profile.emptyContentAsString;
    return request;
}

long long LlmAgent::contextBudget() const
{
    const ModelProfileRef& profile = m_setup.profile;
    return profile.contextWindow - profile.outputTokens - profile.contextWindow / 20;
}

bool LlmAgent::fitContext(ChatRequest& request)
{
    auto fits = [&] {
        m_lastEstimate = context::estimateTokens(request);
        return double(m_lastEstimate) * m_tokenRatio <= double(contextBudget());
    };
    // Old results first, then all but the latest turn's; each pass is rare, so the
    // conversation's prefix stays stable between them (providers cache it).
    for (const auto& [keepRecent, keepBytes] : {std::pair{12, 800}, std::pair{3, 300}}) {
        if (fits())
            return true;
        const size_t saved = context::elideOld(m_input.conversation, size_t(keepRecent), keepBytes);
        if (saved > 0)
            log::get("graph")->info("{}: shortened old tool results by {} bytes to fit the "
                                    "context window",
                                    toStd(definition().id), saved);
        request.messages = m_input.conversation;
    }
    return fits();
}

void LlmAgent::runStep(StepInput input)
{
    if (!transitionTo(AgentState::Thinking))
        return finishStep({StepOutcome::Kind::Failed,
                           {},
                           QStringLiteral("agent %1 cannot start a step from state %2")
                               .arg(definition().id, agentStateName(state()))});
    std::optional<profile::Scope> building(std::in_place, "agent: request built");
    m_input = std::move(input);
    m_outcome = StepOutcome();
    // A conversation that breaks the protocol would be refused by the provider on every
    // retry; it is repaired (and the repair logged) before it is sent.
    conversation::ensureValid(m_input.conversation, toStd(definition().id));
    m_outcome.provider = m_setup.provider->label();
    m_outcome.model = m_setup.model;
    ChatRequest request = buildRequest();
    const bool fits = fitContext(request);
    if (auto recorded = m_input.journal ? m_input.journal->recordedReply() : std::nullopt) {
        // The reply came (and was paid for) before a restart: the step goes on from it.
        log::get("graph")->info("{}: step {} continues from the reply received before a restart",
                                toStd(definition().id), m_input.journal->step());
        m_outcome.conversation = m_input.conversation;
        m_replayedReply = true;
        return handleReply(std::move(*recorded));
    }
    m_replayedReply = false;
    // Too large even shortened: the older part is condensed. With no older part to condense
    // (one huge turn), the request goes as it is and the provider has the last word: the
    // profile's window is an estimate, and an error it sends is handled below.
    if (!fits && context::recentStart(m_input.conversation, 2) > 0)
        return condense(QStringLiteral("the conversation no longer fits the context window"));
    m_outcome.conversation = m_input.conversation; // as shortened: later requests stay small
    building.reset();                              // m_lastEstimate: the request's, from fitContext
    m_call = m_setup.provider->start(request, this);
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
        // The provider counts differently than the estimate: condense once and retry.
        if (context::isContextOverflow(call->error()) && !m_condensedForOverflow) {
            m_condensedForOverflow = true;
            m_tokenRatio = std::max(m_tokenRatio * 1.5, 1.5);
            return condense(QStringLiteral("the provider said: %1").arg(call->error().left(300)));
        }
        m_outcome.kind = StepOutcome::Kind::Failed;
        m_outcome.reason = call->error();
        return finishStep(std::move(m_outcome));
    }
    ChatResponse response = call->response();
    m_condensedForOverflow = false;
    // The provider's count corrects the estimate; a count far from it (a proxy, a cache, a
    // stand-in) says nothing about the tokenizer and is not learned from.
    if (response.usage.reported && response.usage.prompt > 0 && m_lastEstimate > 0) {
        const double ratio = double(response.usage.prompt) / double(m_lastEstimate);
        if (ratio >= 0.5 && ratio <= 2.5)
            m_tokenRatio = ratio;
    }
    emit modelReplied(m_outcome.provider, m_outcome.model, response.usage);
    handleReply(std::move(response));
}

void LlmAgent::handleReply(ChatResponse response)
{
    const profile::Scope timed("agent: reply handled (checked, tools)");
    auto accepted =
        guarded("graph", "handling a model reply", [&] { acceptReply(std::move(response)); });
    if (!accepted && state() != AgentState::Failed && state() != AgentState::Done)
        failStep(accepted.error());
}

void LlmAgent::acceptReply(ChatResponse response)
{
    m_outcome.usage = response.usage;
    m_outcome.attempts = response.attempts;
    m_outcome.text = toQ(response.content);
    m_cutAtOutputLimit = response.finishReason == "length" || response.finishReason == "max_tokens";
    // Some local servers omit tool call ids, or repeat them; the conversation needs unique
    // ids to pair results with calls.
    std::set<std::string> seen;
    for (size_t i = 0; i < response.toolCalls.size(); ++i) {
        std::string& id = response.toolCalls[i].id;
        if (id.empty() || id.size() > 200 || !seen.insert(id).second) {
            id = "call_" + std::to_string(m_input.conversation.size()) + "_" + std::to_string(i);
            seen.insert(id);
        }
    }
    m_outcome.conversation.push_back(
        {ChatMessage::Role::Assistant, response.content, response.toolCalls, {}, {}});
    Json transcript = {{"agent", toStd(definition().id)}, {"content", response.content}};
    if (!response.toolCalls.empty()) {
        Json names = Json::array();
        for (size_t i = 0; i < response.toolCalls.size() && i < 64; ++i)
            names.push_back(response.toolCalls[i].name.substr(0, 64));
        transcript["tool_calls"] = std::move(names);
    }
    m_outcome.stateUpdate["messages"] = Json::array({std::move(transcript)});
    if (response.toolCalls.empty()) {
        m_outcome.kind = StepOutcome::Kind::Finished;
        return finishStep(std::move(m_outcome));
    }
    // The calls about to run are journaled with the reply that asked for them, so a restart
    // finishes these calls instead of asking the model for new ones.
    if (m_input.journal && !m_replayedReply)
        if (auto journaled = m_input.journal->recordReply(response); !journaled)
            return failJournal(QStringLiteral("cannot journal the step: %1").arg(journaled.error()),
                               journaled.code());
    m_pendingTools = std::move(response.toolCalls); // before the move, which names them
    m_nextTool = 0;
    transitionTo(AgentState::CallingTool);
    ++m_generation; // a late callback of an earlier step's tool is ignored
    m_toolScope = std::make_unique<QObject>();
    m_working = ProjectState(m_input.state);
    runTools();
}

QStringList LlmAgent::currentTools() const
{
    QStringList names;
    if (state() == AgentState::CallingTool)
        for (size_t i = 0; i < m_pendingTools.size() && i < 16; ++i) // a sane reply calls a few
            names << toQ(m_pendingTools[i].name.substr(0, 64));
    return names;
}

} // namespace orch
