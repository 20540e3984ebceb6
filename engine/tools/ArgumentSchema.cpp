#include "tools/ArgumentSchema.h"

#include <QStringList>
#include <cmath>

namespace orch {
namespace {

QString describe(const Json& value)
{
    std::string text = dumpJson(value);
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    const char* kind = value.is_string()    ? "a string"
                       : value.is_boolean() ? "a boolean"
                       : value.is_number()  ? "a number"
                       : value.is_array()   ? "a list"
                       : value.is_object()  ? "an object"
                                            : "null";
    return QStringLiteral("%1 %2").arg(QLatin1String(kind), toQ(text));
}

QString expectedName(const std::string& type)
{
    if (type == "integer")
        return QStringLiteral("an integer");
    if (type == "number")
        return QStringLiteral("a number");
    if (type == "boolean")
        return QStringLiteral("a boolean (true or false)");
    if (type == "array")
        return QStringLiteral("a list");
    if (type == "object")
        return QStringLiteral("an object");
    return QStringLiteral("a string");
}

// The value as `type`, converted only when nothing is lost; nullopt when it does not fit.
std::optional<Json> asType(const Json& value, const std::string& type)
{
    if (type == "string")
        return value.is_string() ? std::optional<Json>(value) : std::nullopt;
    if (type == "boolean") {
        if (value.is_boolean())
            return value;
        if (value.is_string() && (value == "true" || value == "false"))
            return Json(value == "true");
        return std::nullopt;
    }
    if (type == "integer") {
        if (auto integer = asInteger(value))
            return Json(*integer);
        if (value.is_string()) {
            bool ok = false;
            const long long parsed =
                QString::fromStdString(value.get<std::string>()).trimmed().toLongLong(&ok);
            if (ok)
                return Json(parsed);
        }
        return std::nullopt;
    }
    if (type == "number") {
        if (value.is_number())
            return value;
        if (value.is_string()) {
            bool ok = false;
            const double parsed =
                QString::fromStdString(value.get<std::string>()).trimmed().toDouble(&ok);
            if (ok && std::isfinite(parsed))
                return Json(parsed);
        }
        return std::nullopt;
    }
    if (type == "array" || type == "object") {
        const bool fits = type == "array" ? value.is_array() : value.is_object();
        if (fits)
            return value;
        if (value.is_string()) { // a list or object sent as JSON text
            const Json parsed = parseJson(QByteArray::fromStdString(value.get<std::string>()));
            if (type == "array" ? parsed.is_array() : parsed.is_object())
                return parsed;
        }
        return std::nullopt;
    }
    return value; // no type given: anything goes
}

class Checker
{
public:
    Result<Json> check(const Json& schema, const Json& value, const QString& path)
    {
        const std::string type = stringOr(schema, "type");
        auto converted = asType(value, type);
        if (!converted)
            return Error{QStringLiteral("argument '%1' must be %2, got %3")
                             .arg(path, expectedName(type), describe(value))};
        Json result = std::move(*converted);
        if (const Json& allowed = member(schema, "enum"); allowed.is_array()) {
            if (std::find(allowed.begin(), allowed.end(), result) == allowed.end()) {
                QStringList names;
                for (const Json& option : allowed)
                    names << toQ(dumpJson(option));
                return Error{QStringLiteral("argument '%1' must be one of %2, got %3")
                                 .arg(path, names.join(QStringLiteral(", ")), describe(result))};
            }
        }
        if (result.is_number()) {
            const double number = result.get<double>();
            if (const Json& min = member(schema, "minimum");
                min.is_number() && number < min.get<double>())
                return Error{QStringLiteral("argument '%1' must be at least %2, got %3")
                                 .arg(path, toQ(dumpJson(min)), toQ(dumpJson(result)))};
            if (const Json& max = member(schema, "maximum");
                max.is_number() && number > max.get<double>())
                return Error{QStringLiteral("argument '%1' must be at most %2, got %3")
                                 .arg(path, toQ(dumpJson(max)), toQ(dumpJson(result)))};
        }
        if (result.is_array() && member(schema, "items").is_object()) {
            for (size_t i = 0; i < result.size(); ++i) {
                auto item =
                    check(schema["items"], result[i], QStringLiteral("%1[%2]").arg(path).arg(i));
                if (!item)
                    return item;
                result[i] = std::move(item).value();
            }
        }
        if (result.is_object() && (type == "object" || schema.contains("properties")))
            return checkObject(schema, result, path);
        return result;
    }

    Result<Json> checkObject(const Json& schema, const Json& object, const QString& path)
    {
        const Json& properties = objectAt(schema, "properties");
        const bool closed = !boolOr(schema, "additionalProperties", false) || properties.empty();
        Json result = Json::object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString name =
                path.isEmpty() ? toQ(it.key()) : path + QLatin1Char('.') + toQ(it.key());
            const auto declared = properties.find(it.key());
            if (declared == properties.end()) {
                if (closed && !properties.empty())
                    return Error{QStringLiteral("unknown argument '%1'; the arguments are: %2")
                                     .arg(name, names(properties))};
                result[it.key()] = it.value();
                continue;
            }
            if (it->is_null())
                continue; // an optional argument given as null is left out
            auto value = check(*declared, *it, name);
            if (!value)
                return value;
            result[it.key()] = std::move(value).value();
        }
        for (const Json& required : arrayAt(schema, "required")) {
            if (required.is_string() && !result.contains(required.get<std::string>()))
                return Error{QStringLiteral("missing argument '%1'")
                                 .arg(path.isEmpty() ? toQ(required.get<std::string>())
                                                     : path + QLatin1Char('.') +
                                                           toQ(required.get<std::string>()))};
        }
        return result;
    }

private:
    static QString names(const Json& properties)
    {
        QStringList list;
        for (auto it = properties.begin(); it != properties.end(); ++it)
            list << toQ(it.key());
        return list.join(QStringLiteral(", "));
    }
};

} // namespace

Result<Json> ArgumentSchema::conform(const Json& schema, const Json& arguments)
{
    if (!arguments.is_object())
        return Error{
            QStringLiteral("the arguments must be a JSON object, got %1").arg(describe(arguments))};
    return Checker().checkObject(schema, arguments, QString());
}

} // namespace orch
