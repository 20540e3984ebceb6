#include "deploy/HttpProbe.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace orch {

HttpProbe::HttpProbe(ProbeRequest request, QObject* parent)
    : QObject(parent), m_request(std::move(request)), m_socket(new QSslSocket(this))
{
    connect(m_socket, &QSslSocket::readyRead, this, &HttpProbe::onReadyRead);
    connect(m_socket, &QSslSocket::disconnected, this, &HttpProbe::onReadyRead);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this] {
        if (m_socket->error() == QAbstractSocket::RemoteHostClosedError)
            return onReadyRead();
        finish({false, 0, {}, m_socket->errorString()});
    });
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        QStringList reasons;
        for (const QSslError& e : errors)
            reasons << e.errorString();
        finish({false, 0, {}, QStringLiteral("TLS: %1").arg(reasons.join(QStringLiteral("; ")))});
    });
}

void HttpProbe::start()
{
    const QUrl& url = m_request.url;
    const QString address =
        m_request.connectAddress.isEmpty() ? url.host() : m_request.connectAddress;
    m_clock.start();
    QTimer::singleShot(m_request.timeoutMs, this, [this] {
        finish({false, 0, {}, QStringLiteral("no answer within %1 ms").arg(m_request.timeoutMs)});
    });
    QByteArray path = url.path(QUrl::FullyEncoded).toUtf8();
    if (path.isEmpty())
        path = "/";
    if (url.hasQuery())
        path += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    QByteArray request =
        m_request.method + ' ' + path + " HTTP/1.1\r\nHost: " + url.host().toUtf8() + ':' +
        QByteArray::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80)) +
        "\r\nUser-Agent: codegen-orchestrator-probe\r\nAccept: */*\r\nConnection: close\r\n";
    if (!m_request.contentType.isEmpty())
        request += "Content-Type: " + m_request.contentType + "\r\n";
    for (const auto& [name, value] : m_request.headers) // never CR or LF: no header injection
        if (!name.contains('\r') && !name.contains('\n') && !value.contains('\r') &&
            !value.contains('\n'))
            request += name + ": " + value + "\r\n";
    if (!m_request.body.isEmpty() || m_request.method != "GET")
        request += "Content-Length: " + QByteArray::number(m_request.body.size()) + "\r\n";
    request += "\r\n" + m_request.body;
    connect(m_socket, &QSslSocket::encrypted, this, [this, request] { m_socket->write(request); });
    connect(m_socket, &QSslSocket::connected, this, [this, request] {
        if (m_request.url.scheme() != QLatin1String("https"))
            m_socket->write(request);
    });
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_request.caCertificates.isEmpty())
            tls.setCaCertificates(m_request.caCertificates);
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        m_socket->setSslConfiguration(tls);
        m_socket->connectToHostEncrypted(address, quint16(url.port(443)), url.host());
    } else {
        m_socket->connectToHost(address, quint16(url.port(80)));
    }
}

void HttpProbe::onReadyRead()
{
    if (m_done) // abort() after the answer still signals a disconnect
        return;
    // A probed service is the project's code: its answer is bounded like any outside input.
    constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    constexpr qsizetype kMaxBodyBytes = 1024 * 1024;
    m_received += m_socket->read(kMaxHeadBytes + kMaxBodyBytes + 1 - m_received.size());
    const qsizetype headerEnd = m_received.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (m_received.size() > kMaxHeadBytes)
            finish(
                {false,
                 0,
                 {},
                 QStringLiteral("no complete response head within %1 bytes").arg(kMaxHeadBytes)});
        else if (m_socket->state() == QAbstractSocket::UnconnectedState)
            finish({false, 0, {}, QStringLiteral("connection closed before a response")});
        return;
    }
    const QList<QByteArray> head = m_received.left(headerEnd).split('\n');
    const int status = head.value(0).split(' ').value(1).toInt();
    qsizetype length = -1;
    bool chunked = false;
    for (const QByteArray& line : head) {
        const QByteArray lower = line.toLower();
        if (lower.startsWith("location:"))
            m_location = line.mid(9).trimmed().left(4096);
        if (lower.startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
        else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked"))
            chunked = true;
    }
    const QByteArray body = m_received.mid(headerEnd + 4);
    if (m_request.method == "HEAD") // a HEAD answer has a length but never a body
        return finish({true, status, {}, {}});
    if (chunked) // RFC 9112 §7.1: what a server that does not know the length sends
        return readChunked(status, body, kMaxBodyBytes);
    if (body.size() > kMaxBodyBytes) // the first megabyte is what the checks look at
        return finish({true, status, body.left(kMaxBodyBytes), {}});
    if ((length >= 0 && body.size() >= length) ||
        m_socket->state() == QAbstractSocket::UnconnectedState)
        finish({true, status, length >= 0 ? body.left(length) : body, {}});
}

