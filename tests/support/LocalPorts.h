#pragma once
// Loopback ports for tests that start real servers (Caddy, deployed services).

#include <QTcpServer>
#include <QTcpSocket>

namespace orch::test {

// A port nothing listens on right now.
inline int freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

inline bool listening(int port)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(port));
    return socket.waitForConnected(300);
}

} // namespace orch::test
