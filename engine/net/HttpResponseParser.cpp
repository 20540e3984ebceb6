#include "net/HttpResponseParser.h"

namespace orch::net {
namespace {

Error malformed(const QString& what)
{
    return Error{QStringLiteral("malformed HTTP response: %1").arg(what)};
}

QByteArrayView withoutCr(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

// Content-Length: digits only; a list of equal values counts as one (RFC 9110 §8.6).
Result<qint64> contentLength(const QByteArray& value)
{
    qint64 length = -1;
    for (const QByteArray& item : value.split(',')) {
        const QByteArray digits = item.trimmed();
        if (digits.isEmpty() || digits.size() > 15)
            return malformed(QStringLiteral("Content-Length %1").arg(QString::fromLatin1(value)));
        for (char c : digits)
            if (c < '0' || c > '9')
                return malformed(
                    QStringLiteral("Content-Length %1").arg(QString::fromLatin1(value.left(40))));
        const qint64 parsed = digits.toLongLong();
        if (length >= 0 && parsed != length)
            return malformed(QStringLiteral("Content-Length values differ"));
        length = parsed;
    }
    return length;
}

} // namespace

Result<bool> HttpResponseParser::pendUpToNewline(QByteArrayView data, qsizetype& used,
                                                 qsizetype limit, const char* what)
{
    const QByteArrayView rest = data.sliced(used);
    const qsizetype newline = rest.indexOf('\n');
    const qsizetype take = newline < 0 ? rest.size() : newline + 1;
    if (m_pending.size() + take > limit)
        return malformed(
            QStringLiteral("%1 longer than %2 bytes").arg(QLatin1String(what)).arg(limit));
    m_pending.append(rest.first(take));
    used += take;
    return newline >= 0;
}

Result<bool> HttpResponseParser::takeLine(QByteArrayView data, qsizetype& used, QByteArray& line,
                                          qsizetype limit)
{
    auto whole = pendUpToNewline(data, used, limit, "a line");
    if (!whole || !*whole)
        return whole;
    line = withoutCr(QByteArrayView(m_pending).chopped(1)).toByteArray();
    m_pending.clear();
    return true;
}

Result<qsizetype> HttpResponseParser::feed(QByteArrayView data, QByteArray& body)
{
    qsizetype used = 0;
    QByteArray line;
    while (used < data.size() && m_stage != Stage::Done) {
        const QByteArrayView rest = data.sliced(used);
        switch (m_stage) {
        case Stage::Head: {
            auto newline = pendUpToNewline(data, used, kMaxHeadBytes, "a head");
            if (!newline)
                return newline.failure();
            if (*newline && (m_pending.endsWith("\n\n") || m_pending.endsWith("\n\r\n")))
                if (auto parsed = parseHead(); !parsed)
                    return parsed.failure();
            break;
        }
        case Stage::FixedBody:
        case Stage::ChunkData: {
            const qsizetype take = qsizetype(std::min<qint64>(m_remaining, rest.size()));
            body.append(rest.first(take));
            used += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_stage = m_stage == Stage::FixedBody ? Stage::Done : Stage::ChunkDataEnd;
            break;
        }
        case Stage::UntilClose:
            body.append(rest);
            used = data.size();
            break;
        case Stage::ChunkSize: {
            auto whole = takeLine(data, used, line, kMaxLineBytes);
            if (!whole)
                return whole.failure();
            if (*whole)
                if (auto parsed = parseChunkSize(line); !parsed)
                    return parsed.failure();
            break;
        }
        case Stage::ChunkDataEnd: {
            auto whole = takeLine(data, used, line, 2);
            if (!whole)
                return malformed(QStringLiteral("a chunk longer than its size"));
            if (*whole) {
                if (!line.isEmpty())
                    return malformed(QStringLiteral("a chunk longer than its size"));
                m_stage = Stage::ChunkSize;
            }
            break;
        }
        case Stage::Trailers: {
            auto whole = takeLine(data, used, line, kMaxLineBytes);
            if (!whole)
                return whole.failure();
            if (*whole) {
                m_trailerBytes += line.size();
                if (m_trailerBytes > kMaxHeadBytes)
                    return malformed(
                        QStringLiteral("trailers larger than %1 bytes").arg(kMaxHeadBytes));
                if (line.isEmpty())
                    m_stage = Stage::Done;
            }
            break;
        }
        case Stage::Done:
            break;
        }
    }
    return used;
}

Result<void> HttpResponseParser::parseHead()
{
    const QList<QByteArray> lines = m_pending.split('\n');
    m_pending.clear();
    const QByteArrayView status = withoutCr(lines.value(0));
    // "HTTP/1.1 200 OK": the version, a three-digit code, an optional reason.
    if (status.size() < 12 || !status.startsWith("HTTP/1.") || status[8] != ' ' ||
        (status.size() > 12 && status[12] != ' '))
        return malformed(
            QStringLiteral("status line \"%1\"")
                .arg(QString::fromLatin1(status.first(std::min<qsizetype>(status.size(), 60)))));
    m_head = HttpHead();
    m_head.minorVersion = status[7] - '0';
    bool numeric = false;
    m_head.status = status.sliced(9, 3).toInt(&numeric);
    if (!numeric || m_head.status < 100 || m_head.status > 599 ||
        (m_head.minorVersion != 0 && m_head.minorVersion != 1))
        return malformed(
            QStringLiteral("status line \"%1\"").arg(QString::fromLatin1(status.first(12))));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView field = withoutCr(lines[i]);
        if (field.isEmpty())
            continue;
        const qsizetype colon = field.indexOf(':');
        // Folded lines (obs-fold) and names with spaces are refused (RFC 9112 §5.2).
        if (colon <= 0 || !isFieldName(field.first(colon)))
            return malformed(
                QStringLiteral("header line \"%1\"")
                    .arg(QString::fromLatin1(field.first(std::min<qsizetype>(field.size(), 60)))));
        m_head.headers.append({field.first(colon).toByteArray().toLower(),
                               field.sliced(colon + 1).trimmed().toByteArray()});
    }
    return startBody();
}

Result<void> HttpResponseParser::startBody()
{
    if (m_head.status < 200) { // an interim response (100 Continue): the real one follows
        m_head = HttpHead();
        m_stage = Stage::Head;
        return {};
    }
    if (m_head.status == 204 || m_head.status == 304) {
        m_stage = Stage::Done;
        return {};
    }
    const QByteArray coding = m_head.value("transfer-encoding");
    if (!coding.isEmpty()) {
        // Chunked only as the final coding; anything else runs until the close (RFC 9112 §6.3).
        const bool chunked = coding.split(',').last().trimmed().toLower() == "chunked";
        m_untilClose = !chunked || !m_head.value("content-length").isEmpty();
        m_stage = chunked ? Stage::ChunkSize : Stage::UntilClose;
        return {};
    }
    const QByteArray length = m_head.value("content-length");
    if (length.isEmpty()) {
        m_untilClose = true;
        m_stage = Stage::UntilClose;
        return {};
    }
    auto parsed = contentLength(length);
    if (!parsed)
        return parsed.failure();
    m_remaining = *parsed;
    m_stage = m_remaining == 0 ? Stage::Done : Stage::FixedBody;
    return {};
}

Result<void> HttpResponseParser::parseChunkSize(QByteArrayView line)
{
    qsizetype end = 0;
    while (end < line.size() && std::isxdigit(static_cast<unsigned char>(line[end])))
        ++end;
    const QByteArrayView rest = line.sliced(end).trimmed();
    if (end == 0 || end > 12 || (!rest.isEmpty() && !rest.startsWith(';')))
        return malformed(
            QStringLiteral("chunk size \"%1\"")
                .arg(QString::fromLatin1(line.first(std::min<qsizetype>(line.size(), 40)))));
    m_remaining = line.first(end).toLongLong(nullptr, 16);
    m_stage = m_remaining == 0 ? Stage::Trailers : Stage::ChunkData;
    return {};
}

Result<void> HttpResponseParser::closed()
{
    if (m_stage == Stage::UntilClose)
        m_stage = Stage::Done;
    if (m_stage == Stage::Done)
        return {};
    if (m_stage == Stage::Head && m_pending.isEmpty())
        return Error{QStringLiteral("the server closed the connection without a response")};
    return Error{QStringLiteral("the server closed the connection in the middle of the response")};
}

bool HttpResponseParser::keepAlive() const
{
    if (m_untilClose || m_head.lists("connection", "close"))
        return false;
    return m_head.minorVersion == 1 || m_head.lists("connection", "keep-alive");
}

} // namespace orch::net
