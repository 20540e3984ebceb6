#include "store/PostgresAddress.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace orch {
namespace {

// libpq's connection parameters a database setting may carry: where and how to connect, never
// files to read (sslkey, passfile, service) or what the server runs (options).
const QSet<QString>& allowedParameters()
{
    static const QSet<QString> allowed = {QStringLiteral("target_session_attrs"),
                                          QStringLiteral("connect_timeout"),
                                          QStringLiteral("sslmode"),
                                          QStringLiteral("application_name"),
                                          QStringLiteral("keepalives_idle"),
                                          QStringLiteral("keepalives_interval"),
                                          QStringLiteral("keepalives_count"),
                                          QStringLiteral("tcp_user_timeout"),
                                          QStringLiteral("load_balance_hosts")};
    return allowed;
}

Error malformed(const QString& why)
{
    return Error{QStringLiteral("the database setting is not a database URL like "
                                "postgresql://user@host:5432/database (several hosts: "
                                "host1:5432,host2:5432): %1")
                     .arg(why),
                 ErrorCode::Invalid};
}

} // namespace

Result<PostgresAddress> PostgresAddress::parse(const QString& uri)
{
    static const QRegularExpression scheme(QStringLiteral("^postgres(ql)?://"));
    const auto schemed = scheme.match(uri);
    if (!schemed.hasMatch())
        return malformed(QStringLiteral("it must start with postgresql://"));
    QString rest = uri.mid(schemed.capturedLength());
    PostgresAddress address;
    QString query;
    if (const qsizetype mark = rest.indexOf(QLatin1Char('?')); mark >= 0) {
        query = rest.mid(mark + 1);
        rest.truncate(mark);
    }
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return malformed(QStringLiteral("no database name"));
    address.database = QUrl::fromPercentEncoding(rest.mid(slash + 1).toUtf8());
    QString authority = rest.left(slash);
    if (address.database.isEmpty() || address.database.contains(QLatin1Char('/')))
        return malformed(QStringLiteral("no database name"));
    if (address.database.size() > 63) // PostgreSQL's longest name
        return malformed(QStringLiteral("the database name is longer than 63 characters"));
    if (const qsizetype at = authority.lastIndexOf(QLatin1Char('@')); at >= 0) {
        const QString userInfo = authority.left(at);
        authority = authority.mid(at + 1);
        const qsizetype colon = userInfo.indexOf(QLatin1Char(':'));
        address.user = QUrl::fromPercentEncoding(userInfo.left(colon).toUtf8());
        if (colon >= 0)
            address.password = QUrl::fromPercentEncoding(userInfo.mid(colon + 1).toUtf8());
    }
    static const QRegularExpression hostPort(
        QStringLiteral("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::([0-9]{1,5}))?$"));
    for (const QString& part : authority.split(QLatin1Char(','))) {
        const auto match = hostPort.match(part);
        const int port = match.captured(2).isEmpty() ? 5432 : match.captured(2).toInt();
        if (!match.hasMatch() || port < 1 || port > 65535)
            return malformed(QStringLiteral("'%1' is not a host and port").arg(part.left(80)));
        QString host = match.captured(1);
        if (host.startsWith(QLatin1Char('[')))
            host = host.mid(1, host.size() - 2);
        address.hosts << host;
        address.ports << port;
    }
    static const QRegularExpression safeValue(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    for (const QString& pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const QString key = pair.section(QLatin1Char('='), 0, 0);
        const QString value = QUrl::fromPercentEncoding(pair.section(QLatin1Char('='), 1).toUtf8());
        if (!allowedParameters().contains(key))
            return malformed(QStringLiteral("the parameter '%1' is not one it takes (%2)")
                                 .arg(key.left(40), QStringList(allowedParameters().cbegin(),
                                                                allowedParameters().cend())
                                                        .join(QStringLiteral(", "))));
        if (!safeValue.match(value).hasMatch())
            return malformed(QStringLiteral("the value of %1 is not a plain word").arg(key));
        address.parameters.append({key, value});
    }
    return address;
}

QString PostgresAddress::display() const
{
    QStringList where;
    for (qsizetype i = 0; i < hosts.size(); ++i)
        where << (hosts[i].contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(hosts[i])
                                                      : hosts[i]) +
                     QStringLiteral(":%1").arg(ports[i]);
    QString shown = QStringLiteral("postgresql://%1%2/%3")
                        .arg(user.isEmpty() ? QString() : user + QLatin1Char('@'),
                             where.join(QLatin1Char(',')), database);
    QStringList query;
    for (const auto& [key, value] : parameters)
        query << key + QLatin1Char('=') + value;
    return query.isEmpty() ? shown : shown + QLatin1Char('?') + query.join(QLatin1Char('&'));
}

QString PostgresAddress::connectOptions() const
{
    QStringList ports;
    for (int port : this->ports)
        ports << QString::number(port);
    QStringList options = {QStringLiteral("port=") + ports.join(QLatin1Char(','))};
    bool timeout = false;
    for (const auto& [key, value] : parameters) {
        options << key + QLatin1Char('=') + value;
        timeout = timeout || key == QLatin1String("connect_timeout");
    }
    // A host that does not answer is given up on in 5 s (per host), and a connection whose
    // peer vanished is noticed within about a minute instead of TCP's hours.
    if (!timeout)
        options << QStringLiteral("connect_timeout=5");
    options << QStringLiteral("keepalives_idle=30") << QStringLiteral("keepalives_interval=10")
            << QStringLiteral("keepalives_count=3");
    return options.join(QLatin1Char(' '));
}

} // namespace orch
