#pragma once
// Reads HTTP/1.1 responses from a byte stream (RFC 9112): the status line and fields, then a
// body framed by Content-Length, chunked transfer coding or the end of the connection. Input
// may arrive one byte at a time; a hostile peer cannot make it hold more than the head's limit
// (body bytes are handed on as they are decoded, never kept).

#include "core/Result.h"
#include "net/HttpMessage.h"

namespace orch::net {

class HttpResponseParser
{
public:
    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    static constexpr qsizetype kMaxLineBytes = 8 * 1024; // a chunk-size line or a trailer

    // Parses as much of `data` as belongs to this response, appending decoded body bytes to
    // `body`. Returns how many bytes it used: fewer than given only once complete().
    Result<qsizetype> feed(QByteArrayView data, QByteArray& body);
    // The peer closed the connection: ends a body that the close delimits, else an error.
    Result<void> closed();

    bool headReady() const { return m_stage > Stage::Head; }
    bool complete() const { return m_stage == Stage::Done; }
    const HttpHead& head() const { return m_head; }
    // Whether the connection may carry another request after this response.
    bool keepAlive() const;

private:
    enum class Stage
    {
        Head,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Done,
    };

    Result<void> parseHead();
    Result<void> startBody();
    Result<void> parseChunkSize(QByteArrayView line);
    // Moves `data` from `used` up to its next LF (included) into m_pending, refusing more than
    // `limit` bytes pending; true when the LF came.
    Result<bool> pendUpToNewline(QByteArrayView data, qsizetype& used, qsizetype limit,
                                 const char* what);
    // Takes one line ending in LF from m_pending plus `data`; false while it is incomplete.
    Result<bool> takeLine(QByteArrayView data, qsizetype& used, QByteArray& line, qsizetype limit);

    Stage m_stage = Stage::Head;
    HttpHead m_head;
    QByteArray m_pending; // the head, or a partial line, as it arrives
    qint64 m_remaining = 0;
    qsizetype m_trailerBytes = 0;
    bool m_untilClose = false;
};

} // namespace orch::net
