// The allow-list proxy takes its input from inside a sandbox (pip, and with source builds a
// package's own setup code): it must pass only the index's host and port, and answer anything
// else — another port, a host hidden in userinfo, https in absolute form, a line that is no
// request, a head that never ends — with an error, without connecting anywhere.

#include "deploy/PythonEnvironment.h"
#include "sandbox/AllowListProxy.h"

#include <QLocalSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace orch;

namespace {

// What a connection to the proxy gets back for `request` (all of it, until it closes).
QByteArray ask(const AllowListProxy& proxy, const QByteArray& request, int waitMs = 5000)
{
    QLocalSocket socket;
    socket.connectToServer(proxy.socketPath());
    if (!socket.waitForConnected(2000))
        return "not connected";
    socket.write(request);
    QByteArray answer;
    const bool ended = QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            const bool tunnel = answer.contains("Connection established\r\n\r\n");
            return tunnel || answer.endsWith("index") ||
                   socket.state() == QLocalSocket::UnconnectedState;
        },
        waitMs);
    if (!ended)
        return "no answer: " + answer;
    return answer + socket.readAll();
}

} // namespace

class TestAllowListProxy : public QObject
{
    Q_OBJECT

    QTcpServer m_index; // the allowed upstream
    QTcpServer m_elsewhere;
    QList<QByteArray> m_indexSaw;

private slots:
    void initTestCase()
    {
        QVERIFY(m_index.listen(QHostAddress::LocalHost));
        QVERIFY(m_elsewhere.listen(QHostAddress::LocalHost));
        connect(&m_index, &QTcpServer::newConnection, this, [this] {
            QTcpSocket* socket = m_index.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                m_indexSaw << socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nindex");
                socket->disconnectFromHost();
            });
        });
    }

    void onlyTheIndexIsReached_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        const QByteArray index = "127.0.0.1:" + QByteArray::number(m_index.serverPort());
        const QByteArray other = "127.0.0.1:" + QByteArray::number(m_elsewhere.serverPort());
        QTest::newRow("index, absolute form")
            << "GET http://" + index + "/simple/x/ HTTP/1.1\r\nHost: " + index + "\r\n\r\n"
            << QByteArray("HTTP/1.1 200 OK");
        QTest::newRow("index, tunnel") << "CONNECT " + index + " HTTP/1.1\r\n\r\n"
                                       << QByteArray("HTTP/1.1 200 Connection established");
        QTest::newRow("another port") << "CONNECT " + other + " HTTP/1.1\r\n\r\n"
                                      << QByteArray("HTTP/1.1 403");
        QTest::newRow("another port, absolute form") << "GET http://" + other + "/ HTTP/1.1\r\n\r\n"
                                                     << QByteArray("HTTP/1.1 403");
        QTest::newRow("the index as userinfo")
            << "GET http://" + index + "@" + other + "/ HTTP/1.1\r\n\r\n"
            << QByteArray("HTTP/1.1 403");
        QTest::newRow("https in absolute form") << "GET https://" + index + "/ HTTP/1.1\r\n\r\n"
                                                << QByteArray("HTTP/1.1 403");
        QTest::newRow("origin form")
            << QByteArray("GET / HTTP/1.1\r\n\r\n") << QByteArray("HTTP/1.1 403");
        QTest::newRow("not a request")
            << QByteArray("\x01\x02 garbage\r\n\r\n") << QByteArray("HTTP/1.1 400");
        QTest::newRow("a head that never ends")
            << "GET http://" + index + "/ HTTP/1.1\r\nX: " + QByteArray(20000, 'a')
            << QByteArray("HTTP/1.1 431");
    }

    void onlyTheIndexIsReached()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        AllowListProxy proxy({QStringLiteral("127.0.0.1:%1").arg(m_index.serverPort())},
                             QStringLiteral("the package index"), nullptr);
        QVERIFY(proxy.listen().ok());
        m_indexSaw.clear();
        const QByteArray answer = ask(proxy, request);
        QVERIFY2(answer.startsWith(status), answer.left(300).constData());
        QCoreApplication::processEvents();
        QVERIFY(!m_elsewhere.hasPendingConnections());
        if (status.contains("200 OK")) // the index got the request in origin form
            QVERIFY2(!m_indexSaw.isEmpty() && m_indexSaw.first().startsWith("GET /simple/x/ "),
                     m_indexSaw.value(0).constData());
        if (status.contains("403"))
            QVERIFY(!proxy.refused().isEmpty());
    }

    void anUnreachableIndexIsNamed()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const QString where = QStringLiteral("127.0.0.1:%1").arg(port);
        AllowListProxy proxy({where}, QStringLiteral("the package index"), nullptr);
        QVERIFY(proxy.listen().ok());
        const QByteArray answer = ask(proxy, "CONNECT " + where.toLatin1() + " HTTP/1.1\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 502"), answer.constData());
        QCOMPARE(proxy.unreachable().size(), 1);
        QVERIFY(proxy.unreachable().first().startsWith(where));
    }

    void pypiBringsItsFileHost()
    {
        QCOMPARE(PythonEnvironment::packageIndexHosts("https://pypi.org/simple", {}),
                 QStringList({"pypi.org:443", "files.pythonhosted.org:443"}));
        QCOMPARE(PythonEnvironment::packageIndexHosts("http://127.0.0.1:8080/simple",
                                                      {"Mirror.Example"}),
                 QStringList({"127.0.0.1:8080", "mirror.example:443"}));
    }
};

QTEST_GUILESS_MAIN(TestAllowListProxy)
#include "tst_allow_list_proxy.moc"
