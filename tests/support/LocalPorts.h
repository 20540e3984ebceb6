#pragma once
// Loopback ports for tests that start real servers (Caddy, deployed services).

#include <QProcess>
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

// The first of `count` consecutive ports nothing listens on right now (0: none found).
inline int freePortRange(int count)
{
    for (int attempt = 0; attempt < 200; ++attempt) {
        const int first = freePort();
        bool allFree = first > 0 && first + count <= 65535;
        for (int port = first + 1; allFree && port < first + count; ++port) {
            QTcpServer probe;
            allFree = probe.listen(QHostAddress::LocalHost, quint16(port));
        }
        if (allFree)
            return first;
    }
    return 0;
}

inline bool listening(int port)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(port));
    return socket.waitForConnected(300);
}

// Ends a server the test started: asked to stop, then killed when it does not within 5 s.
inline void endProcess(QProcess& process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(2000);
    }
}

} // namespace orch::test
