#pragma once
// One wire protocol (OpenAI Chat Completions, Anthropic Messages): how to build the request,
// read a whole reply, read a streamed one, and extract the provider's error message.
// Transport, retries and timeouts live in HttpChatCall and are shared.

#include "api/ChatTypes.h"
#include "core/Result.h"
#include "llm/SseParser.h"
#include "net/HttpMessage.h"

#include <QByteArray>
#include <QUrl>
#include <functional>
#include <memory>

namespace orch {

// Accumulates a streamed reply event by event.
class StreamDecoder
{
public:
    virtual ~StreamDecoder() = default;
    // An error stops the call (malformed event or an error event from the provider).
    virtual Result<void> onEvent(const SseEvent& event) = 0;
    // True once the provider signalled the end of the message.
    virtual bool complete() const = 0;
    virtual ChatResponse take() = 0;

    std::function<void(const std::string&)> onText; // visible text as it arrives
};

class ChatProtocol
{
public:
    virtual ~ChatProtocol() = default;
    virtual const char* name() const = 0;
    virtual QUrl endpoint(const QUrl& baseUrl) const = 0;
    virtual void addHeaders(net::HttpHeaders& headers, const QByteArray& apiKey) const = 0;
    virtual Json body(const ChatRequest& request) const = 0;
    virtual Result<ChatResponse> parseReply(const QByteArray& body) const = 0;
    virtual std::unique_ptr<StreamDecoder> streamDecoder() const = 0;
    // The provider's own message from an error body, or a short excerpt of the body.
    virtual QString errorMessage(const QByteArray& body) const;
};

// The index of a streamed tool call or content block: an integer, or its decimal text (some
// servers quote it); absent is 0. Anything else, or an index past any real reply, is an error.
Result<long long> readStreamIndex(const Json& value);

// Joins a base URL ("http://host/v1") and a path ("chat/completions") with one slash.
QUrl joinUrl(const QUrl& base, const QString& path);

} // namespace orch
