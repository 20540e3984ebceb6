#pragma once
// Money per model call, from the pricing table (USD per million tokens). A model missing
// from the table has an unknown cost, never zero. The offline demo model's calls are priced
// by the table's "offline-demo" entry: simulated money, shown as such and never budgeted.

#include "api/ChatTypes.h"
#include "core/Json.h"
#include "core/Result.h"

#include <QString>
#include <optional>

namespace orch {

class Pricing
{
public:
    static const Pricing& bundled(); // resources/pricing.json, read once
    // A table in the same format (settings may point at an edited copy); checked entry by entry.
    static Result<Pricing> load(const QString& file);
    explicit Pricing(Json table);

    std::optional<double> cost(const QString& provider, const QString& model,
                               const TokenUsage& usage) const;
    // Whether a provider's calls cost simulated money (the offline demo model's).
    static bool simulated(const QString& provider);

private:
    Json m_models;
};

} // namespace orch
