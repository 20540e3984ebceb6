#include "net/HttpConnection.h"

#include "net/HttpReply.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace orch::net {

HttpConnection::HttpConnection(QTcpSocket* socket, QString host, quint16 port, bool tls,
                               int idleTimeoutMs, QObject* parent)
    : QObject(parent), m_socket(socket), m_host(std::move(host)), m_port(port), m_tls(tls)
{
    socket->setParent(this);
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(idleTimeoutMs);
    connect(&m_idleTimer, &QTimer::timeout, this, &HttpConnection::close);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onSocketEnded);
    connect(socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onSocketEnded);
    connect(socket, &QTcpSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (!m_tls)
            writeRequest();
    });
    if (tls)
        connect(static_cast<QSslSocket*>(socket), &QSslSocket::encrypted, this,
                &HttpConnection::writeRequest);
}

void HttpConnection::writeRequest()
{
    if (!m_reply || m_written)
        return;
    m_written = true;
    m_socket->write(m_reply->m_wire);
    m_socket->flush();
}

void HttpConnection::start(HttpReply* reply)
{
    m_idleTimer.stop();
    m_reply = reply;
    m_parser = HttpResponseParser();
    m_answered = false;
    m_written = false;
    reply->m_connection = this;
    // A reply deleted mid-answer leaves the rest of its answer on the wire: close.
    m_replyGone = connect(reply, &QObject::destroyed, this, &HttpConnection::drop);
    if (m_socket->state() == QAbstractSocket::ConnectedState &&
        (!m_tls || static_cast<QSslSocket*>(m_socket)->isEncrypted()))
        return writeRequest();
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        return; // still connecting: written once connected (and encrypted)
    if (m_tls)
        static_cast<QSslSocket*>(m_socket)->connectToHostEncrypted(m_host, m_port);
    else
        m_socket->connectToHost(m_host, m_port);
}

QPointer<HttpReply> HttpConnection::detach()
{
    QPointer<HttpReply> reply = m_reply;
    disconnect(m_replyGone);
    m_reply = nullptr;
    ++m_served;
    if (reply)
        reply->m_connection = nullptr;
    return reply;
}

void HttpConnection::drop()
{
    detach();
    close();
}

void HttpConnection::onReadyRead()
{
    if (m_closed)
        return;
    const QByteArray data = m_socket->readAll();
    if (!m_reply)
        return close(); // bytes nobody asked for: the connection cannot be trusted again
    m_answered = true;
    QPointer<HttpReply> reply = m_reply;
    const bool hadHead = m_parser.headReady();
    QByteArray body;
    const Result<qsizetype> used = m_parser.feed(data, body);
    if (!used) {
        detach();
        close();
        return reply->finish(used.error());
    }
    if (!hadHead && m_parser.headReady()) {
        reply->m_head = m_parser.head();
        emit reply->headReceived();
        if (!reply || m_reply != reply)
            return; // aborted or deleted by whoever listens
    }
    if (!body.isEmpty()) {
        emit reply->received(body);
        if (!reply || m_reply != reply)
            return;
    }
    if (!m_parser.complete())
        return;
    const bool reusable = m_parser.keepAlive() && *used == data.size();
    detach();
    if (reusable) {
        m_idleTimer.start();
        emit idle(this);
    } else {
        close();
    }
    reply->finish(QString());
}

void HttpConnection::onSocketEnded()
{
    if (m_closed)
        return;
    if (!m_reply)
        return close();
    QPointer<HttpReply> reply = m_reply;
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (m_closed || !reply || m_reply != reply)
        return;
    const Result<void> ended = m_parser.closed();
    const bool closedByPeer = m_socket->error() == QAbstractSocket::RemoteHostClosedError ||
                              m_socket->error() == QAbstractSocket::UnknownSocketError;
    const QString reason = ended          ? QString()
                           : closedByPeer ? ended.error()
                                          : m_socket->errorString();
    const bool resend = !ended && !m_answered && m_served > 0 && !reply->m_resent;
    detach();
    close();
    if (resend)
        emit closedUnanswered(this, reply);
    else
        reply->finish(reason);
}

void HttpConnection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_idleTimer.stop();
    m_socket->disconnect(this);
    m_socket->abort();
    emit gone(this);
    deleteLater();
}

} // namespace orch::net
