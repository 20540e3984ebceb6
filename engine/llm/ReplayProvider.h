#pragma once
// The offline demo model: plays a recorded script of replies (text and tool calls) per agent
// and turn, with no network. Labelled as such wherever it is used.

#include "core/Json.h"
#include "core/Result.h"
#include "llm/LlmProvider.h"

namespace orch {

inline constexpr const char* kReplayFormat = "codegen-orchestrator.replay/1";

class ReplayProvider final : public LlmProvider
{
public:
    // {"format": ..., "label": ..., "agents": {"<id>": [{"content": "...",
    //   "tool_calls": [{"name": "...", "arguments": {...}}]}, ...]}}
    static Result<std::unique_ptr<ReplayProvider>> load(const QString& file);
    static Result<std::unique_ptr<ReplayProvider>> fromJson(const Json& script);

    LlmCall* start(const ChatRequest& request, QObject* parent) override;
    QString label() const override;

private:
    explicit ReplayProvider(Json script);
    Result<ChatResponse> replyFor(const ChatRequest& request) const;

    Json m_script;
};

} // namespace orch
