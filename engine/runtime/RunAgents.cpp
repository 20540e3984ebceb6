// The agent of each node a run meets, made once: the built-in tool loop with the model its
// profile resolves to, or a coding agent CLI (RunCoding.cpp); what it does becomes the run's
// events, what it spends the ledger's.
#include "agents/LlmAgent.h"
#include "api/RunEvents.h"
#include "core/Log.h"
#include "runtime/ModelRouter.h"
#include "runtime/Run.h"
#include "store/RunStore.h"

namespace orch {

Agent* Run::agentFor(const AgentDefinition& definition, QString* error)
{
    auto& slot = m_agents[definition.id];
    if (slot)
        return slot;
    if (definition.kind == QLatin1String("coding_agent"))
        return slot = codingAgentFor(definition, error);
    if (definition.kind != QLatin1String("llm")) {
        *error = QStringLiteral("builtin action '%1' is not available").arg(definition.action);
        return nullptr;
    }
    const ModelProfileRef profile = m_setup.models->profile(graph(), definition.model);
    auto resolved = m_setup.models->resolve(profile);
    if (!resolved) {
        *error = resolved.error();
        return nullptr;
    }
    LlmAgentSetup setup{resolved->provider, resolved->model, m_setup.tools,
                        m_setup.models->settings().stream,
                        m_setup.models->settings().maxToolCallsPerReply};
    setup.profile = profile;
    auto* agent = new LlmAgent(definition, setup, this);
    connect(agent, &Agent::stateChanged, this, [this, agent](AgentState from, AgentState to) {
        // Its tools are about to run, and a kill may come in any of them: the reply's call is
        // in the ledger first.
        if (to == AgentState::CallingTool)
            if (auto saved = m_setup.store->flushLedger(); !saved)
                log::get("store")->error("run {}: model call not recorded in the ledger: {}",
                                         m_record.id, saved.error());
        emitEvent(EventKind::AgentState, AgentMoved{agent->definition().id, agentStateName(from),
                                                    agentStateName(to), agent->currentTools()}
                                             .toJson());
    });
    connect(agent, &Agent::retrying, this, [this](int attempt, int delayMs, const QString& why) {
        emitEvent(EventKind::LlmRetry, ModelRetry{attempt, delayMs, why}.toJson());
    });
    connect(agent, &Agent::stepFinished, this, &Run::onStepFinished);
    connect(agent, &Agent::modelReplied, this,
            [this](const QString& provider, const std::string& model, const TokenUsage& usage) {
                recordModelCall(provider, model, usage);
            });
    slot = agent;
    return agent;
}

} // namespace orch
