#include "llm/AnthropicProtocol.h"

#include <map>

namespace orch {
namespace {

// About 1024 tokens: below it the provider caches nothing, so nothing is marked.
constexpr size_t kMinCachedBytes = 4096;

Json toolInput(const std::string& arguments)
{
    Json input = parseJson(QByteArray::fromStdString(arguments));
    return input.is_object() ? input : Json::object();
}

// Anthropic wants alternating user/assistant turns: consecutive user-side blocks (text and
// tool results) are merged into one user message.
Json messagesJson(const std::vector<ChatMessage>& messages)
{
    Json out = Json::array();
    auto appendBlocks = [&out](const char* role, Json blocks) {
        if (!out.empty() && out.back()["role"] == role) {
            for (auto& block : blocks)
                out.back()["content"].push_back(std::move(block));
            return;
        }
        out.push_back({{"role", role}, {"content", std::move(blocks)}});
    };
    for (const auto& message : messages) {
        switch (message.role) {
        case ChatMessage::Role::User:
            appendBlocks("user", Json::array({{{"type", "text"}, {"text", message.content}}}));
            break;
        case ChatMessage::Role::Tool: {
            Json block = {{"type", "tool_result"},
                          {"tool_use_id", message.toolCallId},
                          {"content", message.content}};
            if (message.isError)
                block["is_error"] = true;
            appendBlocks("user", Json::array({std::move(block)}));
        } break;
        case ChatMessage::Role::Assistant: {
            Json blocks = Json::array();
            if (!message.content.empty())
                blocks.push_back({{"type", "text"}, {"text", message.content}});
            for (const auto& call : message.toolCalls)
                blocks.push_back({{"type", "tool_use"},
                                  {"id", call.id},
                                  {"name", call.name},
                                  {"input", toolInput(call.arguments)}});
            appendBlocks("assistant", std::move(blocks));
            break;
        }
        }
    }
    return out;
}

// Anthropic's input_tokens leaves out what was read from or written to the cache; the
// ledger counts every prompt token in `prompt`, as OpenAI reports them.
TokenUsage withCacheInPrompt(TokenUsage usage)
{
    usage.prompt += usage.cached + usage.cacheWrite;
    return usage;
}

TokenUsage readAnthropicUsage(const Json& usage, TokenUsage result = {})
{
    if (!usage.is_object())
        return result;
    readTokenCount(usage, "input_tokens", result.prompt, result);
    readTokenCount(usage, "output_tokens", result.completion, result);
    readTokenCount(usage, "cache_read_input_tokens", result.cached, result);
    readTokenCount(usage, "cache_creation_input_tokens", result.cacheWrite, result);
    return result;
}

class AnthropicStreamDecoder final : public StreamDecoder
{
public:
    Result<void> onEvent(const SseEvent& event) override
    {
        const Json data = parseJson(event.data);
        if (!data.is_object())
            return Error{
                QStringLiteral("malformed stream event '%1': %2")
                    .arg(QString::fromUtf8(event.event), QString::fromUtf8(event.data.left(120)))};
        const std::string type = stringOr(data, "type", event.event.toStdString());
        if (type == "error")
            return Error{QStringLiteral("provider error in stream: %1")
                             .arg(toQ(stringOr(member(data, "error"), "message")))};
        if (type == "message_start") {
            const Json& message = objectAt(data, "message");
            m_response.model = stringOr(message, "model");
            m_response.usage = readAnthropicUsage(member(message, "usage"));
        } else if (type == "content_block_start") {
            const Json& block = objectAt(data, "content_block");
            auto index = readStreamIndex(member(data, "index"));
            if (!index)
                return index.failure();
            if (stringOr(block, "type") == "tool_use")
                m_calls[index.value()] = {stringOr(block, "id"), stringOr(block, "name"), {}};
            else
                appendText(stringOr(block, "text"));
        } else if (type == "content_block_delta") {
            const Json& delta = objectAt(data, "delta");
            const std::string deltaType = stringOr(delta, "type");
            if (deltaType == "text_delta") {
                appendText(stringOr(delta, "text"));
            } else if (deltaType == "input_json_delta") {
                auto index = readStreamIndex(member(data, "index"));
                if (!index)
                    return index.failure();
                m_calls[index.value()].arguments += stringOr(delta, "partial_json");
            }
        } else if (type == "message_delta") {
            m_response.finishReason =
                stringOr(member(data, "delta"), "stop_reason", m_response.finishReason);
            m_response.usage = readAnthropicUsage(member(data, "usage"), m_response.usage);
        } else if (type == "message_stop") {
            m_done = true;
        }
        return {};
    }

