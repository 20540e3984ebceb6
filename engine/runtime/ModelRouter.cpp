#include "runtime/ModelRouter.h"

#include "llm/AnthropicProtocol.h"
#include "llm/OpenAiProtocol.h"
#include "llm/ReplayProvider.h"
#include "net/HttpClient.h"

namespace orch {

std::unique_ptr<ChatProtocol> protocolFor(const QString& kind)
{
    if (kind == QLatin1String("openai"))
        return std::make_unique<OpenAiProtocol>();
    if (kind == QLatin1String("anthropic"))
        return std::make_unique<AnthropicProtocol>();
    return nullptr;
}

ModelRouter::ModelRouter(LlmSettings settings)
    : m_settings(std::move(settings)), m_http(std::make_unique<net::HttpClient>())
{
}

ModelRouter::~ModelRouter() = default;

QString ModelRouter::kindOf(const QString& name) const
{
    const auto kind = m_settings.kinds.find(name);
    return kind == m_settings.kinds.end() ? name : kind->second;
}

LlmProvider* ModelRouter::providerFor(const QString& name, const QString& kind,
                                      const ProviderEndpoint& endpoint)
{
    auto& slot = m_providers[name];
    if (!slot)
        slot = std::make_unique<HttpChatProvider>(protocolFor(kind), endpoint, m_http.get());
    return slot.get();
}

ModelProfileRef ModelRouter::profile(const GraphDefinition& graph, const QString& name) const
{
    const auto inGraph = graph.models.find(name);
    ModelProfileRef profile = inGraph == graph.models.end() ? ModelProfileRef{} : inGraph->second;
    const auto chosen = m_settings.profileChoices.find(name);
    if (chosen != m_settings.profileChoices.end()) {
        profile.provider = chosen->second.provider;
        profile.model = chosen->second.model;
    }
    return profile;
}

Result<ResolvedModel> ModelRouter::resolve(const ModelProfileRef& profile)
{
    const std::string model =
        toStd(m_settings.overrideModel.isEmpty() ? profile.model : m_settings.overrideModel);
    if (!m_settings.replayScript.isEmpty() || profile.provider == QLatin1String("replay")) {
        if (m_settings.replayScript.isEmpty())
            return Error{
                QStringLiteral("the replay provider needs a recorded script (--llm-replay FILE)")};
        auto& slot = m_providers[QStringLiteral("replay")];
        if (!slot) {
            auto loaded = ReplayProvider::load(m_settings.replayScript);
            if (!loaded)
                return loaded.failure();
            slot = std::move(loaded).value();
        }
        return ResolvedModel{slot.get(), model};
    }
    if (m_settings.overrideEndpoint) {
        if (!protocolFor(m_settings.overrideKind))
            return Error{QStringLiteral("unknown provider kind '%1' (openai, anthropic)")
                             .arg(m_settings.overrideKind)};
        return ResolvedModel{providerFor(QStringLiteral("route_all_to"), m_settings.overrideKind,
                                         *m_settings.overrideEndpoint),
                             model};
    }
    const auto endpoint = m_settings.endpoints.find(profile.provider);
    if (endpoint == m_settings.endpoints.end()) {
        QStringList configured;
        for (const auto& [name, unused] : m_settings.endpoints)
            configured << name;
        return Error{QStringLiteral("no endpoint configured for provider '%1' (model %2): add "
                                    "it under providers in the settings (configured: %3), or "
                                    "pass --llm-url URL")
                         .arg(profile.provider, profile.model,
                              configured.isEmpty() ? QStringLiteral("none")
                                                   : configured.join(QStringLiteral(", ")))};
    }
    const QString kind = kindOf(profile.provider);
    if (!protocolFor(kind))
        return Error{QStringLiteral("provider '%1' speaks an unknown protocol '%2' (openai, "
                                    "anthropic)")
                         .arg(profile.provider, kind)};
    return ResolvedModel{providerFor(profile.provider, kind, endpoint->second), model};
}

Result<void> ModelRouter::useReplay(const QString& script)
{
    auto loaded = ReplayProvider::load(script);
    if (!loaded)
        return loaded.failure();
    m_settings.replayScript = script;
    m_providers[QStringLiteral("replay")] = std::move(loaded).value();
    return {};
}

QStringList ModelRouter::unconfiguredProviders(const GraphDefinition& graph) const
{
    QStringList missing;
    if (m_settings.overrideEndpoint || !m_settings.replayScript.isEmpty())
        return missing;
    for (const auto& agent : graph.agents) {
        if (agent.kind != QLatin1String("llm") || !graph.models.count(agent.model))
            continue;
        const QString provider = profile(graph, agent.model).provider;
        if (provider != QLatin1String("replay") && !m_settings.endpoints.count(provider) &&
            !missing.contains(provider))
            missing << provider;
    }
    return missing;
}

Result<void> ModelRouter::check(const GraphDefinition& graph)
{
    for (const auto& agent : graph.agents) {
        if (agent.kind != QLatin1String("llm"))
            continue;
        auto resolved = resolve(profile(graph, agent.model));
        if (!resolved)
            return Error{QStringLiteral("agent %1: %2").arg(agent.id, resolved.error())};
    }
    return {};
}

} // namespace orch
