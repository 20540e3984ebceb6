#pragma once
// Provider-neutral chat types. Conversations are checkpointed, so every type round-trips
// through JSON.

#include "core/Json.h"

#include <cstdint>
#include <string>
#include <vector>

namespace orch {

struct ToolCall
{
    std::string id;
    std::string name;
    std::string arguments; // raw JSON text as the model produced it

    Json toJson() const { return {{"id", id}, {"name", name}, {"arguments", arguments}}; }
    static ToolCall fromJson(const Json& json);
};

struct ChatMessage
{
    enum class Role
    {
        User,
        Assistant,
        Tool
    };
    Role role = Role::User;
    std::string content;
    std::vector<ToolCall> toolCalls; // assistant messages
    std::string toolCallId;          // tool messages
    std::string toolName;            // tool messages
    bool isError = false;            // tool messages: the call failed (the model is told so)

    static ChatMessage user(std::string text) { return {Role::User, std::move(text), {}, {}, {}}; }
    Json toJson() const;
    static ChatMessage fromJson(const Json& json);
};

struct ToolSpec
{
    std::string name;
    std::string description;
    Json parameters; // JSON Schema of the arguments object
};

struct ChatRequest
{
    std::string agent; // who asks; never sent to a provider (the replay provider keys on it)
    std::string model;
    double temperature = 0.2;
    std::string system;
    std::vector<ChatMessage> messages;
    std::vector<ToolSpec> tools;
    bool stream = false;
    int maxTokens = 4096;
    // What the model accepts (o-series and gpt-5 refuse temperature and max_tokens).
    bool sendTemperature = true;
    std::string outputTokensField = "max_tokens"; // or "max_completion_tokens"
    std::string reasoningEffort;                  // "low" | "medium" | "high"; empty: not sent
    bool emptyContentAsString = false;            // send "" where a message has no text, never null
};

struct TokenUsage
{
    long long prompt = 0; // qint64, so QVariant takes it as is
    long long completion = 0;
    long long cached = 0;     // of `prompt`, read from the provider's cache
    long long cacheWrite = 0; // of `prompt`, written to the provider's cache
    // False when the provider sent counts that cannot be true (negative, absurd, mistyped):
    // the counts are then an estimate from the bytes exchanged and the cost is unknown.
    bool reported = true;

    TokenUsage& operator+=(const TokenUsage& other)
    {
        prompt += other.prompt;
        completion += other.completion;
        cached += other.cached;
        cacheWrite += other.cacheWrite;
        reported = reported && other.reported;
        return *this;
    }
    long long total() const { return prompt + completion; }
};

// Reads one token count of a provider's usage object into `out`. Absent or null leaves it;
// anything but an integer in [0, kMaxTokenCount] marks the usage as not reported.
constexpr long long kMaxTokenCount = 100'000'000;
void readTokenCount(const Json& usage, const char* key, long long& out, TokenUsage& into);

struct ChatResponse
{
    std::string content;
    std::vector<ToolCall> toolCalls;
    std::string finishReason;
    std::string model;
    TokenUsage usage;
    int attempts = 1;
};

} // namespace orch
