// Builders of replies in the exact shapes of the OpenAI and Anthropic APIs.

#include "FakeLlmServer.h"

#include <atomic>

namespace orch::test {
namespace {

QByteArray sse(const Json& data, const char* event = nullptr)
{
    QByteArray out;
    if (event)
        out += QByteArray("event: ") + event + "\n";
    out += "data: " + toBytes(data) + "\n\n";
    return out;
}

// Fragments of `fragment` characters (UTF-8 code points: a JSON string cannot hold half of one).
std::vector<std::string> split(const std::string& text, int fragment)
{
    std::vector<std::string> parts;
    size_t start = 0;
    int count = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        const bool boundary =
            i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        if (!boundary)
            continue;
        if (count == fragment || (i == text.size() && i > start)) {
            parts.push_back(text.substr(start, i - start));
            start = i;
            count = 0;
        }
        ++count;
    }
    return parts;
}

} // namespace

FakeReply FakeReply::openAiText(const std::string& text, long long promptTokens,
                                long long completionTokens)
{
    const Json body = {{"id", "chatcmpl-fake"},
                       {"object", "chat.completion"},
                       {"model", "fake-model"},
                       {"choices",
                        {{{"index", 0},
                          {"message", {{"role", "assistant"}, {"content", text}}},
                          {"finish_reason", "stop"}}}},
                       {"usage",
                        {{"prompt_tokens", promptTokens},
                         {"completion_tokens", completionTokens},
                         {"total_tokens", promptTokens + completionTokens}}}};
    return raw(200, toBytes(body));
}

FakeReply FakeReply::openAiToolCalls(const std::vector<ToolCall>& calls, const std::string& text)
{
    Json toolCalls = Json::array();
    for (const auto& call : calls)
        toolCalls.push_back({{"id", call.id},
                             {"type", "function"},
                             {"function", {{"name", call.name}, {"arguments", call.arguments}}}});
    const Json body = {
        {"id", "chatcmpl-fake"},
        {"object", "chat.completion"},
        {"model", "fake-model"},
        {"choices",
         {{{"index", 0},
           {"message",
            {{"role", "assistant"},
             {"content", text.empty() ? Json(nullptr) : Json(text)},
             {"tool_calls", toolCalls}}},
           {"finish_reason", "tool_calls"}}}},
        {"usage", {{"prompt_tokens", 20}, {"completion_tokens", 8}, {"total_tokens", 28}}}};
    return raw(200, toBytes(body));
}

FakeReply FakeReply::openAiStream(const std::string& text, const std::vector<ToolCall>& calls,
                                  int fragment, long long promptTokens, long long completionTokens)
{
    FakeReply reply;
    reply.stream = true;
    auto chunk = [](Json delta, Json finish = nullptr) {
        return sse({{"id", "chatcmpl-fake"},
                    {"object", "chat.completion.chunk"},
                    {"model", "fake-model"},
                    {"choices",
                     {{{"index", 0},
                       {"delta", std::move(delta)},
                       {"finish_reason", std::move(finish)}}}}});
    };
    reply.chunks << chunk({{"role", "assistant"}, {"content", ""}});
    for (const auto& part : split(text, fragment))
        reply.chunks << chunk({{"content", part}});
    for (size_t i = 0; i < calls.size(); ++i) {
        reply.chunks << chunk({{"tool_calls",
                                {{{"index", i},
                                  {"id", calls[i].id},
                                  {"type", "function"},
                                  {"function", {{"name", calls[i].name}, {"arguments", ""}}}}}}});
        for (const auto& part : split(calls[i].arguments, fragment))
            reply.chunks << chunk(
                {{"tool_calls", {{{"index", i}, {"function", {{"arguments", part}}}}}}});
    }
    reply.chunks << chunk(Json::object(), calls.empty() ? "stop" : "tool_calls");
    reply.chunks << sse({{"id", "chatcmpl-fake"},
                         {"object", "chat.completion.chunk"},
                         {"choices", Json::array()},
                         {"usage",
                          {{"prompt_tokens", promptTokens},
                           {"completion_tokens", completionTokens},
                           {"total_tokens", promptTokens + completionTokens}}}});
    reply.chunks << QByteArray("data: [DONE]\n\n");
    return reply;
}

FakeReply FakeReply::anthropicText(const std::string& text)
{
    return anthropicToolUse({}, text);
}

FakeReply FakeReply::anthropicToolUse(const std::vector<ToolCall>& calls, const std::string& text)
{
    Json content = Json::array();
    if (!text.empty())
        content.push_back({{"type", "text"}, {"text", text}});
    for (const auto& call : calls)
        content.push_back({{"type", "tool_use"},
                           {"id", call.id},
                           {"name", call.name},
                           {"input", parseJson(QByteArray::fromStdString(call.arguments))}});
    static std::atomic<int> messages{0};
    const Json body = {{"id", "msg_fake_" + std::to_string(++messages)},
                       {"type", "message"},
                       {"role", "assistant"},
                       {"model", "fake-claude"},
                       {"content", content},
                       {"stop_reason", calls.empty() ? "end_turn" : "tool_use"},
                       {"usage", {{"input_tokens", 25}, {"output_tokens", 9}}}};
    return raw(200, toBytes(body));
}

