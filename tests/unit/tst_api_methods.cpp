// The method table (api/EngineMethods.h) against what is derived from it: the remote client and
// the server's dispatch agree on every call, parameters are checked with the field named,
// error codes survive the wire, and docs/remote-api.md lists exactly the table.
#include "RecordingEngine.h"
#include "api/MethodCodec.h"
#include "api/MethodDocs.h"
#include "remote/RemoteEngine.h"
#include "remote/RemoteServer.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <optional>

using namespace orch;
using orch::test::RecordingEngine;

namespace {

const QByteArray kToken = "api-methods-token";

// Values that pass every field's check, different from the defaults.
void sample(QString& v, const char* name)
{
    v = QStringLiteral("sample-%1").arg(QLatin1String(name));
}
void sample(bool& v, const char*)
{
    v = true;
}
void sample(int& v, const char*)
{
    v = 7;
}
void sample(qint64& v, const char*)
{
    v = 42;
}
void sample(double& v, const char*)
{
    v = 2.5;
}
void sample(Json& v, const char*)
{
    v = Json{{"format", 1}, {"nested", {1, 2}}};
}

template <typename Params> Params sampleParams()
{
    Params params{};
    std::apply([&](const auto&... f) { (sample(params.*(f.member), f.name), ...); },
               fields(static_cast<const Params*>(nullptr)));
    return params;
}

template <typename Answer> Result<Answer> await(const std::function<void(Reply<Answer>)>& call)
{
    std::optional<Result<Answer>> answer;
    call([&answer](Result<Answer> r) { answer = std::move(r); });
    (void)QTest::qWaitFor([&] { return answer.has_value(); }, 5000);
    return answer ? std::move(*answer) : Result<Answer>(Error{QStringLiteral("no answer in time")});
}

} // namespace

class TestApiMethods : public QObject
{
    Q_OBJECT

