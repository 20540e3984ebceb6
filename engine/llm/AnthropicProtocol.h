#pragma once
// Anthropic Messages API: content blocks, tool_use / tool_result, named stream events.

#include "llm/ChatProtocol.h"

namespace orch {

class AnthropicProtocol final : public ChatProtocol
{
public:
    const char* name() const override { return "anthropic"; }
    QUrl endpoint(const QUrl& baseUrl) const override;
    void addHeaders(net::HttpHeaders& headers, const QByteArray& apiKey) const override;
    Json body(const ChatRequest& request) const override;
    Result<ChatResponse> parseReply(const QByteArray& body) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override;
};

} // namespace orch
