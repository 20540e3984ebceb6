#pragma once
// One keep-alive HTTP/1.1 connection to one origin, carrying one exchange at a time (no
// pipelining). It lives in the thread of its client, so a request costs no thread hop.

#include "net/HttpResponseParser.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;

namespace orch::net {

class HttpReply;

class HttpConnection final : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket* socket, QString host, quint16 port, bool tls, int idleTimeoutMs,
                   QObject* parent);

    // Writes the reply's request; connects first when the connection is new.
    void start(HttpReply* reply);
    bool isBusy() const { return m_reply != nullptr; }
    // Closes the connection at once, abandoning its exchange (HttpReply::abort).
    void drop();

signals:
    void idle(orch::net::HttpConnection* connection); // ready for another request
    void gone(orch::net::HttpConnection* connection); // closed; its client forgets it
    // A reused connection closed before any byte of the answer: the request may go again.
    void closedUnanswered(orch::net::HttpConnection* connection, orch::net::HttpReply* reply);

private:
    void writeRequest();
    void onReadyRead();
    void onSocketEnded();
    QPointer<HttpReply> detach(); // the exchange is over for this connection
    void close();

    QTcpSocket* m_socket;
    QString m_host;
    quint16 m_port;
    bool m_tls;
    QPointer<HttpReply> m_reply;
    QMetaObject::Connection m_replyGone;
    HttpResponseParser m_parser;
    QTimer m_idleTimer;
    int m_served = 0;
    bool m_answered = false; // a byte of the current answer arrived
    bool m_written = false;  // the current request went out
    bool m_closed = false;
};

} // namespace orch::net
