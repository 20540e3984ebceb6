#include "dns/DnsLookup.h"

#include "dns/DnsMessage.h"

#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>

namespace orch::dns {
namespace {

// The record's data as text, or empty for a type not read here.
QString textOf(const Record& record, const QByteArray& message)
{
    switch (record.type) {
    case A:
        if (record.data.size() == 4)
            return QHostAddress((quint32(getU16(record.data, 0)) << 16) | getU16(record.data, 2))
                .toString();
        return {};
    case AAAA:
        if (record.data.size() == 16)
            return QHostAddress(reinterpret_cast<const quint8*>(record.data.constData()))
                .toString();
        return {};
    case CNAME: {
        qsizetype at = record.dataAt;
        auto name = readName(message, at);
        return name ? name.value() : QString();
    }
    case TXT: {
        QString text;
        for (qsizetype at = 0; at < record.data.size();) {
            const int size = quint8(record.data[at]);
            text += QString::fromUtf8(record.data.mid(at + 1, size));
            at += 1 + size;
        }
        return text;
    }
    default:
        return {};
    }
}

} // namespace

void lookup(const Server& server, const QString& name, quint16 type, QObject* context,
            LookupDone done)
{
    // Recursion desired (RFC 1035 §4.1.1): a resolver answers for any name; an authoritative
    // server ignores the bit.
    constexpr quint16 kRecursionDesired = 0x0100;
    MessageWriter out(quint16(QRandomGenerator::global()->bounded(65536)), kRecursionDesired);
    if (auto question = out.add(0, name, type, IN, 0, {}, true); !question)
        return done(question.failure());
    exchange(server, out.bytes(), context, [done, type, name](Result<QByteArray> answer) {
        if (!answer)
            return done(answer.failure());
        auto message = parseMessage(answer.value());
        if (!message)
            return done(message.failure());
        if (message->rcode() == NXDOMAIN)
            return done(QStringList());
        if (message->rcode() != NOERROR)
            return done(Error{QStringLiteral("the DNS server answered %1 for %2")
                                  .arg(rcodeName(message->rcode()), name)});
        QStringList found;
        for (const Record& record : message->answers)
            if (record.type == type)
                if (const QString text = textOf(record, answer.value()); !text.isEmpty())
                    found << text;
        done(found);
    });
}

Server systemResolver(const QString& resolvConf)
{
    QFile file(resolvConf);
    if (file.open(QIODevice::ReadOnly))
        while (!file.atEnd()) {
            const QStringList words =
                QString::fromUtf8(file.readLine(1024)).simplified().split(QLatin1Char(' '));
            if (words.size() >= 2 && words[0] == QLatin1String("nameserver") &&
                !QHostAddress(words[1]).isNull())
                return {words[1]};
        }
    return {QStringLiteral("127.0.0.1")}; // resolv.conf(5): the default without a nameserver
}

} // namespace orch::dns
