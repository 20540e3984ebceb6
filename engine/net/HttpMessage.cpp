#include "net/HttpMessage.h"

namespace orch::net {

bool isFieldName(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (char c : name)
        if (c <= ' ' || c >= 127 || QByteArrayView("\"(),/:;<=>?@[\\]{}").contains(c))
            return false;
    return true;
}

QByteArray HttpHead::value(QByteArrayView name) const
{
    for (const auto& [key, value] : headers)
        if (key == name)
            return value;
    return {};
}

bool HttpHead::lists(QByteArrayView name, QByteArrayView token) const
{
    for (const auto& [key, value] : headers) {
        if (key != name)
            continue;
        for (const QByteArray& item : value.split(','))
            if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
                return true;
    }
    return false;
}

} // namespace orch::net
