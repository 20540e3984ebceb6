#pragma once
// nlohmann::json is the engine's JSON type; these helpers cross the QString boundary.

#include <QByteArray>
#include <QString>
#include <nlohmann/json.hpp>
#include <optional>

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
// The text dumpJson(value) gives, written faster (core/JsonWriter.cpp).
std::string compactJson(const Json& value);
// dumpJson(object, indent) of the object without its member `key`, written without copying
// the object first (a prompt shows the project state without its transcripts).
std::string prettyJsonExcept(const Json& object, const char* key, int indent);
// Serialises without throwing: invalid UTF-8 (from a process's output, say) becomes U+FFFD.
inline std::string dumpJson(const Json& value, int indent = -1)
{
    if (indent < 0)
        return compactJson(value);
    return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}
inline QByteArray toBytes(const Json& value)
{
    return QByteArray::fromStdString(dumpJson(value));
}
// Deeper nesting than this is refused: printing or walking such a value would recurse that
// deep, and nothing the engine reads needs more than a few levels.
constexpr int kMaxJsonDepth = 256;
// Parses without throwing: returns a discarded value on malformed or too deeply nested input.
Json parseJson(const QByteArray& bytes);
// The same for any bytes (core/JsonReader.cpp): what nlohmann's parse() accepts, and its value.
Json readJson(const char* begin, const char* end);
// Whether brackets in the text (outside strings) nest deeper than kMaxJsonDepth.
bool nestsTooDeep(const QByteArray& bytes);
// An object built member by member, values moved in: jsonObject("step", 3, "agent", name).
// An initializer list ({{"step", 3}, …}) builds a two-element array for every member and then
// copies each value out of it, which costs more than the object itself on a step's events.
inline void putMembers(Json::object_t&) {}
template <typename Value, typename... Rest>
void putMembers(Json::object_t& members, const char* key, Value&& value, Rest&&... rest)
{
    members.emplace(key, std::forward<Value>(value));
    putMembers(members, std::forward<Rest>(rest)...);
}
template <typename... Members> Json jsonObject(Members&&... members)
{
    static_assert(sizeof...(Members) % 2 == 0, "a value for every key");
    Json object = Json::object();
    putMembers(object.get_ref<Json::object_t&>(), std::forward<Members>(members)...);
    return object;
}
// A string field or the fallback when absent or of another type.
inline std::string stringOr(const Json& object, const char* key, std::string fallback = {})
{
    if (!object.is_object())
        return fallback;
    const auto it = object.find(key);
    return (it != object.end() && it->is_string()) ? it->get<std::string>() : fallback;
}

// Checked reads of JSON from outside (model replies, Telegram, clients, files): they never
// throw. A missing key or a value of another type gives the fallback.
const Json& member(const Json& object, const char* key);   // the member, or null
const Json& objectAt(const Json& object, const char* key); // the member if an object, else {}
const Json& arrayAt(const Json& object, const char* key);  // the member if an array, else []
// An integer, or a float with no fractional part inside the range; nothing else.
std::optional<long long> integerAt(const Json& object, const char* key);
long long intOr(const Json& object, const char* key, long long fallback);
double doubleOr(const Json& object, const char* key, double fallback);
bool boolOr(const Json& object, const char* key, bool fallback);
// The same checks on a value itself.
std::optional<long long> asInteger(const Json& value);

} // namespace orch
