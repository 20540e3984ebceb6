#pragma once
// The parameters of an engine call as named fields, so one description serves the client
// (writing them) and the server (reading and checking them, with an error naming the field).

#include "core/Json.h"
#include "core/Result.h"

#include <QStringList>
#include <tuple>

namespace orch::api {

template <typename Params, typename T> struct Field
{
    const char* name;
    T Params::*member;
    bool required;
};

template <typename Params, typename T>
constexpr Field<Params, T> field(const char* name, T Params::*member)
{
    return {name, member, true};
}

// Absent or null leaves the member as it was default-initialised.
template <typename Params, typename T>
constexpr Field<Params, T> optionalField(const char* name, T Params::*member)
{
    return {name, member, false};
}

// Reading one value; the error says what the value must be.
Result<void> readValue(const Json& value, QString& out);
Result<void> readValue(const Json& value, bool& out);
Result<void> readValue(const Json& value, int& out);
Result<void> readValue(const Json& value, qint64& out);
Result<void> readValue(const Json& value, double& out);
Result<void> readValue(const Json& value, Json& out);

inline Json writeValue(const QString& value)
{
    return toStd(value);
}
inline Json writeValue(bool value)
{
    return value;
}
inline Json writeValue(int value)
{
    return value;
}
inline Json writeValue(qint64 value)
{
    return value;
}
inline Json writeValue(double value)
{
    return value;
}
inline Json writeValue(const Json& value)
{
    return value;
}

// `params` of a request: an object (absent or null: no parameters) whose fields fit.
template <typename Params> Result<Params> readParams(const Json& params)
{
    if (!params.is_null() && !params.is_object())
        return Error{QStringLiteral("params must be an object"), ErrorCode::BadRequest};
    Params out{};
    Error problem;
    bool failed = false;
    std::apply(
        [&](const auto&... fields) {
            auto readOne = [&](const auto& f) {
                if (failed)
                    return;
                const Json& given = member(params, f.name);
                if (given.is_null() && !f.required)
                    return;
                if (auto read = readValue(given, out.*(f.member)); !read) {
                    failed = true;
                    problem = Error{QStringLiteral("params.%1 must be %2")
                                        .arg(QLatin1String(f.name), read.error()),
                                    ErrorCode::BadRequest};
                }
            };
            (void)readOne; // unused for calls without parameters
            (readOne(fields), ...);
        },
        fields(static_cast<const Params*>(nullptr)));
    if (failed)
        return problem;
    return out;
}

// An optional field left unset travels as null (an empty text would be refused).
inline bool isUnset(const QString& value)
{
    return value.isEmpty();
}
inline bool isUnset(const Json& value)
{
    return value.is_null();
}
template <typename T> bool isUnset(const T&)
{
    return false;
}

template <typename Params> Json writeParams(const Params& params)
{
    Json out = Json::object();
    std::apply(
        [&](const auto&... f) {
            ((out[f.name] = !f.required && isUnset(params.*(f.member))
                                ? Json()
                                : writeValue(params.*(f.member))),
             ...);
        },
        fields(static_cast<const Params*>(nullptr)));
    return out;
}

// The field names, for the method list in docs/remote-api.md.
template <typename Params> QStringList fieldNames()
{
    QStringList names;
    std::apply(
        [&](const auto&... f) {
            ((names << (f.required ? QStringLiteral("`%1`").arg(QLatin1String(f.name))
                                   : QStringLiteral("`%1` (optional)").arg(QLatin1String(f.name)))),
             ...);
        },
        fields(static_cast<const Params*>(nullptr)));
    return names;
}

} // namespace orch::api
