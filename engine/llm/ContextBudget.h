#pragma once
// Keeping a conversation inside a model's context window. A request's size is estimated from
// its bytes (about four to a token, corrected by the caller against what the provider
// reports); when it would not fit, what the model no longer needs verbatim goes first: old
// tool results and the long string arguments of its own old calls become their head and tail
// with a note. What is still too large is condensed into a summary by the model itself
// (LlmAgent does that); these are the pieces it uses.

#include "api/ChatTypes.h"

#include <QString>
#include <vector>

namespace orch::context {

// Tokens a request would take: its bytes over four (system, messages, calls, tool schemas).
long long estimateTokens(const ChatRequest& request);
// Shortens tool results and long string arguments of calls in every message before the last
// `keepRecent` to about `keepBytes` each; already shortened ones are left. Returns the bytes
// saved. Calls stay valid JSON, so a provider that parses them still can.
size_t elideOld(std::vector<ChatMessage>& messages, size_t keepRecent, int keepBytes);
// Where the verbatim tail starts when the rest is condensed: the assistant message that opens
// the last `keepTurns` turns (calls and their results stay together); 0 when there is no
// older part worth condensing.
size_t recentStart(const std::vector<ChatMessage>& messages, size_t keepTurns);
// Messages [from, to) as plain text for the summarizer, at most `maxBytes` (the newest kept).
std::string transcript(const std::vector<ChatMessage>& messages, size_t from, size_t to,
                       size_t maxBytes);
// Whether a provider's error says the request is larger than the model's context.
bool isContextOverflow(const QString& error);

} // namespace orch::context
