#pragma once
// The chat protocol's rules for a conversation before it is sent: it starts with the user,
// every tool call of an assistant turn has exactly one result before the next turn, and every
// result answers a call. A provider refuses a conversation that breaks them, on every retry,
// so a broken one is repaired (logged) instead; under ORCH_STRICT_CONVERSATIONS=1 (the
// tests) a violation aborts, so a bug that causes one cannot pass unnoticed.

#include "api/ChatTypes.h"

#include <QString>
#include <vector>

namespace orch::conversation {

// What is wrong, or empty when the conversation keeps the rules.
QString problem(const std::vector<ChatMessage>& messages);
// Makes the conversation keep the rules: a missing result becomes an error result, a result
// that answers nothing is dropped. `who` names the agent in the log.
void ensureValid(std::vector<ChatMessage>& messages, const std::string& who);
// The text, or its head and tail with the number of bytes left out between them.
std::string elide(const std::string& text, int maxBytes);

} // namespace orch::conversation
