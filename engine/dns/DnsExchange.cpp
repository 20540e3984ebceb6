#include "dns/DnsExchange.h"

#include "dns/DnsMessage.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <memory>

namespace orch::dns {

void exchange(const Server& server, const QByteArray& request, QObject* context, AnswerDone done)
{
    auto* socket = new QTcpSocket(context);
    auto* timer = new QTimer(socket);
    auto once = std::make_shared<AnswerDone>(std::move(done));
    const QString where = QStringLiteral("%1:%2").arg(server.host).arg(server.port);
    auto finish = [socket, once](Result<QByteArray> answer) {
        if (!*once)
            return;
        AnswerDone callback = std::move(*once);
        *once = nullptr;
        socket->disconnect();
        socket->abort();
        socket->deleteLater();
        callback(std::move(answer));
    };
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, socket, [finish, where, server] {
        finish(Error{QStringLiteral("the DNS server at %1 did not answer within %2 s")
                         .arg(where)
                         .arg(server.timeoutMs / 1000.0),
                     ErrorCode::Unavailable});
    });
    QObject::connect(socket, &QTcpSocket::connected, socket, [socket, request] {
        QByteArray framed;
        putU16(framed, quint16(request.size()));
        socket->write(framed + request);
    });
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, finish, request] {
        const QByteArray seen = socket->peek(2 + 65535);
        if (seen.size() < 2)
            return;
        const quint16 size = getU16(seen, 0);
        if (seen.size() < 2 + size)
            return; // more to come; the timer bounds a slow drip
        const QByteArray answer = seen.mid(2, size);
        if (answer.size() < 12 || answer.left(2) != request.left(2))
            return finish(
                Error{QStringLiteral("the DNS server's answer does not match the request")});
        finish(answer);
    });
    QObject::connect(socket, &QTcpSocket::errorOccurred, socket,
                     [socket, finish, where](QAbstractSocket::SocketError) {
                         finish(Error{QStringLiteral("cannot reach the DNS server at %1: %2")
                                          .arg(where, socket->errorString()),
                                      ErrorCode::Unavailable});
                     });
    if (request.size() > 65535)
        return finish(Error{QStringLiteral("a DNS request larger than 64 KiB")});
    timer->start(server.timeoutMs);
    socket->connectToHost(server.host, server.port);
}

} // namespace orch::dns
