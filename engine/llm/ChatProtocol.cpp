#include "llm/ChatProtocol.h"

namespace orch {

QString ChatProtocol::errorMessage(const QByteArray& body) const
{
    const Json json = parseJson(body);
    if (json.is_object() && json.contains("error")) {
        const Json& error = json["error"];
        if (error.is_string())
            return toQ(error.get<std::string>());
        const std::string message = stringOr(error, "message");
        if (!message.empty())
            return toQ(message);
    }
    QString excerpt = QString::fromUtf8(body.left(200)).simplified();
    return excerpt.isEmpty() ? QStringLiteral("empty body") : excerpt;
}

Result<long long> readStreamIndex(const Json& value)
{
    if (value.is_null())
        return 0LL;
    std::optional<long long> index = asInteger(value);
    if (!index && value.is_string()) {
        bool ok = false;
        const long long parsed = QString::fromStdString(value.get<std::string>()).toLongLong(&ok);
        if (ok)
            index = parsed;
    }
    if (!index || *index < 0 || *index > 100000)
        return Error{QStringLiteral("a streamed index must be a small non-negative integer, got %1")
                         .arg(toQ(dumpJson(value).substr(0, 40)))};
    return *index;
}

QUrl joinUrl(const QUrl& base, const QString& path)
{
    QUrl url = base;
    QString basePath = url.path();
    if (!basePath.endsWith(QLatin1Char('/')))
        basePath += QLatin1Char('/');
    url.setPath(basePath + path);
    return url;
}

} // namespace orch
