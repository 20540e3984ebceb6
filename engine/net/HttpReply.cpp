#include "net/HttpReply.h"

#include "net/HttpConnection.h"

namespace orch::net {

HttpReply::HttpReply(QByteArray origin, QByteArray wire, QObject* parent)
    : QObject(parent), m_origin(std::move(origin)), m_wire(std::move(wire))
{
}

void HttpReply::abort()
{
    if (m_finished)
        return;
    if (QPointer<HttpConnection> connection = m_connection) {
        m_connection = nullptr;
        connection->drop();
    }
    finish(QStringLiteral("aborted"));
}

void HttpReply::finish(const QString& error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_connection = nullptr;
    emit finished();
}

} // namespace orch::net