    bool complete() const override { return m_done; }

    ChatResponse take() override
    {
        for (auto& [index, call] : m_calls) {
            if (call.arguments.empty())
                call.arguments = "{}";
            m_response.toolCalls.push_back(std::move(call));
        }
        m_response.usage = withCacheInPrompt(m_response.usage);
        return std::move(m_response);
    }

private:
    void appendText(const std::string& text)
    {
        if (text.empty())
            return;
        m_response.content += text;
        if (onText)
            onText(text);
    }

    ChatResponse m_response;
    std::map<long long, ToolCall> m_calls;
    bool m_done = false;
};

} // namespace

QUrl AnthropicProtocol::endpoint(const QUrl& baseUrl) const
{
    return joinUrl(baseUrl, QStringLiteral("messages"));
}

void AnthropicProtocol::addHeaders(net::HttpHeaders& headers, const QByteArray& apiKey) const
{
    headers.emplaceBack("anthropic-version", "2023-06-01");
    if (!apiKey.isEmpty())
        headers.emplaceBack("x-api-key", apiKey);
}

Json AnthropicProtocol::body(const ChatRequest& request) const
{
    Json body = {{"model", request.model},
                 {"max_tokens", request.maxTokens},
                 {"messages", messagesJson(request.messages)}};
    if (request.sendTemperature)
        body["temperature"] = request.temperature;
    // Prompt caching: the system prompt and the tools (the same on every call of an agent)
    // and the conversation so far (a rolling breakpoint on its last block) are cached, once
    // they are long enough for the provider to cache them at all.
    const Json ephemeral = {{"type", "ephemeral"}};
    size_t stableBytes = request.system.size();
    for (const auto& tool : request.tools)
        stableBytes += tool.description.size() + dumpJson(tool.parameters).size();
    const bool cache = stableBytes >= kMinCachedBytes;
    if (!request.system.empty())
        body["system"] =
            cache
                ? Json::array(
                      {{{"type", "text"}, {"text", request.system}, {"cache_control", ephemeral}}})
                : Json(request.system);
    if (!request.tools.empty()) {
        Json tools = Json::array();
        for (const auto& tool : request.tools)
            tools.push_back({{"name", tool.name},
                             {"description", tool.description},
                             {"input_schema", tool.parameters}});
        if (cache)
            tools.back()["cache_control"] = ephemeral;
        body["tools"] = std::move(tools);
    }
    Json& messages = body["messages"];
    if (cache && !messages.empty() && messages.back()["content"].is_array() &&
        !messages.back()["content"].empty())
        messages.back()["content"].back()["cache_control"] = ephemeral;
    if (request.stream)
        body["stream"] = true;
    return body;
}

Result<ChatResponse> AnthropicProtocol::parseReply(const QByteArray& bytes) const
{
    const Json json = parseJson(bytes);
    if (!json.is_object())
        return Error{QStringLiteral("reply is not JSON: %1")
                         .arg(QString::fromUtf8(bytes.left(120)).simplified())};
    if (!json.contains("content") || !json["content"].is_array())
        return Error{QStringLiteral("reply has no content blocks")};
    ChatResponse response;
    response.model = stringOr(json, "model");
    response.finishReason = stringOr(json, "stop_reason");
    response.usage = withCacheInPrompt(readAnthropicUsage(member(json, "usage")));
    for (const auto& block : json["content"]) {
        const std::string type = stringOr(block, "type");
        if (type == "text")
            response.content += stringOr(block, "text");
        else if (type == "tool_use")
            response.toolCalls.push_back(
                {stringOr(block, "id"), stringOr(block, "name"),
                 dumpJson(member(block, "input").is_object() ? block["input"] : Json::object())});
    }
    return response;
}

std::unique_ptr<StreamDecoder> AnthropicProtocol::streamDecoder() const
{
    return std::make_unique<AnthropicStreamDecoder>();
}

} // namespace orch
