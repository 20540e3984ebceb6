#pragma once
// The remote API (docs/remote-api.md): a WebSocket server, on 127.0.0.1 unless told
// otherwise, wss:// when a certificate is configured. A client proves itself with the token
// in its first message (compared in constant time) or is closed with the reason; then it
// sends requests and receives every engine event as it happens.

#include "core/Result.h"
#include "remote/RemoteRequests.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>

class QWebSocket;
class QWebSocketServer;

namespace orch {

class EngineApi;

struct RemoteServerSettings
{
    QHostAddress bind = QHostAddress::LocalHost;
    quint16 port = 0; // 0: any free port (tests)
    QByteArray token;
    QString certificateFile; // both set: TLS
    QString privateKeyFile;
    qint64 maxMessageBytes = 4 * 1024 * 1024;
    int authTimeoutMs = 5000;
    // Before the token is checked: the largest first message, and how many connections may
    // wait for it, in total and from one address.
    qint64 maxHelloBytes = 4096;
    int maxUnauthenticated = 64;
    int maxUnauthenticatedPerAddress = 8;
};

class RemoteServer : public QObject
{
    Q_OBJECT
public:
    static constexpr int kProtocolVersion = 1;

    RemoteServer(EngineApi& engine, RemoteServerSettings settings, QObject* parent);
    ~RemoteServer() override;

    Result<void> listen();
    quint16 port() const;
    int authenticatedClients() const { return int(m_clients.size()); }

private:
    void onConnection();
    void onMessage(QWebSocket* socket, const QString& text);
    void handleRequest(QWebSocket* socket, const Json& message);
    bool admit(QWebSocket* socket); // false: over the unauthenticated caps (closed)
    void authenticate(QWebSocket* socket, const Json& hello);
    void broadcast(const Json& message);
    static void send(QWebSocket* socket, const Json& message);

    RemoteServerSettings m_settings;
    RemoteRequests m_requests;
    QWebSocketServer* m_server;
    QSet<QWebSocket*> m_clients;           // authenticated
    QHash<QWebSocket*, QString> m_waiting; // not yet authenticated → peer address
};

} // namespace orch
