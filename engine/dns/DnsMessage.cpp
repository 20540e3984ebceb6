#include "dns/DnsMessage.h"

#include <QRegularExpression>

namespace orch::dns {
namespace {
constexpr int kMaxRecordsPerSection = 512;
constexpr int kMaxPointerHops = 64;
} // namespace

QString rcodeName(int rcode)
{
    switch (rcode) {
    case NOERROR:
        return QStringLiteral("NOERROR");
    case FORMERR:
        return QStringLiteral("FORMERR (the server could not read the request)");
    case SERVFAIL:
        return QStringLiteral("SERVFAIL (the server failed)");
    case NXDOMAIN:
        return QStringLiteral("NXDOMAIN (no such name)");
    case NOTIMP:
        return QStringLiteral("NOTIMP (the server does not take this request)");
    case REFUSED:
        return QStringLiteral("REFUSED (the server does not allow it)");
    case YXDOMAIN:
        return QStringLiteral("YXDOMAIN");
    case YXRRSET:
        return QStringLiteral("YXRRSET");
    case NXRRSET:
        return QStringLiteral("NXRRSET");
    case NOTAUTH:
        return QStringLiteral("NOTAUTH (the server is not authoritative for the zone, "
                              "or the key was not accepted)");
    case NOTZONE:
        return QStringLiteral("NOTZONE (the name is outside the zone)");
    case BADSIG:
        return QStringLiteral("BADSIG (the key's secret does not match)");
    case BADKEY:
        return QStringLiteral("BADKEY (the server does not know the key)");
    case BADTIME:
        return QStringLiteral("BADTIME (the clocks differ by more than 5 minutes)");
    default:
        return QStringLiteral("rcode %1").arg(rcode);
    }
}

void putU16(QByteArray& out, quint16 value)
{
    out.append(char(value >> 8));
    out.append(char(value & 0xff));
}

void putU32(QByteArray& out, quint32 value)
{
    putU16(out, quint16(value >> 16));
    putU16(out, quint16(value & 0xffff));
}

quint16 getU16(const QByteArray& in, qsizetype at)
{
    return quint16((quint8(in[at]) << 8) | quint8(in[at + 1]));
}

bool isHostName(const QString& name)
{
    static const QRegularExpression kName(
        QStringLiteral("^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
                       "(\\.[A-Za-z0-9_]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$"));
    return kName.match(name).hasMatch();
}

Result<QByteArray> encodeName(const QString& name)
{
    QString plain = name.toLower();
    if (plain.endsWith(QLatin1Char('.')))
        plain.chop(1);
    QByteArray out;
    if (!plain.isEmpty())
        for (const QString& label : plain.split(QLatin1Char('.'))) {
            const QByteArray bytes = label.toUtf8();
            if (bytes.isEmpty() || bytes.size() > 63)
                return Error{QStringLiteral("'%1' is not a domain name").arg(name.left(80))};
            out.append(char(bytes.size()));
            out.append(bytes);
        }
    out.append('\0');
    if (out.size() > 255)
        return Error{
            QStringLiteral("'%1…' is longer than a domain name may be").arg(name.left(40))};
    return out;
}

MessageWriter::MessageWriter(quint16 id, quint16 flags) : m_id(id), m_flags(flags) {}

Result<void> MessageWriter::add(int section, const QString& name, quint16 type, quint16 klass,
                                quint32 ttl, const QByteArray& data, bool question)
{
    auto wire = encodeName(name);
    if (!wire)
        return wire.failure();
    QByteArray& out = m_sections[section];
    out.append(wire.value());
    putU16(out, type);
    putU16(out, klass);
    if (!question) {
        putU32(out, ttl);
        putU16(out, quint16(data.size()));
        out.append(data);
    }
    ++m_counts[section];
    return {};
}

QByteArray MessageWriter::bytes() const
{
    QByteArray out;
    putU16(out, m_id);
    putU16(out, m_flags);
    for (quint16 count : m_counts)
        putU16(out, count);
    for (const QByteArray& section : m_sections)
        out.append(section);
    return out;
}

Result<QString> readName(const QByteArray& message, qsizetype& offset)
{
    QStringList labels;
    qsizetype at = offset;
    qsizetype length = 0;
    bool jumped = false;
    for (int hops = 0;;) {
        if (at >= message.size())
            return Error{QStringLiteral("a name runs past the end of the message")};
        const quint8 size = quint8(message[at]);
        if ((size & 0xc0) == 0xc0) { // a pointer to an earlier name (RFC 1035 §4.1.4)
            if (at + 1 >= message.size())
                return Error{QStringLiteral("a name's pointer runs past the end")};
            const qsizetype target = ((size & 0x3f) << 8) | quint8(message[at + 1]);
            if (target >= at || ++hops > kMaxPointerHops) // only backwards: no loops
                return Error{QStringLiteral("a name's pointer does not point back")};
            if (!jumped)
                offset = at + 2;
            jumped = true;
            at = target;
            continue;
        }
        if (size & 0xc0)
            return Error{QStringLiteral("a name has an unknown label type")};
        if (size == 0) {
            if (!jumped)
                offset = at + 1;
            break;
        }
        if (at + 1 + size > message.size())
            return Error{QStringLiteral("a label runs past the end of the message")};
        length += size + 1;
        if (length > 255)
            return Error{QStringLiteral("a name is longer than 255 bytes")};
        labels << QString::fromLatin1(message.mid(at + 1, size)).toLower();
        at += 1 + size;
    }
    return labels.join(QLatin1Char('.'));
}

Result<Message> parseMessage(const QByteArray& bytes)
{
    if (bytes.size() < 12)
        return Error{QStringLiteral("a DNS message shorter than its header")};
    Message message;
    message.id = getU16(bytes, 0);
    message.flags = getU16(bytes, 2);
    qsizetype at = 12;
    std::vector<Record>* sections[4] = {&message.questions, &message.answers, &message.authority,
                                        &message.additional};
    for (int section = 0; section < 4; ++section) {
        const int count = getU16(bytes, 4 + 2 * section);
        if (count > kMaxRecordsPerSection)
            return Error{QStringLiteral("a DNS message with %1 records in one section").arg(count)};
        for (int i = 0; i < count; ++i) {
            Record record;
            record.startsAt = at;
            auto name = readName(bytes, at);
            if (!name)
                return name.failure();
            record.name = name.value();
            const qsizetype fixed = section == 0 ? 4 : 10;
            if (at + fixed > bytes.size())
                return Error{QStringLiteral("a record runs past the end of the message")};
            record.type = getU16(bytes, at);
            record.klass = getU16(bytes, at + 2);
            if (section > 0) {
                record.ttl = (quint32(getU16(bytes, at + 4)) << 16) | getU16(bytes, at + 6);
                const quint16 size = getU16(bytes, at + 8);
                if (at + 10 + size > bytes.size())
                    return Error{QStringLiteral("a record's data runs past the end")};
                record.dataAt = at + 10;
                record.data = bytes.mid(at + 10, size);
            }
            at += fixed + record.data.size();
            sections[section]->push_back(std::move(record));
        }
    }
    return message;
}

} // namespace orch::dns
