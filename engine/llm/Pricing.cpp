#include "llm/Pricing.h"

#include "api/MoneyTypes.h"

#include <QFile>

namespace orch {

const Pricing& Pricing::bundled()
{
    static const Pricing pricing = [] {
        QFile file(QStringLiteral(":/pricing.json"));
        file.open(QIODevice::ReadOnly);
        return Pricing(parseJson(file.readAll()));
    }();
    return pricing;
}

Result<Pricing> Pricing::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read the pricing table %1").arg(path)};
    const Json table = parseJson(file.readAll());
    if (!table.is_object() || !table.contains("models") || !table["models"].is_object())
        return Error{QStringLiteral("%1: a pricing table needs a \"models\" object").arg(path)};
    for (auto model = table["models"].begin(); model != table["models"].end(); ++model) {
        const Json& price = model.value();
        const bool valid =
            price.is_object() && price.contains("input") && price.contains("output") &&
            price["input"].is_number() && price["output"].is_number() &&
            (!price.contains("cached_input") || price["cached_input"].is_number()) &&
            (!price.contains("cache_write_input") || price["cache_write_input"].is_number());
        if (!valid)
            return Error{QStringLiteral("%1: $.models.%2 needs numeric \"input\" and \"output\" "
                                        "(USD per million tokens)")
                             .arg(path, toQ(model.key()))};
    }
    return Pricing(table);
}

Pricing::Pricing(Json table) : m_models(objectAt(table, "models")) {}

std::optional<double> Pricing::cost(const QString& provider, const QString& model,
                                    const TokenUsage& usage) const
{
    if (!usage.reported && !simulated(provider))
        return std::nullopt; // the counts are an estimate: the money is not known
    const auto it =
        m_models.find(simulated(provider) ? std::string("offline-demo") : model.toStdString());
    if (simulated(provider) && (it == m_models.end() || !it->is_object()))
        return 0.0; // a table without a demo price: the demo costs nothing
    if (it == m_models.end() || !it->is_object())
        return std::nullopt;
    const double input = doubleOr(*it, "input", 0.0);
    const double cached = doubleOr(*it, "cached_input", input);
    const double output = doubleOr(*it, "output", 0.0);
    const double written = doubleOr(*it, "cache_write_input", input);
    const long long uncached = std::max(0LL, usage.prompt - usage.cached - usage.cacheWrite);
    return (double(uncached) * input + double(usage.cached) * cached +
            double(usage.cacheWrite) * written + double(usage.completion) * output) /
           1e6;
}

bool Pricing::simulated(const QString& provider)
{
    return isSimulatedProvider(provider);
}

} // namespace orch
