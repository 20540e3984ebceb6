#include "sandbox/AllowListProxy.h"

#include "core/Log.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <memory>

namespace orch {
namespace {

constexpr int kMostHeadBytes = 16 * 1024;
constexpr int kIdleMs = 120000;
constexpr int kMostConnections = 64;

// Both ways until either side closes or stays quiet too long; then both go.
void splice(QLocalSocket* client, QTcpSocket* upstream)
{
    auto* idle = new QTimer(client);
    idle->setSingleShot(true);
    idle->start(kIdleMs);
    QObject::connect(idle, &QTimer::timeout, client, [client] { client->abort(); });
    QObject::connect(client, &QLocalSocket::readyRead, upstream, [client, upstream, idle] {
        upstream->write(client->readAll());
        idle->start(kIdleMs);
    });
    QObject::connect(upstream, &QTcpSocket::readyRead, client, [client, upstream, idle] {
        client->write(upstream->readAll());
        idle->start(kIdleMs);
    });
    QObject::connect(upstream, &QTcpSocket::disconnected, client,
                     [client] { client->disconnectFromServer(); });
    QObject::connect(client, &QLocalSocket::disconnected, upstream,
                     [upstream] { upstream->disconnectFromHost(); });
}

void answer(QLocalSocket* client, const QByteArray& status, const QString& why)
{
    const QByteArray body = why.toUtf8() + "\n";
    client->write("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    client->disconnectFromServer();
}

} // namespace

AllowListProxy::AllowListProxy(QStringList allowed, QString reaches, QObject* parent)
    : QObject(parent), m_allowed(std::move(allowed)), m_reaches(std::move(reaches))
{
}

AllowListProxy::~AllowListProxy() = default;

QString AllowListProxy::hostPort(const QString& host, int port)
{
    return QStringLiteral("%1:%2").arg(host.toLower()).arg(port);
}

QString AllowListProxy::hostPortOf(const QString& url)
{
    const QUrl parsed(url);
    return parsed.host().isEmpty()
               ? QString()
               : hostPort(parsed.host(),
                          parsed.port(parsed.scheme() == QLatin1String("http") ? 80 : 443));
}

Result<void> AllowListProxy::listen()
{
    if (!m_folder.isValid())
        return Error{QStringLiteral("the allow-list proxy cannot create its folder")};
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->setMaxPendingConnections(kMostConnections);
    if (!m_server->listen(socketPath()))
        return Error{QStringLiteral("the allow-list proxy cannot listen on %1: %2")
                         .arg(socketPath(), m_server->errorString())};
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* client = m_server->nextPendingConnection())
            serve(client);
    });
    return {};
}

QString AllowListProxy::socketPath() const
{
    return QDir(m_folder.path()).filePath(QStringLiteral("index.sock"));
}

void AllowListProxy::serve(QLocalSocket* client)
{
    connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
    auto head = std::make_shared<QByteArray>();
    auto* reading = new QTimer(client);
    reading->setSingleShot(true);
    reading->start(10000);
    connect(reading, &QTimer::timeout, client, [client] { client->abort(); });
    connect(client, &QLocalSocket::readyRead, this, [this, client, head, reading] {
        head->append(client->read(kMostHeadBytes + 1 - head->size()));
        const int end = head->indexOf("\r\n\r\n");
        if (end < 0) {
            if (head->size() > kMostHeadBytes)
                answer(client, "431 Request Header Fields Too Large", QStringLiteral("too long"));
            return;
        }
        reading->stop();
        client->disconnect(this);
        const QList<QByteArray> line = head->left(head->indexOf("\r\n")).split(' ');
        if (line.size() != 3)
            return answer(client, "400 Bad Request", QStringLiteral("not a proxy request"));
        const bool tunnel = line[0] == "CONNECT";
        const QUrl target = tunnel ? QUrl(QStringLiteral("https://") + QString::fromLatin1(line[1]))
                                   : QUrl(QString::fromLatin1(line[1]));
        const int port = target.port(target.scheme() == QLatin1String("http") ? 80 : 443);
        const QString wanted = hostPort(target.host(), port);
        if (target.host().isEmpty() || !m_allowed.contains(wanted) ||
            (!tunnel && target.scheme() != QLatin1String("http"))) {
            if (!m_refused.contains(wanted)) // pip asks again and again
                m_refused << wanted;
            log::get("sandbox")->warn("the allow-list proxy refused {} (only {}, {}, may be "
                                      "reached)",
                                      wanted.toStdString(), m_reaches.toStdString(),
                                      m_allowed.join(", ").toStdString());
            return answer(client, "403 Forbidden",
                          QStringLiteral("the sandbox reaches only %1 (%2), not %3")
                              .arg(m_reaches, m_allowed.join(QStringLiteral(", ")), wanted));
        }
        auto* upstream = new QTcpSocket(client);
        QByteArray first = head->mid(end + 4); // what came after the head
        QByteArray request;
        if (!tunnel) {
            const QByteArray path = target.path(QUrl::FullyEncoded).toLatin1() +
                                    (target.hasQuery() ? "?" + target.query().toLatin1() : "");
            request = line[0] + ' ' + (path.isEmpty() ? "/" : path) + ' ' + line[2] +
                      head->mid(head->indexOf("\r\n"), end + 4 - head->indexOf("\r\n"));
        }
        connect(upstream, &QTcpSocket::connected, client,
                [client, upstream, tunnel, request, first] {
                    if (tunnel)
                        client->write("HTTP/1.1 200 Connection established\r\n\r\n");
                    else
                        upstream->write(request);
                    upstream->write(first);
                    splice(client, upstream);
                    if (client->bytesAvailable() > 0)
                        upstream->write(client->readAll());
                });
        connect(upstream, &QTcpSocket::errorOccurred, this, [this, client, upstream, wanted] {
            if (upstream->state() == QAbstractSocket::ConnectedState)
                return;
            const QString why = QStringLiteral("%1: %2").arg(wanted, upstream->errorString());
            if (!m_unreachable.contains(why))
                m_unreachable << why;
            answer(client, "502 Bad Gateway", why);
        });
        upstream->connectToHost(target.host(), quint16(port));
    });
}

QString AllowListProxy::forwarder()
{
    // Threads, not asyncio: a handful of connections for one install.
    return QStringLiteral(R"(import socket, sys, threading
path, port, ready = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def pipe(source, sink):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    try:
        sink.shutdown(socket.SHUT_WR)
    except OSError:
        pass

def serve(client):
    upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        upstream.connect(path)
    except OSError:
        client.close()
        return
    back = threading.Thread(target=pipe, args=(upstream, client), daemon=True)
    back.start()
    pipe(client, upstream)
    back.join()
    client.close()
    upstream.close()

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(64)
open(ready, "w").close()
while True:
    connection, _ = server.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
)");
}

} // namespace orch
