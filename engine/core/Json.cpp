#include "core/Json.h"

#include <climits>
#include <cmath>

namespace orch {
namespace {
const Json kNull;
const Json kEmptyObject = Json::object();
const Json kEmptyArray = Json::array();
} // namespace

Json parseJson(const QByteArray& bytes)
{
    return readJson(bytes.constData(), bytes.constData() + bytes.size());
}

bool nestsTooDeep(const QByteArray& bytes)
{
    // One pass over the text counts brackets outside strings before anything is built.
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

const Json& member(const Json& object, const char* key)
{
    if (!object.is_object())
        return kNull;
    const auto it = object.find(key);
    return it == object.end() ? kNull : *it;
}

const Json& objectAt(const Json& object, const char* key)
{
    const Json& value = member(object, key);
    return value.is_object() ? value : kEmptyObject;
}

const Json& arrayAt(const Json& object, const char* key)
{
    const Json& value = member(object, key);
    return value.is_array() ? value : kEmptyArray;
}

std::optional<long long> asInteger(const Json& value)
{
    if (value.is_number_integer()) {
        if (value.is_number_unsigned() &&
            value.get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX))
            return std::nullopt;
        return value.get<long long>();
    }
    if (value.is_number_float()) {
        const double number = value.get<double>();
        if (std::isfinite(number) && std::trunc(number) == number && std::fabs(number) < 9.0e15)
            return static_cast<long long>(number);
    }
    return std::nullopt;
}

std::optional<long long> integerAt(const Json& object, const char* key)
{
    return asInteger(member(object, key));
}

long long intOr(const Json& object, const char* key, long long fallback)
{
    return integerAt(object, key).value_or(fallback);
}

double doubleOr(const Json& object, const char* key, double fallback)
{
    const Json& value = member(object, key);
    if (!value.is_number())
        return fallback;
    const double number = value.get<double>();
    return std::isfinite(number) ? number : fallback;
}

bool boolOr(const Json& object, const char* key, bool fallback)
{
    const Json& value = member(object, key);
    return value.is_boolean() ? value.get<bool>() : fallback;
}

} // namespace orch
