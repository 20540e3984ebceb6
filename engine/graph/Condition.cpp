#include "graph/Condition.h"

#include <QRegularExpression>

namespace orch {

Result<Condition> Condition::parse(const QString& text)
{
    static const QRegularExpression pathPattern(
        QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"));
    Condition condition;
    if (text == QLatin1String("always"))
        return condition;
    QString path = text;
    if (path.startsWith(QLatin1Char('!'))) {
        condition.m_negated = true;
        path = path.mid(1);
    }
    if (!pathPattern.match(path).hasMatch())
        return Error{QStringLiteral("'%1' is not \"always\", a state path or !path").arg(text)};
    condition.m_always = false;
    condition.m_path = path;
    return condition;
}

bool Condition::holds(const Json& state) const
{
    if (m_always)
        return true;
    return isTruthy(valueAtPath(state, m_path)) != m_negated;
}

QString Condition::text() const
{
    if (m_always)
        return QStringLiteral("always");
    return m_negated ? QLatin1Char('!') + m_path : m_path;
}

bool isTruthy(const Json& value)
{
    switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
        return false;
    case Json::value_t::boolean:
        return value.get<bool>();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return value.get<double>() != 0.0;
    case Json::value_t::string:
        return !value.get_ref<const std::string&>().empty();
    default:
        return !value.empty();
    }
}

Json valueAtPath(const Json& root, const QString& dottedPath)
{
    const Json* node = &root;
    for (const QString& part : dottedPath.split(QLatin1Char('.'))) {
        if (!node->is_object())
            return nullptr;
        const auto it = node->find(part.toStdString());
        if (it == node->end())
            return nullptr;
        node = &*it;
    }
    return *node;
}

} // namespace orch
