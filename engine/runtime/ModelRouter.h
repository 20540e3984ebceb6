#pragma once
// Turns a graph's model profile ("default" → openai gpt-4o-mini) into a provider and a model
// name, from the engine's settings. Providers are named; several of one kind (OpenAI itself,
// OpenRouter, a local Ollama) are used side by side. A profile without a configured endpoint is an
// error, never a silent default.

#include "core/Result.h"
#include "graph/GraphDefinition.h"
#include "llm/HttpChatProvider.h"

#include <QStringList>
#include <map>
#include <memory>
#include <optional>

namespace orch::net {
class HttpClient;
}

namespace orch {

// The settings' choice for one of a graph's model profiles: it wins over the graph's own
// provider and model, so a person picks models in the settings without editing the graph.
struct ProfileChoice
{
    QString provider;
    QString model;
};

struct LlmSettings
{
    // Endpoints by provider name ("openai", "openrouter", "ollama"), each speaking `kinds`.
    std::map<QString, ProviderEndpoint> endpoints;
    std::map<QString, QString> kinds; // provider name → "openai" | "anthropic" (default: name)
    // --llm-url: every profile goes to this endpoint, spoken as `overrideKind`.
    std::optional<ProviderEndpoint> overrideEndpoint;
    QString overrideKind = QStringLiteral("openai");
    QString overrideModel;                 // --llm-model
    QString apiKeyHandle;                  // vault handle of the API key for the override endpoint
    std::map<QString, QString> keySecrets; // provider name → vault handle of its API key
    std::map<QString, ProfileChoice> profileChoices; // by profile name (`model_profiles`)
    QString replayScript; // the offline demo model: every profile replays this script
    bool stream = true;
    int maxToolCallsPerReply = 32; // calls past it get an error result
    // What one run may use before the person is asked whether it goes on (0: no limit).
    long long runTokens = 5'000'000;
    int runMinutes = 240; // minutes spent in steps; time waiting for people is not counted
};

struct ResolvedModel
{
    LlmProvider* provider = nullptr;
    std::string model;
};

class ModelRouter
{
public:
    // Model calls go through its own HTTP client, on the thread it is made on.
    explicit ModelRouter(LlmSettings settings);
    ~ModelRouter();

    // The graph's profile `name` with the settings' choice of provider and model applied.
    ModelProfileRef profile(const GraphDefinition& graph, const QString& name) const;
    Result<ResolvedModel> resolve(const ModelProfileRef& profile);
    // Checks every profile a graph uses, so a run never starts with a missing endpoint.
    Result<void> check(const GraphDefinition& graph);
    // The providers the graph's agents use that have no endpoint (none while --llm-url or the
    // offline demo model serves every profile), in the order first used.
    QStringList unconfiguredProviders(const GraphDefinition& graph) const;
    const LlmSettings& settings() const { return m_settings; }
    // From now on every profile replays `script` (the offline demo model); checked first.
    Result<void> useReplay(const QString& script);

private:
    LlmProvider* providerFor(const QString& name, const QString& kind,
                             const ProviderEndpoint& endpoint);
    QString kindOf(const QString& name) const;

    LlmSettings m_settings;
    std::unique_ptr<net::HttpClient> m_http;
    std::map<QString, std::unique_ptr<LlmProvider>> m_providers;
};

// Builds the protocol for a provider kind; null for unknown kinds.
std::unique_ptr<ChatProtocol> protocolFor(const QString& kind);

} // namespace orch
