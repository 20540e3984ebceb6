#include "net/HttpClient.h"

#include "net/HttpConnection.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace orch::net {
namespace {

bool isFieldValue(QByteArrayView value)
{
    for (char c : value)
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    return true;
}

QString refusal(const HttpRequest& request)
{
    const QString scheme = request.url.scheme();
    if (!request.url.isValid() || request.url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        // Scheme and host only: a path may hold a token (the Bot API's does).
        return QStringLiteral("not an http(s) URL: %1")
            .arg(request.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath |
                                             QUrl::RemoveQuery | QUrl::RemoveFragment));
    if (!isFieldName(request.method))
        return QStringLiteral("not an HTTP method");
    for (const auto& [name, value] : request.headers)
        if (!isFieldName(name) || !isFieldValue(value)) // the value may be a key: never shown
            return QStringLiteral("the header \"%1\" cannot be sent (a line break or a bad name)")
                .arg(QString::fromLatin1(name.left(40)));
    return {};
}

quint16 portOf(const QUrl& url)
{
    return quint16(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

QByteArray originOf(const QUrl& url)
{
    return url.scheme().toLatin1() + "://" + url.host(QUrl::FullyEncoded).toLatin1() + ':' +
           QByteArray::number(portOf(url));
}

QByteArray wireOf(const HttpRequest& request)
{
    const QUrl& url = request.url;
    QByteArray target =
        url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (target.isEmpty())
        target = "/";
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() > 0 && url.port() != (url.scheme() == QLatin1String("https") ? 443 : 80))
        host += ':' + QByteArray::number(url.port());
    QByteArray wire;
    wire.reserve(256 + request.body.size());
    wire += request.method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto& [name, value] : request.headers)
        wire += name + ": " + value + "\r\n";
    if (!request.body.isEmpty() || request.method == "POST" || request.method == "PUT")
        wire += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    wire += "\r\n";
    wire += request.body;
    return wire;
}

} // namespace

HttpClient::HttpClient(QObject* parent) : HttpClient(Options(), parent) {}

HttpClient::HttpClient(Options options, QObject* parent) : QObject(parent), m_options(options) {}

void HttpClient::setSslConfiguration(const QSslConfiguration& configuration)
{
    m_ssl = configuration;
}

HttpReply* HttpClient::send(const HttpRequest& request, QObject* parent)
{
    const QString refused = refusal(request);
    auto* reply =
        new HttpReply(refused.isEmpty() ? originOf(request.url) : QByteArray(),
                      refused.isEmpty() ? wireOf(request) : QByteArray(), parent ? parent : this);
    if (!refused.isEmpty()) {
        QTimer::singleShot(0, reply, [reply, refused] { reply->finish(refused); });
        return reply;
    }
    Pool& pool = m_pools[reply->m_origin];
    if (pool.host.isEmpty()) {
        pool.host = request.url.host();
        pool.port = portOf(request.url);
        pool.tls = request.url.scheme() == QLatin1String("https");
    }
    dispatch(reply);
    return reply;
}

void HttpClient::dispatch(HttpReply* reply)
{
    Pool& pool = m_pools[reply->m_origin];
    if (!pool.idle.isEmpty())
        return startOn(pool.idle.takeLast(), reply); // the most recently used: least stale
    if (pool.open < m_options.maxConnectionsPerOrigin)
        return startOn(openConnection(pool, reply->m_origin), reply);
    reply->m_queued = true;
    pool.waiting.append(reply);
}

void HttpClient::startOn(HttpConnection* connection, HttpReply* reply)
{
    const bool waited = std::exchange(reply->m_queued, false);
    connection->start(reply);
    if (waited)
        emit reply->dequeued();
}

HttpConnection* HttpClient::openConnection(Pool& pool, const QByteArray& origin)
{
    QTcpSocket* socket = nullptr;
    if (pool.tls) {
        auto* tls = new QSslSocket;
        if (m_ssl)
            tls->setSslConfiguration(*m_ssl);
        socket = tls;
    } else {
        socket = new QTcpSocket;
    }
    auto* connection =
        new HttpConnection(socket, pool.host, pool.port, pool.tls, m_options.idleTimeoutMs, this);
    ++pool.open;
    m_originOf.insert(connection, origin);
    connect(connection, &HttpConnection::idle, this, &HttpClient::onIdle);
    connect(connection, &HttpConnection::gone, this, &HttpClient::onGone);
    connect(connection, &HttpConnection::closedUnanswered, this, &HttpClient::onClosedUnanswered);
    return connection;
}

HttpReply* HttpClient::takeWaiting(Pool& pool)
{
    while (!pool.waiting.isEmpty()) {
        QPointer<HttpReply> reply = pool.waiting.takeFirst();
        if (reply && !reply->isFinished())
            return reply;
    }
    return nullptr;
}

void HttpClient::onIdle(HttpConnection* connection)
{
    Pool& pool = m_pools[m_originOf.value(connection)];
    if (HttpReply* next = takeWaiting(pool))
        return startOn(connection, next);
    pool.idle.append(connection);
}

void HttpClient::onGone(HttpConnection* connection)
{
    const QByteArray origin = m_originOf.take(connection);
    Pool& pool = m_pools[origin];
    pool.idle.removeOne(connection);
    --pool.open;
    if (HttpReply* next = takeWaiting(pool))
        dispatch(next);
}

void HttpClient::onClosedUnanswered(HttpConnection*, HttpReply* reply)
{
    reply->m_resent = true;
    dispatch(reply);
}

} // namespace orch::net
