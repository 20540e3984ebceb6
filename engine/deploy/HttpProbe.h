#pragma once
// One HTTP(S) request with an explicit address to connect to, so "name.localhost" works without
// DNS: the TLS handshake uses the host name (SNI and verification) against the given CA. Qt
// Network's QNetworkAccessManager cannot connect to one address while naming another host
// (Qt 6.4 has no such override), so the request is written here on a QSslSocket: HTTP/1.1
// with Content-Length, chunked answers (RFC 9112 7.1) and a close, redirects within the same
// origin when asked (RFC 9110 15.4), every answer bounded in size and time.

#include <QElapsedTimer>
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
    int redirects = 0; // how many same-origin redirects a GET or HEAD follows
};

struct ProbeResult
{
    bool ok = false; // a complete HTTP response arrived
    int status = 0;
    QByteArray body;
    QString error;
    qint64 certificateExpiresAt = 0; // the peer certificate's end (ms), when TLS got that far
    QString certificateIssuer;       // who issued it ("Pebble Intermediate CA 1f2e3d")
    QByteArray location;             // a redirect's Location, as sent
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
    // Another probe for a redirect's target when it may be followed; false: this answer stands.
    bool follow(const ProbeResult& result);
    // Decodes a chunked body as far as it has arrived; finishes at its last chunk.
    void readChunked(int status, const QByteArray& raw, qsizetype maxBytes);
    void onReadyRead();

    ProbeRequest m_request;
    QSslSocket* m_socket;
    QByteArray m_received;
    QByteArray m_location;
    QElapsedTimer m_clock;
    bool m_done = false;
};

} // namespace orch

Q_DECLARE_METATYPE(orch::ProbeResult)
