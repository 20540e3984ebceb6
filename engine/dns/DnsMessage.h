#pragma once
// DNS messages on the wire (RFC 1035 §4), as much as dynamic updates (RFC 2136) and the
// lookups that check them need: names, the header, resource records, and a parser that
// treats every reply as hostile (bounded counts, compression pointers that only point back,
// nothing read past the end).

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <vector>

namespace orch::dns {

// Record types and classes used here (RFC 1035 §3.2.2, RFC 2136 §2.4, RFC 8945 §4.2).
enum Type : quint16
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    TXT = 16,
    AAAA = 28,
    TSIG = 250,
    ANY = 255,
    CAA = 257,
};

enum Class : quint16
{
    IN = 1,
    NONE = 254, // an update's "delete this record" (RFC 2136 §2.5.4)
    CLASS_ANY = 255,
};

// Response codes (RFC 1035 §4.1.1, RFC 2136 §2.2) and the TSIG errors (RFC 8945 §5.3.2).
enum Rcode : quint16
{
    NOERROR = 0,
    FORMERR = 1,
    SERVFAIL = 2,
    NXDOMAIN = 3,
    NOTIMP = 4,
    REFUSED = 5,
    YXDOMAIN = 6,
    YXRRSET = 7,
    NXRRSET = 8,
    NOTAUTH = 9,
    NOTZONE = 10,
    BADSIG = 16,
    BADKEY = 17,
    BADTIME = 18,
};

QString rcodeName(int rcode);

struct Record
{
    QString name; // lower case, without the final dot
    quint16 type = 0;
    quint16 klass = IN;
    quint32 ttl = 0;
    QByteArray data;        // RDATA as on the wire
    qsizetype dataAt = 0;   // where RDATA starts in the message (names in it may point back)
    qsizetype startsAt = 0; // where the record starts in the message
};

struct Message
{
    quint16 id = 0;
    quint16 flags = 0;
    std::vector<Record> questions; // name, type and class only
    std::vector<Record> answers;   // the update section of an UPDATE
    std::vector<Record> authority;
    std::vector<Record> additional;

    int rcode() const { return flags & 0x0f; }
    bool isResponse() const { return flags & 0x8000; }
};

// A domain name in wire form, uncompressed and lower-cased (canonical, as TSIG wants it).
// Refuses empty labels, labels over 63 bytes and names over 255 bytes.
Result<QByteArray> encodeName(const QString& name);
bool isHostName(const QString& name); // letters, digits, dashes, dots; each label 1–63

// Writes records and sections; counts are taken from what was added.
class MessageWriter
{
public:
    MessageWriter(quint16 id, quint16 flags);
    // Section: 0 question/zone, 1 answer/prerequisite, 2 authority/update, 3 additional.
    Result<void> add(int section, const QString& name, quint16 type, quint16 klass, quint32 ttl = 0,
                     const QByteArray& data = {}, bool question = false);
    QByteArray bytes() const;

private:
    quint16 m_id;
    quint16 m_flags;
    QByteArray m_sections[4];
    quint16 m_counts[4] = {0, 0, 0, 0};
};

Result<Message> parseMessage(const QByteArray& bytes);
// Reads a (possibly compressed) name at `offset` of `message`; `offset` moves past it.
Result<QString> readName(const QByteArray& message, qsizetype& offset);

void putU16(QByteArray& out, quint16 value);
void putU32(QByteArray& out, quint32 value);
quint16 getU16(const QByteArray& in, qsizetype at);

} // namespace orch::dns
