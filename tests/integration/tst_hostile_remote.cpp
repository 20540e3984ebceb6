// Hostile clients of the remote API over a real WebSocket: wrong types in authenticated
// requests get typed errors and the server keeps answering; a frame larger than a hello is
// refused before authentication; a flood of unauthenticated connections is capped per address
// while an honest client still gets in once the flood is gone.

#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "remote/RemoteServer.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <memory>
#include <vector>

using namespace orch;
using namespace orch::test;

namespace {
const QByteArray kToken = "hostile-remote-token-77";
}

class TestHostileRemote : public QObject
{
    Q_OBJECT

    FakeLlmServer m_model;
    std::unique_ptr<TestEngine> m_engine;
    std::unique_ptr<RemoteServer> m_server;

    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server->port())); }

    // A connected, authenticated raw socket.
    bool authenticate(QWebSocket& socket, QSignalSpy& messages)
    {
        socket.open(url());
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; },
                             5000))
            return false;
        socket.sendTextMessage(
            QStringLiteral(R"({"type":"hello","token":"%1"})").arg(QString::fromUtf8(kToken)));
        return messages.wait(3000) &&
               stringOr(parseJson(messages.takeFirst().first().toString().toUtf8()), "type") ==
                   "welcome";
    }

private slots:
    void initTestCase() { QVERIFY(m_model.listen()); }
    void init()
    {
        m_engine = std::make_unique<TestEngine>(m_model);
        RemoteServerSettings settings;
        settings.token = kToken;
        settings.maxMessageBytes = 64 * 1024;
        settings.authTimeoutMs =
            10000; // longer than any wait below: only the caps close sockets here
        settings.maxUnauthenticatedPerAddress = 4;
        m_server = std::make_unique<RemoteServer>(*m_engine->engine, settings, nullptr);
        QVERIFY(m_server->listen().ok());
    }
    void cleanup()
    {
        m_server.reset();
        m_engine.reset();
    }

    void wrongTypesGetTypedErrors()
    {
        QWebSocket socket;
        QSignalSpy messages(&socket, &QWebSocket::textMessageReceived);
        QVERIFY(authenticate(socket, messages));
        const QStringList hostile = {
            R"({"type":"request","id":"1","method":"runs.list"})",
            R"({"type":"request","id":{"x":[1]},"method":7})",
            R"({"type":"request","id":2,"method":"runs.get","params":{"run_id":5}})",
            R"({"type":"request","id":3,"method":"runs.get","params":[1,2,3]})",
            R"({"type":"request","id":4,"method":"graphs.get","params":{"id":"abc"}})",
            R"({"type":"request","id":5,"method":"budget.topup","params":{"scope":"global","amount":"5"}})",
            R"({"type":"request","id":6,"method":"runs.fork","params":{"run_id":"x","step":"2"}})",
            R"({"type":"request","id":7,"method":"runs.answer","params":{"run_id":null,"text":{}}})",
            R"({"type":"request","id":8,"method":"files.read","params":{"run_id":"x","path":["a"]}})",
            R"({"type":"request","id":9,"method":"graphs.save","params":{"body":{"format":1,"agents":"none"}}})",
            R"([1,2,3])",
            R"("just a string")",
            R"({"type":"request","id":10,"method":"no.such.method"})",
        };
        for (const QString& text : hostile) {
            messages.clear();
            socket.sendTextMessage(text);
            QVERIFY2(messages.wait(3000), qPrintable(text));
            const Json answer = parseJson(messages.first().first().toString().toUtf8());
            const std::string type = stringOr(answer, "type");
            // runs.list with a string id is still a valid request; everything else is refused.
            if (text.contains("runs.list")) {
                QCOMPARE(type, std::string("response"));
                QCOMPARE(answer["id"], Json("1"));
                continue;
            }
            QVERIFY2(type == "error", qPrintable(text + " → " + toQ(dumpJson(answer))));
            QVERIFY2(!stringOr(objectAt(answer, "error"), "code").empty(), qPrintable(text));
            QVERIFY2(!stringOr(objectAt(answer, "error"), "message").empty(), qPrintable(text));
        }
        // The connection and the server are still there.
        messages.clear();
        socket.sendTextMessage(R"({"type":"request","id":11,"method":"projects.list"})");
        QVERIFY(messages.wait(3000));
        QCOMPARE(stringOr(parseJson(messages.first().first().toString().toUtf8()), "type"),
                 std::string("response"));
        QCOMPARE(m_server->authenticatedClients(), 1);
    }

    // A first frame larger than a hello is refused from its header; the payload is never held.
    void oversizedFrameBeforeAuthentication()
    {
        QWebSocket socket;
        QSignalSpy closed(&socket, &QWebSocket::disconnected);
        socket.open(url());
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.sendTextMessage(QString(1024 * 1024, QLatin1Char('a')));
        QVERIFY(closed.wait(5000));
        QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QCOMPARE(m_server->authenticatedClients(), 0);
        // After authentication the configured message limit applies instead.
        QWebSocket client;
        QSignalSpy messages(&client, &QWebSocket::textMessageReceived);
        QVERIFY(authenticate(client, messages));
        messages.clear();
        client.sendTextMessage(
            QStringLiteral(
                R"({"type":"request","id":1,"method":"runs.get","params":{"run_id":"%1"}})")
                .arg(QString(20 * 1024, QLatin1Char('r'))));
        QVERIFY(messages.wait(3000));
        QCOMPARE(
            stringOr(objectAt(parseJson(messages.first().first().toString().toUtf8()), "error"),
                     "code"),
            std::string("not_found"));
    }

    void floodOfUnauthenticatedConnections()
    {
        std::vector<std::unique_ptr<QWebSocket>> flood;
        for (int i = 0; i < 12; ++i) {
            flood.push_back(std::make_unique<QWebSocket>());
            flood.back()->open(url());
        }
        // Four wait for their hello; the other eight are closed at once with the reason.
        QVERIFY(QTest::qWaitFor(
            [&] {
                int open = 0, refused = 0;
                for (const auto& s : flood) {
                    open += s->state() == QAbstractSocket::ConnectedState;
                    refused += s->closeReason().contains("too many");
                }
                return open == 4 && refused == 8;
            },
            5000));
        // While the flood holds the slots, an honest client from the same address waits its turn;
        // once the flood is gone it gets in.
        flood.clear();
        QWebSocket honest;
        QSignalSpy messages(&honest, &QWebSocket::textMessageReceived);
        QVERIFY(QTest::qWaitFor([&] { return authenticate(honest, messages); }, 8000));
        QCOMPARE(m_server->authenticatedClients(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHostileRemote)
#include "tst_hostile_remote.moc"
