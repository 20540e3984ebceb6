#pragma once
// One HTTP(S) request with an explicit address to connect to, so "name.localhost" works without
// DNS: the TLS handshake uses the host name (SNI and verification) against the given CA.

#include <QObject>
#include <QSslCertificate>
#include <QUrl>

class QSslSocket;

namespace orch {

struct ProbeRequest
{
    QUrl url;                              // https://name.localhost:8443/health
    QString connectAddress;                // 127.0.0.1; empty: the URL's host
    QList<QSslCertificate> caCertificates; // empty: the system's
    int timeoutMs = 5000;
    QByteArray method = "GET";
    QByteArray body;                              // sent with its Content-Length when not empty
    QByteArray contentType;                       // e.g. application/json
    QList<QPair<QByteArray, QByteArray>> headers; // more, e.g. a webhook's secret token
};

struct ProbeResult
{
    bool ok = false; // a complete HTTP response arrived
    int status = 0;
    QByteArray body;
    QString error;
    qint64 certificateExpiresAt = 0; // the peer certificate's end (ms), when TLS got that far
};

class HttpProbe : public QObject
{
    Q_OBJECT
public:
    HttpProbe(ProbeRequest request, QObject* parent);
    void start();

signals:
    void finished(const orch::ProbeResult& result);

private:
    void finish(ProbeResult result);
    // Decodes a chunked body as far as it has arrived; finishes at its last chunk.
    void readChunked(int status, const QByteArray& raw, qsizetype maxBytes);
    void onReadyRead();

    ProbeRequest m_request;
    QSslSocket* m_socket;
    QByteArray m_received;
    bool m_done = false;
};

} // namespace orch

Q_DECLARE_METATYPE(orch::ProbeResult)
