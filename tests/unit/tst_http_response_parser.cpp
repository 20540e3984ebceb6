// The HTTP/1.1 response reader against what servers really send and what a hostile one could:
// every framing fed whole and one byte at a time, interim responses, trailers, and heads,
// chunk sizes and lengths that are wrong, huge or never end.

#include "net/HttpResponseParser.h"

#include <QTest>

using namespace orch;
using namespace orch::net;

namespace {

struct Parsed
{
    bool ok = false;
    bool complete = false;
    QString error;
    int status = 0;
    QByteArray body;
    qsizetype used = 0;
    bool keepAlive = false;
    HttpHead head;
};

// Feeds `wire` in pieces of `piece` bytes (0: whole), then the close when `close`.
Parsed parse(const QByteArray& wire, qsizetype piece = 0, bool close = false)
{
    HttpResponseParser parser;
    Parsed out;
    const qsizetype step = piece > 0 ? piece : std::max<qsizetype>(wire.size(), 1);
    for (qsizetype at = 0; at < wire.size() && !parser.complete(); at += step) {
        const QByteArrayView slice =
            QByteArrayView(wire).sliced(at, std::min(step, wire.size() - at));
        auto used = parser.feed(slice, out.body);
        if (!used) {
            out.error = used.error();
            return out;
        }
        out.used += *used;
    }
    if (close && !parser.complete())
        if (auto ended = parser.closed(); !ended) {
            out.error = ended.error();
            return out;
        }
    out.ok = true;
    out.complete = parser.complete();
    out.status = parser.head().status;
    out.keepAlive = parser.keepAlive();
    out.head = parser.head();
    return out;
}

const QByteArray kChunked = "HTTP/1.1 200 OK\r\n"
                            "Content-Type: text/event-stream\r\n"
                            "Transfer-Encoding: chunked\r\n\r\n"
                            "7\r\ndata: 1\r\n"
                            "1A;name=value\r\n\n\ndata: {\"a\": \"bcdefghij\"}\r\n"
                            "0\r\n"
                            "X-Trailer: done\r\n\r\n";

} // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT
private slots:
    void framings_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<bool>("close");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                                                      "Content-Type: application/json\r\n\r\nhello")
                                        << false << 200 << QByteArray("hello") << true;
        QTest::newRow("chunked with extension and trailer")
            << kChunked << false << 200 << QByteArray("data: 1\n\ndata: {\"a\": \"bcdefghij\"}")
            << true;
        QTest::newRow("until close (SSE without length)")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                          "Connection: close\r\n\r\ndata: x\n\n")
            << true << 200 << QByteArray("data: x\n\n") << false;
        QTest::newRow("interim 100 then the answer")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\n"
                          "Retry-After: 2\r\nContent-Length: 2\r\n\r\n{}")
            << false << 429 << QByteArray("{}") << true;
        QTest::newRow("204 has no body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << false
                                         << 204 << QByteArray() << true;
        QTest::newRow("bare LF line ends") << QByteArray("HTTP/1.1 200 OK\nContent-Length: 2\n\nok")
                                           << false << 200 << QByteArray("ok") << true;
        QTest::newRow("HTTP/1.0 closes")
            << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok") << false << 200
            << QByteArray("ok") << false;
        QTest::newRow("Connection: close")
            << QByteArray("HTTP/1.1 500 Internal Server Error\r\nconnection: Close\r\n"
                          "content-length: 0\r\n\r\n")
            << false << 500 << QByteArray() << false;
        QTest::newRow("a non-chunked coding runs until close")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzz") << true << 200
            << QByteArray("zz") << false;
    }
    void framings()
    {
        QFETCH(QByteArray, wire);
        QFETCH(bool, close);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, keepAlive);
        for (qsizetype piece : {qsizetype(0), qsizetype(1), qsizetype(7)}) {
            const Parsed parsed = parse(wire, piece, close);
            QVERIFY2(parsed.ok, qPrintable(parsed.error));
            QVERIFY(parsed.complete);
            QCOMPARE(parsed.status, status);
            QCOMPARE(parsed.body, body);
            QCOMPARE(parsed.keepAlive, keepAlive);
        }
    }

    void headersAreReadWithoutCase()
    {
        const Parsed parsed = parse("HTTP/1.1 429 Slow Down\r\nRetry-After:  7 \r\n"
                                    "Content-Type: application/json\r\nContent-Length: 0\r\n\r\n");
        QVERIFY(parsed.ok);
        QCOMPARE(parsed.head.value("retry-after"), QByteArray("7"));
        QCOMPARE(parsed.head.value("content-type"), QByteArray("application/json"));
        QVERIFY(parsed.head.value("x-missing").isEmpty());
    }

    // A second response behind the first is not this response's: the parser stops at its end.
    void stopsAtTheEndOfItsResponse()
    {
        const QByteArray first = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        const Parsed parsed = parse(first + "HTTP/1.1 200 OK\r\n");
        QVERIFY(parsed.complete);
        QCOMPARE(parsed.used, first.size());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<bool>("close");
        QTest::addColumn<QString>("error");
        QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n") << false
                                  << "status line";
        QTest::newRow("HTTP/2 status line")
            << QByteArray("HTTP/2 200\r\n\r\n") << false << "status line";
        QTest::newRow("status out of range")
            << QByteArray("HTTP/1.1 999 Odd\r\n\r\n") << false << "status line";
        QTest::newRow("letters in status")
            << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n") << false << "status line";
        QTest::newRow("folded header")
            << QByteArray("HTTP/1.1 200 OK\r\nX-A: 1\r\n  continued\r\nContent-Length: 0\r\n\r\n")
            << false << "header line";
        QTest::newRow("space before colon")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n") << false
            << "header line";
        QTest::newRow("negative length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n") << false
            << "Content-Length";
        QTest::newRow("two lengths")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok") << false
            << "Content-Length values differ";
        QTest::newRow("huge length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n")
            << false << "Content-Length";
        QTest::newRow("chunk size not hex")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << false
            << "chunk size";
        QTest::newRow("chunk size overflowing")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "ffffffffffffffffffff\r\n")
            << false << "chunk size";
        QTest::newRow("chunk longer than its size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n")
            << false << "a chunk longer than its size";
        QTest::newRow("cut off in the body")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") << true
            << "in the middle of the response";
        QTest::newRow("cut off before the last chunk")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n")
            << true << "in the middle of the response";
        QTest::newRow("nothing at all") << QByteArray() << true << "without a response";
    }
    void malformed()
    {
        QFETCH(QByteArray, wire);
        QFETCH(bool, close);
        QFETCH(QString, error);
        for (qsizetype piece : {qsizetype(0), qsizetype(1)}) {
            const Parsed parsed = parse(wire, piece, close);
            QVERIFY2(!parsed.ok, qPrintable(QString::fromLatin1(wire.left(40))));
            QVERIFY2(parsed.error.contains(error), qPrintable(parsed.error));
        }
    }

    // A head that never ends, or a chunk-size line that never does, is refused at its limit
    // instead of growing: the parser holds at most kMaxHeadBytes however long the drip goes.
    void endlessHeadsAndLinesAreRefusedAtTheirLimit()
    {
        HttpResponseParser head;
        QByteArray body;
        QByteArray drip = "HTTP/1.1 200 OK\r\n";
        auto used = head.feed(drip, body);
        QVERIFY(used);
        const QByteArray field = "X-Padding: " + QByteArray(1000, 'a') + "\r\n";
        Result<qsizetype> fed = qsizetype(0);
        int rounds = 0;
        while (fed && rounds++ < 1000)
            fed = head.feed(field, body);
        QVERIFY(!fed);
        QVERIFY(fed.error().contains("a head longer than"));
        QVERIFY(rounds < 100);

        HttpResponseParser chunk;
        QVERIFY(chunk.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", body));
        fed = qsizetype(0);
        rounds = 0;
        while (fed && rounds++ < 1000)
            fed = chunk.feed(QByteArray(1000, '0'), body);
        QVERIFY(!fed);
        QVERIFY(fed.error().contains("a line longer than"));
    }

    // Body bytes go straight out: a 50 MB body passes through without the parser keeping it.
    void largeBodiesPassThrough()
    {
        HttpResponseParser parser;
        QByteArray body;
        QVERIFY(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 52428800\r\n\r\n", body));
        const QByteArray piece(1 << 20, 'x');
        qint64 total = 0;
        for (int i = 0; i < 50; ++i) {
            body.clear();
            auto used = parser.feed(piece, body);
            QVERIFY(used);
            total += body.size();
        }
        QCOMPARE(total, qint64(52428800));
        QVERIFY(parser.complete());
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_http_response_parser.moc"
