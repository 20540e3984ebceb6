#pragma once
// Inside the wire format: reading the fields of one JSON object while remembering the first
// problem, shared by the readers of records and of composite answers.

#include "api/EngineTypes.h"

namespace orch::wire::fields {

// Reads fields of one object, remembering the first problem.
class Fields
{
public:
    explicit Fields(const Json& json) : m_json(json)
    {
        if (!json.is_object())
            m_problem = QStringLiteral("expected an object");
    }
    QString text(const char* key)
    {
        const Json* v = field(key);
        if (v && !v->is_string())
            fail(key, "a string");
        return v && v->is_string() ? toQ(v->get<std::string>()) : QString();
    }
    qint64 integer(const char* key)
    {
        const Json* v = field(key);
        if (v && !v->is_number_integer())
            fail(key, "a whole number");
        return v && v->is_number_integer() ? v->get<qint64>() : 0;
    }
    double number(const char* key)
    {
        const Json* v = field(key);
        if (v && !v->is_number())
            fail(key, "a number");
        return v && v->is_number() ? v->get<double>() : 0;
    }
    bool flag(const char* key)
    {
        const Json* v = field(key);
        if (v && !v->is_boolean())
            fail(key, "true or false");
        return v && v->is_boolean() && v->get<bool>();
    }
    std::optional<double> optionalNumber(const char* key)
    {
        const Json* v = field(key);
        if (!v || v->is_null())
            return std::nullopt;
        return number(key);
    }
    Json any(const char* key)
    {
        const Json* v = field(key);
        return v ? *v : Json();
    }
    const QString& problem() const { return m_problem; }

private:
    const Json* field(const char* key)
    {
        if (!m_problem.isEmpty())
            return nullptr;
        auto it = m_json.find(key);
        if (it == m_json.end()) {
            m_problem = QStringLiteral("missing \"%1\"").arg(QLatin1String(key));
            return nullptr;
        }
        return &*it;
    }
    void fail(const char* key, const char* kind)
    {
        if (m_problem.isEmpty())
            m_problem =
                QStringLiteral("\"%1\" must be %2").arg(QLatin1String(key), QLatin1String(kind));
    }

    const Json& m_json;
    QString m_problem;
};

template <typename T> inline Result<T> finish(const Fields& fields, T value)
{
    if (!fields.problem().isEmpty())
        return Error{fields.problem()};
    return value;
}

inline Json textsToJson(const QStringList& texts)
{
    Json list = Json::array();
    for (const QString& text : texts)
        list.push_back(toStd(text));
    return list;
}

// A list of strings (null: none); anything else sets `problem`, naming `key`.
inline QStringList textsFrom(const Json& json, QString* problem, const char* key)
{
    QStringList texts;
    if (json.is_null())
        return texts;
    if (!json.is_array()) {
        *problem = QStringLiteral("\"%1\" must be a list of strings").arg(QLatin1String(key));
        return texts;
    }
    for (const Json& item : json) {
        if (!item.is_string()) {
            *problem = QStringLiteral("\"%1\" must be a list of strings").arg(QLatin1String(key));
            return {};
        }
        texts << toQ(item.get<std::string>());
    }
    return texts;
}

inline Json usage(const TokenUsage& u)
{
    return {{"prompt_tokens", u.prompt},
            {"completion_tokens", u.completion},
            {"cached_tokens", u.cached}};
}

inline TokenUsage usageFrom(Fields& f)
{
    TokenUsage u;
    u.prompt = f.integer("prompt_tokens");
    u.completion = f.integer("completion_tokens");
    u.cached = f.integer("cached_tokens");
    return u;
}

inline Json optionalNumber(const std::optional<double>& value)
{
    return value ? Json(*value) : Json(nullptr);
}

} // namespace orch::wire::fields
