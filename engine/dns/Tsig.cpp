#include "dns/Tsig.h"

#include "dns/DnsMessage.h"

#include <QMessageAuthenticationCode>

namespace orch::dns {
namespace {

constexpr quint16 kFudgeSeconds = 300;
const char* const kAlgorithm = "hmac-sha256";

void putU48(QByteArray& out, qint64 value)
{
    putU16(out, quint16((value >> 32) & 0xffff));
    putU32(out, quint32(value & 0xffffffff));
}

// The TSIG variables the MAC covers after the message (RFC 8945 §4.3.3).
QByteArray variables(const QByteArray& keyName, const QByteArray& algorithm, qint64 timeSigned,
                     quint16 fudge, quint16 error, const QByteArray& other)
{
    QByteArray out = keyName;
    putU16(out, CLASS_ANY);
    putU32(out, 0);
    out.append(algorithm);
    putU48(out, timeSigned);
    putU16(out, fudge);
    putU16(out, error);
    putU16(out, quint16(other.size()));
    out.append(other);
    return out;
}

QByteArray hmac(const QByteArray& data, const QByteArray& secret)
{
    return QMessageAuthenticationCode::hash(data, secret, QCryptographicHash::Sha256);
}

} // namespace

Result<SignedRequest> signRequest(const QByteArray& message, const TsigKey& key, qint64 nowSeconds)
{
    auto keyName = encodeName(key.name);
    if (!keyName)
        return keyName.failure();
    if (message.size() < 12)
        return Error{QStringLiteral("a DNS message shorter than its header")};
    const QByteArray algorithm = encodeName(QString::fromLatin1(kAlgorithm)).value();
    const QByteArray mac =
        hmac(message + variables(keyName.value(), algorithm, nowSeconds, kFudgeSeconds, 0, {}),
             key.secret);

    QByteArray data = algorithm;
    putU48(data, nowSeconds);
    putU16(data, kFudgeSeconds);
    putU16(data, quint16(mac.size()));
    data.append(mac);
    data.append(message.mid(0, 2)); // the original id
    putU16(data, 0);                // error
    putU16(data, 0);                // other length
    QByteArray out = message;
    const quint16 additional = getU16(out, 10) + 1;
    out[10] = char(additional >> 8);
    out[11] = char(additional & 0xff);
    out.append(keyName.value());
    putU16(out, TSIG);
    putU16(out, CLASS_ANY);
    putU32(out, 0);
    putU16(out, quint16(data.size()));
    out.append(data);
    return SignedRequest{out, mac};
}

Result<void> verifyResponse(const QByteArray& response, const TsigKey& key,
                            const QByteArray& requestMac, qint64 nowSeconds)
{
    auto parsed = parseMessage(response);
    if (!parsed)
        return parsed.failure();
    const Message& message = parsed.value();
    if (message.additional.empty() || message.additional.back().type != TSIG)
        return Error{
            message.rcode() != NOERROR
                ? QStringLiteral("the DNS server answered %1").arg(rcodeName(message.rcode()))
                : QStringLiteral("the DNS server's answer is not signed with the key")};
    const Record& tsig = message.additional.back();
    // RDATA: algorithm name, time (48 bits), fudge, MAC size, MAC, original id, error, other.
    qsizetype at = tsig.dataAt;
    auto algorithm = readName(response, at);
    if (!algorithm)
        return algorithm.failure();
    const qsizetype end = tsig.dataAt + tsig.data.size();
    if (at + 10 > end)
        return Error{QStringLiteral("the answer's TSIG record is cut short")};
    const qint64 timeSigned = (qint64(getU16(response, at)) << 32) |
                              (quint32(getU16(response, at + 2)) << 16) | getU16(response, at + 4);
    const quint16 fudge = getU16(response, at + 6);
    const quint16 macSize = getU16(response, at + 8);
    if (at + 10 + macSize + 6 > end)
        return Error{QStringLiteral("the answer's TSIG record is cut short")};
    const QByteArray mac = response.mid(at + 10, macSize);
    const qsizetype tail = at + 10 + macSize;
    const QByteArray originalId = response.mid(tail, 2);
    const quint16 error = getU16(response, tail + 2);
    const quint16 otherSize = getU16(response, tail + 4);
    if (tail + 6 + otherSize > end)
        return Error{QStringLiteral("the answer's TSIG record is cut short")};
    if (error != NOERROR)
        return Error{QStringLiteral("the DNS server refused the key: %1").arg(rcodeName(error))};
    const auto signer = encodeName(tsig.name);
    if (!signer || signer.value() != encodeName(key.name).value() ||
        algorithm.value() != QLatin1String(kAlgorithm))
        return Error{QStringLiteral("the answer is signed with another key")};

    QByteArray unsignedPart = response.left(tsig.startsAt);
    unsignedPart.replace(0, 2, originalId);
    const quint16 additional = getU16(unsignedPart, 10) - 1;
    unsignedPart[10] = char(additional >> 8);
    unsignedPart[11] = char(additional & 0xff);
    QByteArray covered;
    putU16(covered, quint16(requestMac.size()));
    covered.append(requestMac);
    covered.append(unsignedPart);
    covered.append(variables(signer.value(), encodeName(QString::fromLatin1(kAlgorithm)).value(),
                             timeSigned, fudge, error, response.mid(tail + 6, otherSize)));
    if (hmac(covered, key.secret) != mac)
        return Error{QStringLiteral("the answer's signature does not match the key")};
    if (qAbs(nowSeconds - timeSigned) > fudge)
        return Error{QStringLiteral("the answer was signed %1 s away from this machine's clock")
                         .arg(nowSeconds - timeSigned)};
    return {};
}

} // namespace orch::dns
