#include "llm/OpenAiProtocol.h"

#include <map>

namespace orch {
namespace {

Json messageJson(const ChatMessage& message, bool emptyAsString)
{
    switch (message.role) {
    case ChatMessage::Role::User:
        return {{"role", "user"}, {"content", message.content}};
    case ChatMessage::Role::Tool:
        return {
            {"role", "tool"}, {"tool_call_id", message.toolCallId}, {"content", message.content}};
    case ChatMessage::Role::Assistant: {
        Json json = {{"role", "assistant"}};
        // Some servers refuse null content, some refuse "": the profile says which.
        json["content"] = message.content.empty() && !message.toolCalls.empty() && !emptyAsString
                              ? Json(nullptr)
                              : Json(message.content);
        if (!message.toolCalls.empty()) {
            Json calls = Json::array();
            for (const auto& call : message.toolCalls)
                calls.push_back(
                    {{"id", call.id},
                     {"type", "function"},
                     {"function", {{"name", call.name}, {"arguments", call.arguments}}}});
            json["tool_calls"] = std::move(calls);
        }
        return json;
    }
    }
    return {};
}

TokenUsage readOpenAiUsage(const Json& usage)
{
    TokenUsage result;
    if (!usage.is_object())
        return result;
    readTokenCount(usage, "prompt_tokens", result.prompt, result);
    readTokenCount(usage, "completion_tokens", result.completion, result);
    readTokenCount(objectAt(usage, "prompt_tokens_details"), "cached_tokens", result.cached,
                   result);
    return result;
}

class OpenAiStreamDecoder final : public StreamDecoder
{
public:
    Result<void> onEvent(const SseEvent& event) override
    {
        if (event.data == "[DONE]") {
            m_done = true;
            return {};
        }
        const Json chunk = parseJson(event.data);
        if (!chunk.is_object())
            return Error{QStringLiteral("malformed stream chunk: %1")
                             .arg(QString::fromUtf8(event.data.left(120)))};
        if (chunk.contains("error") && !chunk["error"].is_null())
            return Error{QStringLiteral("provider error in stream: %1")
                             .arg(toQ(chunk["error"].is_object()
                                          ? stringOr(chunk["error"], "message")
                                          : dumpJson(chunk["error"]).substr(0, 300)))};
        if (member(chunk, "usage").is_object())
            m_response.usage = readOpenAiUsage(chunk["usage"]);
        m_response.model = stringOr(chunk, "model", m_response.model);
        const Json& choices = arrayAt(chunk, "choices");
        if (choices.empty() || !choices[0].is_object())
            return {};
        const Json& choice = choices[0];
        m_response.finishReason = stringOr(choice, "finish_reason", m_response.finishReason);
        const Json& delta = objectAt(choice, "delta");
        const std::string text = stringOr(delta, "content");
        if (!text.empty()) {
            m_response.content += text;
            if (onText)
                onText(text);
        }
        for (const auto& fragment : arrayAt(delta, "tool_calls")) {
            if (!fragment.is_object())
                return Error{QStringLiteral("stream chunk has a tool call that is not an object")};
            auto index = readStreamIndex(member(fragment, "index"));
            if (!index)
                return index.failure();
            ToolCall& call = m_calls[index.value()];
            // The id and the name come whole in one chunk; servers that repeat them in later
            // chunks must not produce "write_filewrite_file".
            if (call.id.empty())
                call.id = stringOr(fragment, "id");
            const Json& function = objectAt(fragment, "function");
            if (call.name.empty())
                call.name = stringOr(function, "name");
            call.arguments += stringOr(function, "arguments");
        }
        return {};
    }

    // Some servers close the stream after the finish reason without "[DONE]".
    bool complete() const override { return m_done || !m_response.finishReason.empty(); }

    ChatResponse take() override
    {
        for (auto& [index, call] : m_calls)
            m_response.toolCalls.push_back(std::move(call));
        return std::move(m_response);
    }

private:
    ChatResponse m_response;
    std::map<long long, ToolCall> m_calls;
    bool m_done = false;
};

} // namespace

QUrl OpenAiProtocol::endpoint(const QUrl& baseUrl) const
{
    return joinUrl(baseUrl, QStringLiteral("chat/completions"));
}

void OpenAiProtocol::addHeaders(net::HttpHeaders& headers, const QByteArray& apiKey) const
{
    if (!apiKey.isEmpty())
        headers.emplaceBack("Authorization", "Bearer " + apiKey);
}

Json OpenAiProtocol::body(const ChatRequest& request) const
{
    Json messages = Json::array();
    if (!request.system.empty())
        messages.push_back({{"role", "system"}, {"content", request.system}});
    for (const auto& message : request.messages)
        messages.push_back(messageJson(message, request.emptyContentAsString));
    Json body = {{"model", request.model}, {"messages", std::move(messages)}};
    if (request.sendTemperature)
        body["temperature"] = request.temperature;
    if (!request.outputTokensField.empty())
        body[request.outputTokensField] = request.maxTokens;
    if (!request.reasoningEffort.empty())
        body["reasoning_effort"] = request.reasoningEffort;
    if (!request.tools.empty()) {
        Json tools = Json::array();
        for (const auto& tool : request.tools)
            tools.push_back({{"type", "function"},
                             {"function",
                              {{"name", tool.name},
                               {"description", tool.description},
                               {"parameters", tool.parameters}}}});
        body["tools"] = std::move(tools);
    }
    if (request.stream) {
        body["stream"] = true;
        body["stream_options"] = {{"include_usage", true}};
    }
    return body;
}

Result<ChatResponse> OpenAiProtocol::parseReply(const QByteArray& bytes) const
{
    const Json json = parseJson(bytes);
    if (!json.is_object())
        return Error{QStringLiteral("reply is not JSON: %1")
                         .arg(QString::fromUtf8(bytes.left(120)).simplified())};
    if (!json.contains("choices") || !json["choices"].is_array() || json["choices"].empty())
        return Error{QStringLiteral("reply has no choices")};
    const Json& choice = json["choices"][0];
    if (!member(choice, "message").is_object())
        return Error{QStringLiteral("reply choice has no message")};
    const Json& message = choice["message"];
    ChatResponse response;
    response.content = stringOr(message, "content");
    response.finishReason = stringOr(choice, "finish_reason");
    response.model = stringOr(json, "model");
    response.usage = readOpenAiUsage(member(json, "usage"));
    for (const auto& call : arrayAt(message, "tool_calls")) {
        if (!member(call, "function").is_object())
            return Error{QStringLiteral("reply has a malformed tool call")};
        const Json& function = call["function"];
        std::string arguments = member(function, "arguments").is_object()
                                    ? dumpJson(function["arguments"])
                                    : stringOr(function, "arguments");
        response.toolCalls.push_back(
            {stringOr(call, "id"), stringOr(function, "name"), std::move(arguments)});
    }
    return response;
}

std::unique_ptr<StreamDecoder> OpenAiProtocol::streamDecoder() const
{
    return std::make_unique<OpenAiStreamDecoder>();
}

} // namespace orch
