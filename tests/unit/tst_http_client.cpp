// The engine's HTTP/1.1 client against a local server that behaves as real ones do (keep-alive,
// closing idle connections, answering with Connection: close) and as broken ones do (closing
// before an answer, never answering, refusing connections, a certificate nobody signed).

#include "net/HttpClient.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <functional>

using namespace orch;
using namespace orch::net;

namespace {

// What the server does with one request it has read, on the connection it came on.
enum class Answer
{
    Ok,             // 200 with a body, keep-alive
    OkThenClose,    // 200, then the server closes the connection (idle timeout of its own)
    Close,          // closes without a byte
    Silent,         // reads the request, never answers
    Chunked,        // 200 in three chunks, a tick apart
    ConnectionClose // 200 with "Connection: close"
};

class RawServer : public QObject
{
public:
    explicit RawServer(QTcpServer* server = nullptr)
        : m_server(server ? server : new QTcpServer(this))
    {
        m_server->setParent(this);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* socket = m_server->nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
    }
    QUrl url(const QString& scheme = QStringLiteral("http")) const
    {
        return QUrl(
            QStringLiteral("%1://localhost:%2/v1/chat").arg(scheme).arg(m_server->serverPort()));
    }

    std::function<Answer(int)> answer = [](int) { return Answer::Ok; }; // by request number
    int connections = 0;
    int requests = 0;
    QList<QByteArray> heads;

private:
    void read(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buffer.left(end);
            const qsizetype at = head.toLower().indexOf("content-length: ");
            const qsizetype length =
                at < 0 ? 0 : head.mid(at + 16).split('\r').first().toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            heads.append(head);
            const QByteArray body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            respond(socket, answer(requests++), body);
        }
    }

    void respond(QTcpSocket* socket, Answer answer, const QByteArray& body)
    {
        const QByteArray reply = "echo:" + body;
        switch (answer) {
        case Answer::Ok:
        case Answer::OkThenClose:
        case Answer::ConnectionClose:
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(reply.size()) +
                          (answer == Answer::ConnectionClose ? "\r\nConnection: close" : "") +
                          "\r\n\r\n" + reply);
            if (answer != Answer::Ok)
                socket->disconnectFromHost();
            return;
        case Answer::Close:
            socket->abort();
            return;
        case Answer::Silent:
            return;
        case Answer::Chunked:
            socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
            QTimer::singleShot(5, socket, [socket] { socket->write("2\r\nde\r\n"); });
            QTimer::singleShot(10, socket, [socket] { socket->write("0\r\n\r\n"); });
            return;
        }
    }

    QTcpServer* m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

struct Outcome
{
    QString error;
    int status = 0;
    QByteArray body;
};

Outcome await(HttpReply* reply, int timeoutMs = 5000)
{
    Outcome outcome;
    QObject::connect(reply, &HttpReply::received,
                     [&outcome](const QByteArray& bytes) { outcome.body += bytes; });
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &HttpReply::finished);
        if (!finished.wait(timeoutMs))
            return {QStringLiteral("(the test gave up waiting)"), 0, {}};
    }
    outcome.error = reply->error();
    outcome.status = reply->status();
    return outcome;
}