void HttpProbe::readChunked(int status, const QByteArray& raw, qsizetype maxBytes)
{
    QByteArray body;
    qsizetype at = 0;
    for (;;) {
        const qsizetype lineEnd = raw.indexOf("\r\n", at);
        if (lineEnd < 0)
            break; // the size line is still on its way
        bool valid = false;
        // chunk-size [; extensions] CRLF, then the data and CRLF; size 0 ends the body.
        const qint64 size =
            raw.mid(at, lineEnd - at).split(';').value(0).trimmed().toLongLong(&valid, 16);
        if (!valid || size < 0)
            return finish({false, status, {}, QStringLiteral("a chunked answer with a bad size")});
        if (size == 0)
            return finish({true, status, body, {}});
        if (body.size() + size > maxBytes) { // the first megabyte is what the checks look at
            const qsizetype wanted = maxBytes - body.size();
            if (raw.size() - (lineEnd + 2) < wanted &&
                m_socket->state() != QAbstractSocket::UnconnectedState)
                break;
            body += raw.mid(lineEnd + 2, wanted);
            return finish({true, status, body, {}});
        }
        if (raw.size() < lineEnd + 2 + size + 2)
            break; // the chunk is still on its way
        body += raw.mid(lineEnd + 2, size);
        at = lineEnd + 2 + size + 2;
    }
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finish(
            {false, status, {}, QStringLiteral("the connection closed inside a chunked answer")});
}

void HttpProbe::finish(ProbeResult result)
{
    if (m_done)
        return;
    m_done = true;
    // The certificate the server showed (after a handshake), for the watcher's expiry alerts.
    if (const QSslCertificate peer = m_socket->peerCertificate(); !peer.isNull()) {
        result.certificateExpiresAt = peer.expiryDate().toMSecsSinceEpoch();
        result.certificateIssuer = peer.issuerDisplayName();
    }
    if (result.ok && result.status >= 300 && result.status < 400)
        result.location = m_location;
    m_socket->abort();
    if (!follow(result))
        emit finished(result);
}

bool HttpProbe::follow(const ProbeResult& result)
{
    static const QList<int> redirects = {301, 302, 303, 307, 308};
    if (m_request.redirects <= 0 || !redirects.contains(result.status) ||
        result.location.isEmpty() || (m_request.method != "GET" && m_request.method != "HEAD"))
        return false;
    const QUrl target = m_request.url.resolved(QUrl::fromEncoded(result.location));
    // Same scheme, host and port only: the address to connect to and the CA stay right, and a
    // service cannot send the probe (with its headers) anywhere else.
    if (!target.isValid() || target.scheme() != m_request.url.scheme() ||
        target.host() != m_request.url.host() || target.port() != m_request.url.port())
        return false;
    ProbeRequest next = m_request;
    next.url = target;
    next.redirects = m_request.redirects - 1;
    // One time bound for the request and its redirects together.
    const qint64 left = m_request.timeoutMs - m_clock.elapsed();
    if (left <= 0)
        return false;
    next.timeoutMs = int(left);
    auto* probe = new HttpProbe(next, this);
    connect(probe, &HttpProbe::finished, this, [this, probe](const ProbeResult& answer) {
        probe->deleteLater();
        emit finished(answer);
    });
    probe->start();
    return true;
}

} // namespace orch