FakeReply FakeReply::anthropicStream(const std::string& text, const std::vector<ToolCall>& calls,
                                     int fragment)
{
    FakeReply reply;
    reply.stream = true;
    reply.chunks << sse({{"type", "message_start"},
                         {"message",
                          {{"id", "msg_fake"},
                           {"type", "message"},
                           {"role", "assistant"},
                           {"model", "fake-claude"},
                           {"content", Json::array()},
                           {"usage", {{"input_tokens", 40}, {"output_tokens", 1}}}}}},
                        "message_start");
    int index = 0;
    if (!text.empty()) {
        reply.chunks << sse({{"type", "content_block_start"},
                             {"index", index},
                             {"content_block", {{"type", "text"}, {"text", ""}}}},
                            "content_block_start");
        reply.chunks << QByteArray("event: ping\ndata: {\"type\": \"ping\"}\n\n");
        for (const auto& part : split(text, fragment))
            reply.chunks << sse({{"type", "content_block_delta"},
                                 {"index", index},
                                 {"delta", {{"type", "text_delta"}, {"text", part}}}},
                                "content_block_delta");
        reply.chunks << sse({{"type", "content_block_stop"}, {"index", index}},
                            "content_block_stop");
        ++index;
    }
    for (const auto& call : calls) {
        reply.chunks << sse({{"type", "content_block_start"},
                             {"index", index},
                             {"content_block",
                              {{"type", "tool_use"},
                               {"id", call.id},
                               {"name", call.name},
                               {"input", Json::object()}}}},
                            "content_block_start");
        for (const auto& part : split(call.arguments, fragment))
            reply.chunks << sse({{"type", "content_block_delta"},
                                 {"index", index},
                                 {"delta", {{"type", "input_json_delta"}, {"partial_json", part}}}},
                                "content_block_delta");
        reply.chunks << sse({{"type", "content_block_stop"}, {"index", index}},
                            "content_block_stop");
        ++index;
    }
    reply.chunks << sse({{"type", "message_delta"},
                         {"delta", {{"stop_reason", calls.empty() ? "end_turn" : "tool_use"}}},
                         {"usage", {{"output_tokens", 17}}}},
                        "message_delta");
    reply.chunks << sse({{"type", "message_stop"}}, "message_stop");
    return reply;
}

FakeReply FakeReply::responses(const std::string& text, const std::vector<ToolCall>& calls,
                               long long inputTokens, long long outputTokens)
{
    Json output = Json::array();
    if (!text.empty())
        output.push_back(
            {{"type", "message"},
             {"id", "msg_fake"},
             {"status", "completed"},
             {"role", "assistant"},
             {"content",
              {{{"type", "output_text"}, {"text", text}, {"annotations", Json::array()}}}}});
    for (const auto& call : calls)
        output.push_back({{"type", "function_call"},
                          {"id", "fc_" + call.id},
                          {"call_id", call.id},
                          {"name", call.name},
                          {"arguments", call.arguments},
                          {"status", "completed"}});
    const Json body = {{"id", "resp_fake"},
                       {"object", "response"},
                       {"created_at", 1764979200},
                       {"status", "completed"},
                       {"model", "fake-gpt"},
                       {"output", output},
                       {"usage",
                        {{"input_tokens", inputTokens},
                         {"input_tokens_details", {{"cached_tokens", 0}}},
                         {"output_tokens", outputTokens},
                         {"output_tokens_details", {{"reasoning_tokens", 0}}},
                         {"total_tokens", inputTokens + outputTokens}}}};
    return raw(200, toBytes(body));
}

// The streaming events of https://platform.openai.com/docs/api-reference/responses-streaming:
// each with its `event:` name and a sequence_number, text in deltas, the whole response last.
FakeReply FakeReply::responsesStream(const Json& response)
{
    FakeReply reply;
    reply.stream = true;
    int sequence = 0;
    auto send = [&](const char* type, Json data) {
        data["type"] = type;
        data["sequence_number"] = sequence++;
        reply.chunks << sse(data, type);
    };
    Json started = response;
    started["status"] = "in_progress";
    started["output"] = Json::array();
    started["usage"] = nullptr;
    send("response.created", {{"response", started}});
    int index = 0;
    for (const Json& item : arrayAt(response, "output")) {
        Json opened = item;
        opened["status"] = "in_progress";
        if (opened.contains("content"))
            opened["content"] = Json::array();
        if (opened.contains("arguments"))
            opened["arguments"] = "";
        send("response.output_item.added", {{"output_index", index}, {"item", opened}});
        for (const auto& part : split(stringOr(item, "arguments"), 8))
            send("response.function_call_arguments.delta",
                 {{"output_index", index}, {"item_id", item.value("id", "")}, {"delta", part}});
        for (const Json& content : arrayAt(item, "content"))
            for (const auto& part : split(stringOr(content, "text"), 8))
                send("response.output_text.delta", {{"output_index", index},
                                                    {"item_id", item.value("id", "")},
                                                    {"content_index", 0},
                                                    {"delta", part}});
        send("response.output_item.done", {{"output_index", index}, {"item", item}});
        ++index;
    }
    send("response.completed", {{"response", response}});
    return reply;
}

FakeReply FakeReply::error(int status, const std::string& message, int retryAfterSeconds)
{
    FakeReply reply = raw(
        status,
        toBytes({{"type", "error"}, {"error", {{"type", "fake_error"}, {"message", message}}}}));
    if (retryAfterSeconds >= 0)
        reply.headers.append({"Retry-After", QByteArray::number(retryAfterSeconds)});
    return reply;
}

FakeReply FakeReply::raw(int status, QByteArray body)
{
    FakeReply reply;
    reply.status = status;
    reply.body = std::move(body);
    return reply;
}

} // namespace orch::test
