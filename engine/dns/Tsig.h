#pragma once
// TSIG (RFC 8945) with HMAC-SHA256: signs a request with a shared key and checks the server's
// signed answer, so an update is accepted only from the key's holder and an answer cannot be
// forged on the way back.

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace orch::dns {

struct TsigKey
{
    QString name;      // the key's name as the server knows it ("orchestrator")
    QByteArray secret; // the raw secret (the server's configuration holds it in base64)
};

struct SignedRequest
{
    QByteArray bytes; // the message with its TSIG record
    QByteArray mac;   // what the answer's MAC covers first
};

// `nowSeconds`: seconds since the epoch (RFC 8945 §4.3.3 allows a 300 s fudge).
Result<SignedRequest> signRequest(const QByteArray& message, const TsigKey& key, qint64 nowSeconds);
// A signed answer passes; an unsigned one names the server's rcode or TSIG error, since a
// server that cannot verify a request answers unsigned (RFC 8945 §5.3.2).
Result<void> verifyResponse(const QByteArray& response, const TsigKey& key,
                            const QByteArray& requestMac, qint64 nowSeconds);

} // namespace orch::dns
