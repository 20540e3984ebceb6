#include "llm/RetryPolicy.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <algorithm>

namespace orch {

int RetryPolicy::delayMs(int nextAttempt, std::optional<int> retryAfterMs) const
{
    if (retryAfterMs)
        return std::clamp(*retryAfterMs, 0, maxDelayMs);
    const int exponent = std::clamp(nextAttempt - 2, 0, 20);
    const qint64 full = std::min<qint64>(qint64(baseDelayMs) << exponent, maxDelayMs);
    // "Equal jitter": half fixed, half random, so concurrent callers spread out.
    const qint64 half = full / 2;
    return int(half + QRandomGenerator::global()->bounded(half + 1));
}

std::optional<int> parseRetryAfter(const QByteArray& retryAfter, const QByteArray& retryAfterMs)
{
    bool ok = false;
    if (!retryAfterMs.isEmpty()) {
        const double ms = retryAfterMs.trimmed().toDouble(&ok);
        if (ok && ms >= 0)
            return int(ms);
    }
    if (retryAfter.isEmpty())
        return std::nullopt;
    const double seconds = retryAfter.trimmed().toDouble(&ok);
    if (ok && seconds >= 0)
        return int(seconds * 1000);
    const QDateTime when =
        QDateTime::fromString(QString::fromLatin1(retryAfter.trimmed()), Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    return int(std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when)));
}

} // namespace orch
