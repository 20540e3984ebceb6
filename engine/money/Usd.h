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

// A cost of which `simulated` was priced for the offline demo model, not paid: "$0.04
// (simulated)", or "$0.05 (incl. $0.04 simulated)" when real calls are in it too.
inline QString usd(double value, double simulated, int decimals)
{
    if (simulated <= 0)
        return usd(value, decimals);
    if (simulated >= value - 1e-12)
        return usd(value, decimals) + QStringLiteral(" (simulated)");
    return QStringLiteral("%1 (incl. %2 simulated)")
        .arg(usd(value, decimals), usd(simulated, decimals));
}

} // namespace orch
