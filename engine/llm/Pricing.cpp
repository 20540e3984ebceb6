#include "llm/Pricing.h"

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

Pricing::Pricing(Json table) : m_models(table.is_object() ? table.value("models", Json::object()) : Json::object()) {}

std::optional<double> Pricing::cost(const QString& provider, const QString& model, const TokenUsage& usage) const
{
    if (provider.startsWith(QLatin1String("replay")))
        return 0.0;
    const auto it = m_models.find(model.toStdString());
    if (it == m_models.end() || !it->is_object())
        return std::nullopt;
    const double input = it->value("input", 0.0);
    const double cached = it->value("cached_input", input);
    const double output = it->value("output", 0.0);
    const long long uncached = std::max(0LL, usage.prompt - usage.cached);
    return (double(uncached) * input + double(usage.cached) * cached + double(usage.completion) * output) / 1e6;
}

} // namespace orch
