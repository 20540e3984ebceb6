#pragma once
// One request sent through HttpClient and its response as it arrives: the head, the body in
// decoded pieces, then finished() once (after a complete body, an error or abort()).

#include "net/HttpMessage.h"

#include <QObject>
#include <QPointer>

namespace orch::net {

class HttpConnection;

class HttpReply final : public QObject
{
    Q_OBJECT
public:
    int status() const { return m_head.status; }
    const HttpHead& head() const { return m_head; }
    bool isFinished() const { return m_finished; }
    // Waiting for a connection of its origin (all were busy); dequeued() follows when one takes
    // it. Until then the time is the pool's, not the server's: a caller's timers start after.
    bool isQueued() const { return m_queued; }
    // Empty when the whole response arrived; otherwise what went wrong, for a person.
    const QString& error() const { return m_error; }
    // Stops the exchange and closes its connection; finished() follows at once.
    void abort();

signals:
    void dequeued();
    void headReceived();
    void received(const QByteArray& bytes); // body bytes, transfer coding removed
    void finished();

private:
    friend class HttpClient;
    friend class HttpConnection;
    HttpReply(QByteArray origin, QByteArray wire, QObject* parent);
    void finish(const QString& error);

    QByteArray m_origin; // "https://api.example.com:443": which pool serves it
    QByteArray m_wire;   // the request as written on the connection
    HttpHead m_head;
    QString m_error;
    QPointer<HttpConnection> m_connection;
    bool m_finished = false;
    bool m_resent = false; // sent again after a reused connection closed unanswered
    bool m_queued = false;
};

} // namespace orch::net
