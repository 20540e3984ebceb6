#pragma once
// HTTP/1.1 requests as the Telegram stand-in reads them: one request at a time off a
// keep-alive connection, and its parameters the way the Bot API takes them (a query string,
// application/x-www-form-urlencoded, application/json or multipart/form-data;
// https://core.telegram.org/bots/api#making-requests).

#include "core/Json.h"

#include <QByteArray>
#include <QString>
#include <optional>

class QTcpSocket;

namespace orch::test {

struct WireRequest
{
    QByteArray verb; // GET, POST
    QByteArray path; // without the query
    QByteArray query;
    QByteArray contentType;
    QByteArray body;
};

// Takes one whole request off the front of `buffer`; none while it is incomplete.
std::optional<WireRequest> takeRequest(QByteArray& buffer);

struct WireParams
{
    bool ok = true; // false: the body claims JSON and is not an object
    Json values = Json::object();
    QByteArray document; // a multipart upload's file
    QString fileName;
};

// The request's parameters: the query string's, then the body's (numbers stay numbers).
WireParams paramsOf(const WireRequest& request);

// Writes a JSON answer with its status line; nothing when the peer is gone.
void writeJson(QTcpSocket* socket, int status, const Json& body);

} // namespace orch::test