HttpRequest post(const QUrl& url, const QByteArray& body)
{
    HttpRequest request;
    request.url = url;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = body;
    return request;
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT
private slots:
    void requestsShareOneKeptAliveConnection()
    {
        RawServer server;
        HttpClient client;
        for (int i = 0; i < 20; ++i) {
            const Outcome outcome = await(client.send(post(server.url(), QByteArray::number(i))));
            QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
            QCOMPARE(outcome.status, 200);
            QCOMPARE(outcome.body, "echo:" + QByteArray::number(i));
        }
        QCOMPARE(server.connections, 1);
        // What went out: the request line, Host with its port, the length, the headers given.
        const QByteArray head = server.heads.first();
        QVERIFY2(head.startsWith("POST /v1/chat HTTP/1.1\r\n"), head.constData());
        QVERIFY(head.contains("\r\nHost: localhost:"));
        QVERIFY(head.contains("\r\nContent-Length: 1"));
        QVERIFY(head.contains("\r\nContent-Type: application/json"));
    }

    void chunkedAnswersArriveInPieces()
    {
        RawServer server;
        server.answer = [](int) { return Answer::Chunked; };
        HttpClient client;
        HttpReply* reply = client.send(post(server.url(), "x"));
        QSignalSpy pieces(reply, &HttpReply::received);
        const Outcome outcome = await(reply);
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.body, QByteArray("abcde"));
        QVERIFY(pieces.count() >= 2);
        QVERIFY(await(client.send(post(server.url(), "y"))).error.isEmpty());
        QCOMPARE(server.connections, 1);
    }

    // Servers close idle connections when they like; the next request finds a new one.
    void aConnectionTheServerClosedIsNotReused()
    {
        RawServer server;
        server.answer = [](int) { return Answer::OkThenClose; };
        HttpClient client;
        for (int i = 0; i < 3; ++i) {
            const Outcome outcome = await(client.send(post(server.url(), "x")));
            QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
            QTest::qWait(20);
        }
        QCOMPARE(server.connections, 3);

        RawServer closing;
        closing.answer = [](int) { return Answer::ConnectionClose; };
        for (int i = 0; i < 3; ++i)
            QVERIFY(await(client.send(post(closing.url(), "x"))).error.isEmpty());
        QCOMPARE(closing.connections, 3);
    }

    // The race every keep-alive client meets: the server closes a reused connection just as the
    // request goes out. The request goes again, once, on a new connection; a new connection
    // closed unanswered is an error, never a loop.
    void aReusedConnectionClosedUnansweredSendsOnceMore()
    {
        RawServer server;
        server.answer = [](int n) { return n == 1 ? Answer::Close : Answer::Ok; };
        HttpClient client;
        QVERIFY(await(client.send(post(server.url(), "first"))).error.isEmpty());
        const Outcome second = await(client.send(post(server.url(), "second")));
        QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
        QCOMPARE(second.body, QByteArray("echo:second"));
        QCOMPARE(server.requests, 3);
        QCOMPARE(server.connections, 2);

        RawServer rude;
        rude.answer = [](int) { return Answer::Close; };
        const Outcome refused = await(client.send(post(rude.url(), "x")));
        QVERIFY(refused.error.contains("without a response"));
        QCOMPARE(rude.requests, 1);
    }

    void requestsBeyondTheConnectionLimitWaitTheirTurn()
    {
        RawServer server;
        HttpClient client({.maxConnectionsPerOrigin = 2, .idleTimeoutMs = 30000}, nullptr);
        QList<HttpReply*> replies;
        for (int i = 0; i < 12; ++i)
            replies.append(client.send(post(server.url(), QByteArray::number(i))));
        for (int i = 0; i < 12; ++i) {
            const Outcome outcome = await(replies[i]);
            QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        }
        QCOMPARE(server.requests, 12);
        QVERIFY(server.connections <= 2);
    }

    // A request that waits says so, and says when a connection takes it: whoever times the
    // server starts the clock then, not while the pool was busy.
    void aWaitingRequestSaysWhenItsTurnCame()
    {
        RawServer server;
        HttpClient client({.maxConnectionsPerOrigin = 1, .idleTimeoutMs = 30000}, nullptr);
        HttpReply* first = client.send(post(server.url(), "1"));
        HttpReply* second = client.send(post(server.url(), "2"));
        QVERIFY(!first->isQueued());
        QVERIFY(second->isQueued());
        QSignalSpy dequeued(second, &HttpReply::dequeued);
        int answeredWhenDequeued = -1; // not before the first's answer freed the connection
        QObject::connect(second, &HttpReply::dequeued,
                         [&] { answeredWhenDequeued = server.requests; });
        QVERIFY(await(second).error.isEmpty());
        QCOMPARE(dequeued.count(), 1);
        QCOMPARE(answeredWhenDequeued, 1);
        QVERIFY(first->isFinished() && first->error().isEmpty());
        QVERIFY(!second->isQueued());
    }

    // Aborting or deleting a reply mid-answer closes its connection (the rest of that answer
    // would be read as the next one's); the next request gets a clean connection.
    void abortedAndDeletedRepliesLeaveNothingBehind()
    {
        RawServer server;
        server.answer = [](int n) { return n < 2 ? Answer::Silent : Answer::Ok; };
        HttpClient client;
        HttpReply* aborted = client.send(post(server.url(), "a"));
        QTRY_COMPARE(server.requests, 1);
        QSignalSpy finished(aborted, &HttpReply::finished);
        aborted->abort();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(aborted->error(), QStringLiteral("aborted"));
        aborted->abort();
        QCOMPARE(finished.count(), 1);

        HttpReply* deleted = client.send(post(server.url(), "b"));
        QTRY_COMPARE(server.requests, 2);
        delete deleted;
        const Outcome next = await(client.send(post(server.url(), "c")));
        QVERIFY2(next.error.isEmpty(), qPrintable(next.error));
        QCOMPARE(next.body, QByteArray("echo:c"));
        QCOMPARE(server.connections, 3);
    }

    void refusedRequestsFinishWithTheirReason_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("error");
        QTest::newRow("ftp") << "ftp://localhost/x" << QByteArray("ok") << "not an http(s) URL";
        QTest::newRow("no host") << "http:///x" << QByteArray("ok") << "not an http(s) URL";
        QTest::newRow("header injection")
            << "http://localhost:1/x" << QByteArray("Bearer k\r\nX-Evil: 1") << "cannot be sent";
        QTest::newRow("NUL in a header")
            << "http://localhost:1/x" << QByteArray("a\0b", 3) << "cannot be sent";
    }
    void refusedRequestsFinishWithTheirReason()
    {
        QFETCH(QString, url);
        QFETCH(QByteArray, header);
        QFETCH(QString, error);
        HttpClient client;
        HttpRequest request = post(QUrl(url), "x");
        request.headers.append({"Authorization", header});
        HttpReply* reply = client.send(request);
        QVERIFY(!reply->isFinished()); // finishes later, so the caller can connect first
        const Outcome outcome = await(reply);
        QVERIFY2(outcome.error.contains(error), qPrintable(outcome.error));
        QVERIFY(!outcome.error.contains("Bearer")); // the value may be a key
    }

    void aClosedPortIsAnError()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        HttpClient client;
        const Outcome outcome =
            await(client.send(post(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)), "x")));
        QVERIFY2(outcome.error.contains("refused", Qt::CaseInsensitive), qPrintable(outcome.error));
    }

    // TLS is verified: a certificate nobody trusted is refused; trusted, it works and is reused.
    void tlsIsVerified()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed");
        QTemporaryDir dir;
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                       "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj",
                       "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"});
        QVERIFY(openssl.waitForFinished(20000) && openssl.exitCode() == 0);
        QFile certFile(cert);
        QFile keyFile(key);
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        const QSslCertificate certificate(certFile.readAll());
        QSslConfiguration serving = QSslConfiguration::defaultConfiguration();
        serving.setLocalCertificate(certificate);
        serving.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        auto* tls = new QSslServer;
        tls->setSslConfiguration(serving);
        RawServer server(tls);

        HttpClient untrusting;
        const Outcome refused = await(untrusting.send(post(server.url("https"), "x")));
        QVERIFY2(refused.error.contains("certificate", Qt::CaseInsensitive),
                 qPrintable(refused.error));

        HttpClient trusting;
        QSslConfiguration trusted = QSslConfiguration::defaultConfiguration();
        trusted.addCaCertificate(certificate);
        trusting.setSslConfiguration(trusted);
        for (int i = 0; i < 3; ++i) {
            const Outcome outcome = await(trusting.send(post(server.url("https"), "secure")));
            QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
            QCOMPARE(outcome.body, QByteArray("echo:secure"));
        }
        QCOMPARE(server.requests, 3);
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_http_client.moc"
