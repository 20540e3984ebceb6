#pragma once
// Shared by the provider tests: a provider for a protocol pointed at a fake server, and a
// call run to its end.

#include "llm/HttpChatProvider.h"

#include <memory>

namespace orch::net {
class HttpClient;
}

namespace orch::test {

// kind: "openai" or "anthropic"; short backoff so retry tests stay quick.
std::unique_ptr<HttpChatProvider> makeProvider(const QString& kind, const QUrl& url,
                                               net::HttpClient* network, int attempts = 3,
                                               int timeoutMs = 5000,
                                               const QByteArray& apiKey = "test-key");
// Starts the call and waits (serving the event loop) until it finished.
LlmCall* finishCall(LlmProvider& provider, const ChatRequest& request, QObject* owner);

} // namespace orch::test
