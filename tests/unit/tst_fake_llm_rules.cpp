// The model stand-in refuses what the real APIs refuse, in their error shapes: a body that is
// not JSON, a missing or mistyped required field, and on Anthropic's API a request without a
// key or an API version. A refused request leaves the scripted replies for the next one, as
// the real API never shows it to a model.

#include "FakeLlmServer.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestFakeLlmRules : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;

    struct Answer
    {
        int status = 0;
        Json body;
    };

    using Headers = QList<QPair<QByteArray, QByteArray>>;
    // What Anthropic's Messages API asks of every request.
    static Headers anthropicHeaders()
    {
        return {{"x-api-key", "ak-test"}, {"anthropic-version", "2023-06-01"}};
    }

    Answer post(const FakeLlmServer& server, const QString& path, const QByteArray& body,
                const Headers& headers = {})
    {
        QNetworkRequest request(QUrl(server.baseUrl().toString() + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply* reply = m_network.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        Answer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                      parseJson(reply->readAll())};
        reply->deleteLater();
        return answer;
    }

private slots:
    void refusesWhatOpenAiRefuses_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("param");
        QTest::newRow("not json") << "/chat/completions" << QByteArray("model=gpt&messages=hi")
                                  << QString();
        QTest::newRow("an array") << "/chat/completions" << QByteArray("[1,2]") << QString();
        QTest::newRow("cut short")
            << "/chat/completions" << QByteArray("{\"model\":\"m\",") << QString();
        QTest::newRow("no model") << "/chat/completions" << QByteArray("{\"messages\":[]}")
                                  << "model";
        QTest::newRow("empty model")
            << "/chat/completions" << QByteArray("{\"model\":\"\",\"messages\":[]}") << "model";
        QTest::newRow("model a number")
            << "/chat/completions" << QByteArray("{\"model\":4,\"messages\":[]}") << "model";
        QTest::newRow("no messages")
            << "/chat/completions" << QByteArray("{\"model\":\"m\"}") << "messages";
        QTest::newRow("messages a string")
            << "/chat/completions" << QByteArray("{\"model\":\"m\",\"messages\":\"hi\"}")
            << "messages";
        QTest::newRow("responses, no model")
            << "/responses" << QByteArray("{\"input\":\"hi\"}") << "model";
        QTest::newRow("responses, not json") << "/responses" << QByteArray("\x01\x02") << QString();
    }

    void refusesWhatOpenAiRefuses()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, param);
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::openAiText("scripted"));
        const Answer refused = post(server, path, body);
        QCOMPARE(refused.status, 400);
        const Json& error = refused.body["error"];
        QCOMPARE(error["type"], "invalid_request_error");
        QVERIFY(error["message"].is_string());
        if (param.isEmpty())
            QVERIFY(error["param"].is_null());
        else
            QCOMPARE(error["param"], param.toStdString());
        QCOMPARE(server.requestCount(), 1); // it arrived, and is recorded
        // The scripted reply is still there for a request the API takes.
        const Answer taken = post(server, "/chat/completions",
                                  "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                                  "\"content\":\"hi\"}]}");
        QCOMPARE(taken.status, 200);
        QCOMPARE(taken.body["choices"][0]["message"]["content"], "scripted");
    }

    void refusesWhatAnthropicRefuses_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("{model: claude}") << QString();
        QTest::newRow("no model") << QByteArray("{\"max_tokens\":10,\"messages\":[]}") << "model";
        QTest::newRow("no max_tokens")
            << QByteArray("{\"model\":\"c\",\"messages\":[]}") << "max_tokens";
        QTest::newRow("max_tokens a string")
            << QByteArray("{\"model\":\"c\",\"max_tokens\":\"10\",\"messages\":[]}")
            << "max_tokens";
        QTest::newRow("max_tokens zero")
            << QByteArray("{\"model\":\"c\",\"max_tokens\":0,\"messages\":[]}") << "max_tokens";
        QTest::newRow("no messages")
            << QByteArray("{\"model\":\"c\",\"max_tokens\":10}") << "messages";
        QTest::newRow("messages an object")
            << QByteArray("{\"model\":\"c\",\"max_tokens\":10,\"messages\":{}}") << "messages";
    }

    void refusesWhatAnthropicRefuses()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::anthropicText("scripted"));
        const Answer refused = post(server, "/messages", body, anthropicHeaders());
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.body["type"], "error");
        QCOMPARE(refused.body["error"]["type"], "invalid_request_error");
        const std::string message = refused.body["error"].value("message", "");
        QVERIFY2(field.isEmpty() || message.rfind(field.toStdString() + ":", 0) == 0,
                 message.c_str());
        const Answer taken =
            post(server, "/messages",
                 "{\"model\":\"c\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                 "\"content\":\"hi\"}]}",
                 anthropicHeaders());
        QCOMPARE(taken.status, 200);
        QCOMPARE(taken.body["content"][0]["text"], "scripted");
    }

    void anthropicAsksForAKeyAndAVersion()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::anthropicText("scripted"));
        const QByteArray body = "{\"model\":\"c\",\"max_tokens\":10,\"messages\":[{\"role\":"
                                "\"user\",\"content\":\"hi\"}]}";
        const Answer noKey = post(server, "/messages", body, {{"anthropic-version", "2023-06-01"}});
        QCOMPARE(noKey.status, 401);
        QCOMPARE(noKey.body["error"]["type"], "authentication_error");
        const Answer emptyKey = post(server, "/messages", body,
                                     {{"x-api-key", ""}, {"anthropic-version", "2023-06-01"}});
        QCOMPARE(emptyKey.status, 401);
        const Answer noVersion = post(server, "/messages", body, {{"x-api-key", "ak-test"}});
        QCOMPARE(noVersion.status, 400);
        QCOMPARE(noVersion.body["error"]["message"], "anthropic-version: header is required");
        // A bearer token stands for the key.
        const Answer bearer =
            post(server, "/messages", body,
                 {{"authorization", "Bearer tok"}, {"anthropic-version", "2023-06-01"}});
        QCOMPARE(bearer.status, 200);
        QCOMPARE(bearer.body["content"][0]["text"], "scripted");
    }

    void otherEndpointsAreLeftToTheScript()
    {
        FakeLlmServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeReply::raw(200, "{\"data\":[]}"));
        const Answer models = post(server, "/models/list", "not json at all");
        QCOMPARE(models.status, 200);
        QCOMPARE(models.body["data"], Json::array());
    }
};

QTEST_GUILESS_MAIN(TestFakeLlmRules)
#include "tst_fake_llm_rules.moc"