    RecordingEngine m_engine;
    std::unique_ptr<RemoteServer> m_server;
    std::unique_ptr<RemoteEngine> m_client;

private slots:
    void initTestCase()
    {
        RemoteServerSettings settings;
        settings.token = kToken;
        m_server = std::make_unique<RemoteServer>(m_engine, settings, nullptr);
        QVERIFY(m_server->listen().ok());
        m_client = std::make_unique<RemoteEngine>(
            QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server->port())), kToken);
        QSignalSpy connected(m_client.get(), &RemoteEngine::connectionChanged);
        m_client->open();
        QVERIFY(connected.wait(5000));
        QVERIFY(m_client->isConnected());
    }
    void init() { m_engine.failWith.reset(); }

    void namesAreUniqueAndDotted()
    {
        const QStringList names = api::methodNames();
        QCOMPARE(names.size(),
                 49); // lessons.list, lessons.edit, lessons.delete
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
        for (const QString& name : names)
            QVERIFY2(QRegularExpression(QStringLiteral("^[a-z]+\\.[a-z]+$")).match(name).hasMatch(),
                     qPrintable(name));
        QCOMPARE(RemoteRequests::methods(), names);
    }

    // Every call goes out through the client, is read by the server's dispatch, reaches the
    // engine with the same parameters, and its answer comes back in its own type.
    void everyCallCrossesTheWireIntact()
    {
#define ORCH_CROSS_CALL(function, wire, Params, Answer, key, doc)                                  \
    {                                                                                              \
        const api::Params sent = sampleParams<api::Params>();                                      \
        m_engine.lastMethod.clear();                                                               \
        auto answer =                                                                              \
            await<Answer>([&](Reply<Answer> done) { m_client->function(sent, std::move(done)); }); \
        QVERIFY2(answer.ok(), qPrintable(QStringLiteral(wire) + ": " + answer.error()));           \
        QCOMPARE(m_engine.lastMethod, QStringLiteral(wire));                                       \
        QCOMPARE(dumpJson(m_engine.lastParams), dumpJson(api::writeParams(sent)));                 \
    }
        ORCH_ENGINE_METHODS(ORCH_CROSS_CALL)
#undef ORCH_CROSS_CALL
    }

    void theServerNamesTheCallerOfATopUp()
    {
        auto answer = await<BudgetStatus>([&](Reply<BudgetStatus> done) {
            m_client->topUp({QStringLiteral("global"), 5, QStringLiteral("i am the admin")},
                            std::move(done));
        });
        QVERIFY(answer.ok());
        // byWhom is not a wire field: the sender cannot choose it.
        QVERIFY(!m_engine.lastParams.contains("byWhom"));
        QCOMPARE(stringOr(m_engine.lastParams, "scope"), std::string("global"));
    }

    // Each field of each call, given the wrong type, is refused before the engine is called,
    // with a bad_request naming the field.
    void wrongParametersNameTheField()
    {
        RemoteRequests requests(m_engine);
        int checked = 0;
        auto expectRefusal = [&](const QString& method, const Json& params, const char* field) {
            std::optional<Result<Json>> outcome;
            m_engine.lastMethod.clear();
            requests.handle(method, params, QStringLiteral("test"),
                            [&](Result<Json> r) { outcome = std::move(r); });
            QVERIFY2(QTest::qWaitFor([&] { return outcome.has_value(); }, 2000),
                     qPrintable(method));
            QVERIFY2(!outcome->ok(), qPrintable(method + " " + toQ(dumpJson(params))));
            QCOMPARE(outcome->code(), ErrorCode::BadRequest);
            QVERIFY2(
                outcome->error().contains(QStringLiteral("params.%1").arg(QLatin1String(field))),
                qPrintable(outcome->error()));
            QVERIFY(m_engine.lastMethod.isEmpty());
            ++checked;
        };
#define ORCH_REFUSE_CALL(function, wire, Params, Answer, key, doc)                                 \
    std::apply(                                                                                    \
        [&](const auto&... f) {                                                                    \
            auto refuseOne = [&](const auto& one) {                                                \
                const Json valid = api::writeParams(sampleParams<api::Params>());                  \
                std::vector<Json> wrongs{Json::array({1}),                                         \
                                         valid[one.name].is_boolean() ? Json("yes") : Json(true)}; \
                if (valid[one.name].is_string())                                                   \
                    wrongs.push_back(Json(""));                                                    \
                for (const Json& wrong : wrongs) {                                                 \
                    Json params = valid;                                                           \
                    params[one.name] = wrong;                                                      \
                    expectRefusal(QStringLiteral(wire), params, one.name);                         \
                }                                                                                  \
            };                                                                                     \
            (void)refuseOne; /* calls without parameters */                                        \
            (refuseOne(f), ...);                                                                   \
        },                                                                                         \
        fields(static_cast<const api::Params*>(nullptr)));
        ORCH_ENGINE_METHODS(ORCH_REFUSE_CALL)
#undef ORCH_REFUSE_CALL
        QVERIFY(checked > 30);
        // Not an object at all, and an unknown method.
        std::optional<Result<Json>> outcome;
        requests.handle(QStringLiteral("runs.get"), Json::array({1, 2}), QStringLiteral("test"),
                        [&](Result<Json> r) { outcome = std::move(r); });
        QTRY_VERIFY(outcome.has_value());
        QCOMPARE(outcome->code(), ErrorCode::BadRequest);
        outcome.reset();
        requests.handle(QStringLiteral("runs.explode"), Json::object(), QStringLiteral("test"),
                        [&](Result<Json> r) { outcome = std::move(r); });
        QTRY_VERIFY(outcome.has_value());
        QVERIFY(outcome->error().contains(QStringLiteral("unknown method")));
    }

    void errorCodesSurviveTheWire()
    {
        for (ErrorCode code :
             {ErrorCode::Failed, ErrorCode::NotFound, ErrorCode::Invalid, ErrorCode::InvalidGraph,
              ErrorCode::Forbidden, ErrorCode::Conflict, ErrorCode::Unavailable}) {
            m_engine.failWith = Error{QStringLiteral("because of %1").arg(int(code)), code};
            auto answer = await<RunDetail>([&](Reply<RunDetail> done) {
                m_client->runDetail({QStringLiteral("r")}, std::move(done));
            });
            QVERIFY(!answer.ok());
            QCOMPARE(answer.code(), code);
            QCOMPARE(answer.error(), QStringLiteral("because of %1").arg(int(code)));
            QCOMPARE(api::errorCodeFrom(toStd(api::errorCodeName(code))), code);
        }
        QCOMPARE(api::errorCodeFrom("something new"), ErrorCode::Failed);
    }

    // docs/remote-api.md carries the table's method list. ORCH_WRITE_API_DOC=1 rewrites it
    // (scripts/update-api-doc) instead of failing.
    void theDocumentListsExactlyTheTable()
    {
        const QString path = QStringLiteral(SOURCE_DIR "/docs/remote-api.md");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(file.readAll());
        file.close();
        const QString begin = QStringLiteral("<!-- methods:");
        const QString end = QStringLiteral("<!-- end of methods -->");
        const qsizetype from = text.indexOf(QLatin1Char('\n'), text.indexOf(begin)) + 1;
        const qsizetype to = text.indexOf(end);
        QVERIFY2(text.indexOf(begin) >= 0 && to >= from,
                 "the markers of the method list are missing");
        const QString documented = text.mid(from, to - from);
        const QString expected = api::methodListMarkdown();
        if (qEnvironmentVariableIsSet("ORCH_WRITE_API_DOC")) {
            text.replace(from, to - from, expected);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(text.toUtf8());
            return;
        }
        QVERIFY2(documented == expected,
                 qPrintable(QStringLiteral("docs/remote-api.md differs from the method table; run "
                                           "scripts/update-api-doc. Expected:\n") +
                            expected));
    }
};

QTEST_GUILESS_MAIN(TestApiMethods)
#include "tst_api_methods.moc"
