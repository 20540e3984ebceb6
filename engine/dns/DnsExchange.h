#pragma once
// One DNS request and its answer over TCP (RFC 1035 §4.2.2: each message with a two-byte
// length), which every authoritative server takes and which carries any update's size.
// Asynchronous; `done` is called exactly once: the answer, or why there is none (refused,
// timed out, cut short, oversized).

#include "core/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <functional>

namespace orch::dns {

struct Server
{
    QString host; // an address or a name
    quint16 port = 53;
    int timeoutMs = 10000;
};

using AnswerDone = std::function<void(Result<QByteArray>)>;

// The answer must carry the request's id; `context` ends the exchange when it is destroyed.
void exchange(const Server& server, const QByteArray& request, QObject* context, AnswerDone done);

} // namespace orch::dns
