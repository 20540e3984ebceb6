#pragma once
// Money as people read it: "$0.35" (chat, digest) or "$0.0035" (reports, tables), and
// "unknown" for a price the pricing table does not have — never "$0".

#include <QString>
#include <optional>

namespace orch {

inline QString usd(double value, int decimals)
{
    return QStringLiteral("$%1").arg(value, 0, 'f', decimals);
}

inline QString usd(std::optional<double> value, int decimals)
{
    return value ? usd(*value, decimals) : QStringLiteral("unknown");
}

} // namespace orch
