// The HTTP probe reads a deployed service's answer, which is the project's code and so outside
// input: a huge body is cut at 1 MiB, a head that never ends is an error, both promptly; an
// answer without a length comes chunked (as Caddy forwards it) and is decoded.

#include "deploy/HttpProbe.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace orch;

namespace {

// Answers every connection with `head` and then `bodyBytes` of 'x', written as fast as it goes.
class FloodServer : public QTcpServer
{
public:
    FloodServer(QByteArray head, qint64 bodyBytes) : m_head(std::move(head)), m_bodyBytes(bodyBytes)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            QTcpSocket* socket = nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                socket->readAll();
                socket->write(m_head);
                for (qint64 sent = 0; sent < m_bodyBytes; sent += 65536)
                    socket->write(
                        QByteArray(int(std::min<qint64>(65536, m_bodyBytes - sent)), 'x'));
            });
        });
    }

private:
    QByteArray m_head;
    qint64 m_bodyBytes;
};

ProbeResult probe(quint16 port, int redirects = 0)
{
    ProbeRequest request;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(port));
    request.redirects = redirects;
    HttpProbe probe(request, nullptr);
    QSignalSpy finished(&probe, &HttpProbe::finished);
    probe.start();
    if (!finished.wait(10000))
        return {false, 0, {}, QStringLiteral("no result")};
    return finished.first().first().value<ProbeResult>();
}

} // namespace

class TestHttpProbe : public QObject
{
    Q_OBJECT

private slots:
    // RFC 9112 §7.1: sizes in hex, extensions after ';', the last chunk of size 0. The server
    // keeps the connection open: the probe ends at the last chunk, not at a close.
    void aChunkedAnswerIsDecoded()
    {
        FloodServer server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "b\r\n{\"status\": \r\n13;ext=1\r\n\"ok\", \"version\": 1}\r\n"
                           "0\r\n\r\n",
                           0);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QElapsedTimer clock;
        clock.start();
        const ProbeResult result = probe(server.serverPort());
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.body, QByteArray("{\"status\": \"ok\", \"version\": 1}"));
        QVERIFY(clock.elapsed() < 5000);
    }

    // RFC 9110 15.4: a moved health path is followed within the origin, a few times at most;
    // a redirect elsewhere is the answer itself, never followed.
    void redirectsAreFollowedWithinTheOriginOnly()
    {
        QTcpServer server;
        QList<QByteArray> asked;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QByteArray elsewhere = "http://127.0.0.2:" + QByteArray::number(server.serverPort());
        connect(&server, &QTcpServer::newConnection, &server, [&] {
            QTcpSocket* socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
                const QByteArray path = socket->readAll().split(' ').value(1);
                asked << path;
                if (path == "/health")
                    socket->write("HTTP/1.1 301 Moved\r\nLocation: /health/\r\n"
                                  "Content-Length: 0\r\n\r\n");
                else if (path == "/health/")
                    socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "10\r\n{\"status\": \"ok\"}\r\n0\r\n\r\n");
                else
                    socket->write("HTTP/1.1 302 Found\r\nLocation: " + elsewhere +
                                  "/x\r\nContent-Length: 0\r\n\r\n");
            });
        });
        const ProbeResult followed = probe(server.serverPort(), 5);
        QVERIFY2(followed.ok, qPrintable(followed.error));
        QCOMPARE(followed.status, 200);
        QCOMPARE(followed.body, QByteArray("{\"status\": \"ok\"}"));
        QCOMPARE(asked, QList<QByteArray>({"/health", "/health/"}));
        // Not asked to follow: the redirect is the answer.
        const ProbeResult unfollowed = probe(server.serverPort());
        QCOMPARE(unfollowed.status, 301);
        QCOMPARE(unfollowed.location, QByteArray("/health/"));
    }

    void aRedirectToAnotherHostIsNotFollowed()
    {
        QTcpServer server;
        int connections = 0;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::newConnection, &server, [&] {
            QTcpSocket* socket = server.nextPendingConnection();
            ++connections;
            connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
                socket->readAll();
                socket->write("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:" +
                              QByteArray::number(server.serverPort()) +
                              "/x\r\nContent-Length: 0\r\n\r\n");
            });
        });
        const ProbeResult result = probe(server.serverPort(), 5);
        QVERIFY(result.ok);
        QCOMPARE(result.status, 302);
        QCOMPARE(connections, 1);
    }

    void aBadOrHugeChunkedAnswerIsBounded()
    {
        FloodServer bad("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nx\r\n", 0);
        QVERIFY(bad.listen(QHostAddress::LocalHost));
        const ProbeResult refused = probe(bad.serverPort());
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.contains("bad size"), qPrintable(refused.error));
        // One announced chunk of 16 MiB: the first megabyte is kept, promptly.
        FloodServer huge("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000\r\n",
                         16 * 1024 * 1024);
        QVERIFY(huge.listen(QHostAddress::LocalHost));
        const ProbeResult cut = probe(huge.serverPort());
        QVERIFY2(cut.ok, qPrintable(cut.error));
        QCOMPARE(cut.body.size(), qsizetype(1024 * 1024));
    }

    void hugeBodyIsCutAtOneMegabyte()
    {
        FloodServer server("HTTP/1.1 200 OK\r\nContent-Length: 20971520\r\n\r\n", 20 * 1024 * 1024);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const ProbeResult result = probe(server.serverPort());
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body.size(), qsizetype(1024 * 1024));
    }

    void headThatNeverEndsIsAnError()
    {
        FloodServer server("HTTP/1.1 200 OK\r\nX-Flood: ", 4 * 1024 * 1024);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const ProbeResult result = probe(server.serverPort());
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains("no complete response head"), qPrintable(result.error));
    }
};

QTEST_GUILESS_MAIN(TestHttpProbe)
#include "tst_http_probe.moc"
