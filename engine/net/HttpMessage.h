#pragma once
// What one HTTP/1.1 exchange carries: the request the client writes and the head of the
// response it reads. Header names are compared without case (RFC 9110 §5.1).

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace orch::net {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method = "POST";
    QUrl url; // http:// or https://
    HttpHeaders headers;
    QByteArray body;
};

struct HttpHead
{
    int status = 0;
    int minorVersion = 1; // HTTP/1.0 or HTTP/1.1
    HttpHeaders headers;  // names lower-cased, in the order received

    // The first value of a header (`name` lower-case), empty when absent.
    QByteArray value(QByteArrayView name) const;
    // Whether a comma-separated header lists `token` ("Connection: keep-alive, close").
    bool lists(QByteArrayView name, QByteArrayView token) const;
};

// A field name or method: a token of visible characters without separators (RFC 9110 §5.6.2).
bool isFieldName(QByteArrayView name);

} // namespace orch::net
