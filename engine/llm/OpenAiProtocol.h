#pragma once
// OpenAI-compatible Chat Completions (OpenAI, OpenRouter, vLLM, Ollama, llama.cpp server).

#include "llm/ChatProtocol.h"

namespace orch {

class OpenAiProtocol final : public ChatProtocol
{
public:
    const char* name() const override { return "openai"; }
    QUrl endpoint(const QUrl& baseUrl) const override;
    void addHeaders(net::HttpHeaders& headers, const QByteArray& apiKey) const override;
    Json body(const ChatRequest& request) const override;
    Result<ChatResponse> parseReply(const QByteArray& body) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override;
};

} // namespace orch
