#include "LlmTestHelpers.h"

#include "runtime/ModelRouter.h"

#include <QSignalSpy>

namespace orch::test {

std::unique_ptr<HttpChatProvider> makeProvider(const QString& kind, const QUrl& url,
                                               net::HttpClient* network, int attempts,
                                               int timeoutMs, const QByteArray& apiKey)
{
    ProviderEndpoint endpoint;
    endpoint.baseUrl = url;
    endpoint.apiKey = apiKey;
    endpoint.timeoutMs = timeoutMs;
    endpoint.retry = {attempts, 20, 2000};
    return std::make_unique<HttpChatProvider>(protocolFor(kind), endpoint, network);
}

LlmCall* finishCall(LlmProvider& provider, const ChatRequest& request, QObject* owner)
{
    LlmCall* call = provider.start(request, owner);
    QSignalSpy done(call, &LlmCall::finished);
    if (!done.wait(20000))
        qWarning("call did not finish");
    return call;
}

} // namespace orch::test
