#pragma once
// Bounded retries with exponential backoff and jitter; a server's Retry-After wins (capped).

#include <QByteArray>
#include <optional>

namespace orch {

struct RetryPolicy
{
    int maxAttempts = 4;
    int baseDelayMs = 500;
    int maxDelayMs = 30000;

    // Delay before attempt `nextAttempt` (2, 3, ...).
    int delayMs(int nextAttempt, std::optional<int> retryAfterMs) const;
};

// Parses Retry-After (seconds or HTTP date) and retry-after-ms; nullopt when absent/invalid.
std::optional<int> parseRetryAfter(const QByteArray& retryAfter, const QByteArray& retryAfterMs);

} // namespace orch
