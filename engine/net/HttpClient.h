#pragma once
// An HTTP/1.1 client for the engine's own calls (model APIs, the Telegram Bot API): requests
// are written from the caller's thread onto keep-alive connections pooled per origin, so a
// call costs one loopback round trip plus parsing, with no hop to a network thread and no
// new connection per call. A request that finds every connection of its origin busy waits
// its turn. TLS is verified against the system's certificates (or the configuration given).

#include "net/HttpReply.h"

#include <QHash>
#include <QObject>
#include <QSslConfiguration>
#include <optional>

namespace orch::net {

class HttpConnection;

class HttpClient final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int maxConnectionsPerOrigin = 32;
        int idleTimeoutMs = 30000; // an unused connection is closed after this
    };

    explicit HttpClient(QObject* parent = nullptr);
    HttpClient(Options options, QObject* parent);

    // The reply belongs to `parent` (the client when null); it finishes asynchronously even
    // when the request is refused (a bad URL, a header that would break the request line).
    HttpReply* send(const HttpRequest& request, QObject* parent = nullptr);
    void setSslConfiguration(const QSslConfiguration& configuration);

private:
    struct Pool
    {
        QString host;
        quint16 port = 0;
        bool tls = false;
        QList<HttpConnection*> idle;
        int open = 0;
        QList<QPointer<HttpReply>> waiting;
    };

    void dispatch(HttpReply* reply);
    HttpConnection* openConnection(Pool& pool, const QByteArray& origin);
    void startOn(HttpConnection* connection, HttpReply* reply);
    void onIdle(HttpConnection* connection);
    void onGone(HttpConnection* connection);
    void onClosedUnanswered(HttpConnection* connection, HttpReply* reply);
    HttpReply* takeWaiting(Pool& pool);

    Options m_options;
    QHash<QByteArray, Pool> m_pools; // by origin
    QHash<HttpConnection*, QByteArray> m_originOf;
    std::optional<QSslConfiguration> m_ssl;
};

} // namespace orch::net
