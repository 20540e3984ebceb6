#include "tools/Arguments.h"

namespace orch {

Result<QString> Arguments::requiredString(const char* name) const
{
    const auto it = m_args.find(name);
    if (it == m_args.end())
        return Error{QStringLiteral("missing argument '%1'").arg(QLatin1String(name))};
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
        return Error{
            QStringLiteral("argument '%1' must be a non-empty string").arg(QLatin1String(name))};
    return toQ(it->get<std::string>());
}

QString Arguments::optionalString(const char* name) const
{
    return toQ(stringOr(m_args, name));
}

Result<Json> Arguments::requiredValue(const char* name) const
{
    const auto it = m_args.find(name);
    if (it == m_args.end() || it->is_null())
        return Error{QStringLiteral("missing argument '%1'").arg(QLatin1String(name))};
    return *it;
}

Result<QStringList> Arguments::optionalStringList(const char* name) const
{
    QStringList list;
    const auto it = m_args.find(name);
    if (it == m_args.end() || it->is_null())
        return list;
    if (!it->is_array())
        return Error{
            QStringLiteral("argument '%1' must be an array of strings").arg(QLatin1String(name))};
    for (const auto& item : *it) {
        if (!item.is_string())
            return Error{QStringLiteral("argument '%1' must be an array of strings")
                             .arg(QLatin1String(name))};
        list << toQ(item.get<std::string>());
    }
    return list;
}

} // namespace orch
