#include "deploy/CaddyLog.h"

#include "core/Json.h"

#include <QDir>
#include <QFile>

namespace orch {

QString certificateProblem(const DeploySettings& settings, const QString& domain)
{
    if (settings.remote() || settings.internalTls())
        return {};
    QFile log(QDir(settings.caddyFolder()).filePath(QStringLiteral("caddy.log")));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    constexpr qint64 kTail = 256 * 1024;
    if (log.size() > kTail)
        log.seek(log.size() - kTail);
    const QList<QByteArray> lines = log.readAll().split('\n');
    const std::string wanted = domain.toLower().toStdString();
    for (auto line = lines.crbegin(); line != lines.crend(); ++line) {
        if (!line->contains("\"error\"") || !line->contains(wanted.c_str()))
            continue;
        const Json entry = parseJson(*line);
        if (stringOr(entry, "level") != "error" || stringOr(entry, "logger").rfind("tls", 0) != 0)
            continue;
        bool names = stringOr(entry, "identifier") == wanted;
        for (const Json& identifier : arrayAt(entry, "identifiers"))
            names = names || (identifier.is_string() && identifier.get<std::string>() == wanted);
        if (!names)
            continue;
        const QString error = toQ(stringOr(entry, "error"));
        return (toQ(stringOr(entry, "msg")) + (error.isEmpty() ? QString() : ": " + error))
            .left(600);
    }
    return {};
}

QString certificateFailure(const DeploySettings& settings, const QString& domain,
                           const QString& why)
{
    const QString problem = certificateProblem(settings, domain);
    if (problem.isEmpty())
        return {};
    return QStringLiteral("the certificate for %1 could not be obtained from the ACME server: %2 "
                          "(%3)")
        .arg(domain, problem, why);
}

} // namespace orch
