#include "api/ChatTypes.h"

namespace orch {
namespace {
const char* roleName(ChatMessage::Role role)
{
    switch (role) {
    case ChatMessage::Role::User:
        return "user";
    case ChatMessage::Role::Assistant:
        return "assistant";
    case ChatMessage::Role::Tool:
        return "tool";
    }
    return "user";
}
} // namespace

void readTokenCount(const Json& usage, const char* key, long long& out, TokenUsage& into)
{
    const Json& value = member(usage, key);
    if (value.is_null())
        return;
    const auto count = asInteger(value);
    if (!count || *count < 0 || *count > kMaxTokenCount) {
        into.reported = false;
        return;
    }
    out = *count;
}

ToolCall ToolCall::fromJson(const Json& json)
{
    return {stringOr(json, "id"), stringOr(json, "name"), stringOr(json, "arguments")};
}

Json ChatMessage::toJson() const
{
    Json json = {{"role", roleName(role)}, {"content", content}};
    if (!toolCalls.empty()) {
        Json calls = Json::array();
        for (const auto& call : toolCalls)
            calls.push_back(call.toJson());
        json["tool_calls"] = std::move(calls);
    }
    if (role == Role::Tool) {
        json["tool_call_id"] = toolCallId;
        json["name"] = toolName;
        if (isError)
            json["is_error"] = true;
    }
    return json;
}

ChatMessage ChatMessage::fromJson(const Json& json)
{
    ChatMessage message;
    const std::string role = stringOr(json, "role", "user");
    message.role = role == "assistant" ? Role::Assistant : role == "tool" ? Role::Tool : Role::User;
    message.content = stringOr(json, "content");
    if (json.contains("tool_calls") && json["tool_calls"].is_array())
        for (const auto& call : json["tool_calls"])
            message.toolCalls.push_back(ToolCall::fromJson(call));
    message.toolCallId = stringOr(json, "tool_call_id");
    message.toolName = stringOr(json, "name");
    message.isError = boolOr(json, "is_error", false);
    return message;
}

} // namespace orch
