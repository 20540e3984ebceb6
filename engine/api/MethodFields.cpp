#include "api/MethodFields.h"

#include <cmath>

namespace orch::api {

Result<void> readValue(const Json& value, QString& out)
{
    if (!value.is_string() || value.get_ref<const std::string&>().empty())
        return Error{QStringLiteral("a non-empty string")};
    out = toQ(value.get<std::string>());
    return {};
}

Result<void> readValue(const Json& value, bool& out)
{
    if (!value.is_boolean())
        return Error{QStringLiteral("true or false")};
    out = value.get<bool>();
    return {};
}

Result<void> readValue(const Json& value, int& out)
{
    const auto number = asInteger(value);
    if (!number || *number < 0 || *number > 1'000'000'000)
        return Error{QStringLiteral("a whole number from 0 to 1000000000")};
    out = int(*number);
    return {};
}

Result<void> readValue(const Json& value, qint64& out)
{
    const auto number = asInteger(value);
    if (!number)
        return Error{QStringLiteral("a whole number")};
    out = *number;
    return {};
}

Result<void> readValue(const Json& value, double& out)
{
    if (!value.is_number() || !std::isfinite(value.get<double>()))
        return Error{QStringLiteral("a number")};
    out = value.get<double>();
    return {};
}

Result<void> readValue(const Json& value, Json& out)
{
    if (!value.is_object())
        return Error{QStringLiteral("an object")};
    out = value;
    return {};
}

} // namespace orch::api
