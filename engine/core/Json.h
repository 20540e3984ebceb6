#pragma once
// nlohmann::json is the engine's JSON type; these helpers cross the QString boundary.

#include <QByteArray>
#include <QString>
#include <nlohmann/json.hpp>

namespace orch {

using Json = nlohmann::json;

inline std::string toStd(const QString& text)
{
    return text.toStdString();
}
inline QString toQ(const std::string& text)
{
    return QString::fromStdString(text);
}
// Serialises without throwing: invalid UTF-8 (from a process's output, say) becomes U+FFFD.
inline std::string dumpJson(const Json& value, int indent = -1)
{
    return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}
inline QByteArray toBytes(const Json& value)
{
    return QByteArray::fromStdString(dumpJson(value));
}
// Parses without throwing: returns a discarded value on malformed input.
inline Json parseJson(const QByteArray& bytes)
{
    return Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
}
// A string field or the fallback when absent or of another type.
inline std::string stringOr(const Json& object, const char* key, std::string fallback = {})
{
    if (!object.is_object())
        return fallback;
    const auto it = object.find(key);
    return (it != object.end() && it->is_string()) ? it->get<std::string>() : fallback;
}

} // namespace orch
