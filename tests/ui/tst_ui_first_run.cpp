// The desktop's first run on a real engine: with no model configured it says so at once and
// why; the offline demo model makes it ready (its calls replayed, spend simulated); a key
// missing from the vault still opens the desktop and names the key; and the provider
// connection test lists an endpoint's models, with every bad answer named and the key kept.

#include "DesktopServices.h"
#include "FakeLlmServer.h"
#include "ModelSetup.h"
#include "Session.h"
#include "SettingsController.h"
#include "TestGraphs.h"
#include "config/ServerConfig.h"
#include "facade/Engine.h"
#include "llm/ModelList.h"
#include "store/RunStore.h"
#include "vault/Vault.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {
const QByteArray kKey = "sk-first-run-secret";

EngineOptions optionsIn(const QTemporaryDir& dir)
{
    EngineOptions options;
    options.databasePath = dir.filePath("o.db");
    options.workspaceRoot = dir.filePath("ws");
    options.reportsDir = dir.filePath("reports");
    options.vaultKeyFile = dir.filePath("vault.key");
    options.tools.git.remoteRoot = dir.filePath("remotes");
    return options;
}

// A desktop's start as main() does it: the lenient engine, its session and the model setup.
struct DesktopStart
{
    QTemporaryDir dir;
    std::unique_ptr<Engine> engine;
    std::unique_ptr<ui::Session> session;
    ui::ModelSetup setup;

    explicit DesktopStart(const std::function<void(EngineOptions&)>& adjust = {})
    {
        EngineOptions options = optionsIn(dir);
        if (adjust)
            adjust(options);
        engine = desktop::createDesktopEngine(options).value();
        session = std::make_unique<ui::Session>(engine.get(), false, "o.db");
        setup.setSession(session.get());
    }
};

// The action's outcome: {ok, error, value}.
struct Outcome
{
    bool ok = false;
    QString error, value;
};
Outcome await(ui::PendingAction* action)
{
    Outcome outcome;
    QSignalSpy finished(action, &ui::PendingAction::finished);
    if (!finished.wait(25000))
        return {false, QStringLiteral("no answer"), {}};
    outcome.ok = finished.at(0).at(0).toBool();
    outcome.error = finished.at(0).at(1).toString();
    outcome.value = finished.at(0).at(2).toString();
    return outcome;
}
} // namespace

class TestFirstRun : public QObject
{
    Q_OBJECT

    FakeLlmServer m_server;

private slots:
    void initTestCase() { QVERIFY(m_server.listen()); }

    void noModelSaysWhyAndTheOfflineDemoMakesItReady()
    {
        DesktopStart start;
        Engine& engine = *start.engine;
        ui::Session& session = *start.session;
        ui::ModelSetup& setup = start.setup;
        QTRY_VERIFY(setup.checked());
        QVERIFY(!setup.ready());
        QVERIFY2(setup.problem().contains("no endpoint is configured for openai"),
                 qPrintable(setup.problem()));
        QVERIFY(!setup.problem().contains("--llm-url")); // no command-line hint in a window
        QVERIFY(!setup.offlineDemo());

        const Outcome used = await(setup.useOfflineDemo());
        QVERIFY2(used.ok, qPrintable(used.error));
        QVERIFY(setup.ready() && setup.offlineDemo());
        QVERIFY(setup.problem().isEmpty());

        // A project now starts, and its model calls are the recording's (simulated money).
        QSignalSpy committed(&engine, &EngineApi::stepCommitted);
        const Outcome started = await(session.startRun("a clock for Lima"));
        QVERIFY2(started.ok, qPrintable(started.error));
        QVERIFY(committed.wait(20000));
        const auto ledger = inside(engine).store().ledger(started.value).value();
        QVERIFY(!ledger.empty());
        QVERIFY(ledger.front().provider.startsWith("replay"));
        QVERIFY(ledger.front().cost.value_or(0) > 0);
        QVERIFY(await(session.cancel(started.value)).ok);
    }

    void aWorkingEngineNeverSwitchesToTheDemo()
    {
        DesktopStart start([&](EngineOptions& options) {
            for (const char* provider : {"openai", "anthropic"})
                options.llm.endpoints[provider] = ProviderEndpoint{m_server.baseUrl(), {}};
        });
        ui::ModelSetup& setup = start.setup;
        QTRY_VERIFY(setup.checked());
        QVERIFY2(setup.ready(), qPrintable(setup.problem()));
        const Outcome refused = await(setup.useOfflineDemo());
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.contains("only offered while none is"), qPrintable(refused.error));
        QVERIFY(!setup.offlineDemo());
    }

    void aKeyMissingFromTheVaultStillOpensTheDesktop()
    {
        QTemporaryDir dir;
        EngineOptions options = optionsIn(dir);
        options.llm.endpoints["openai"] = ProviderEndpoint{m_server.baseUrl(), {}};
        options.llm.keySecrets["openai"] = "key:openai";
        QVERIFY(!Engine::create(options).ok()); // what the desktop used to exit with
        auto engine = desktop::createDesktopEngine(options);
        QVERIFY2(engine.ok(), qPrintable(engine.error()));
        auto readiness = inside(*engine.value()).modelReadiness().value();
        QVERIFY(!readiness.ready);
        QVERIFY2(readiness.problem.contains("key:openai") && readiness.problem.contains("Settings"),
                 qPrintable(readiness.problem));
    }

    void theConnectionTestListsTheModels()
    {
        DesktopStart start;
        Engine& engine = *start.engine;
        ui::ModelSetup& setup = start.setup;
        QVERIFY(inside(engine).vault().value()->put("key:test", kKey).ok());
        m_server.reset();
        m_server.setHandler([](const RecordedRequest& request) {
            if (request.method != "GET" || request.path != "/v1/models")
                return FakeReply::error(404, "no");
            return FakeReply::raw(
                200, toBytes(Json{{"data", Json::array({{{"id", "gpt-4o-mini"}},
                                                        {{"id", "gpt-4o"}},
                                                        {{"id", 7}},
                                                        {{"name", "local-llama"}}})}}));
        });
        const QString base = m_server.baseUrl().toString();
        const Outcome listed = await(setup.testProvider("openai", base, "key:test"));
        QVERIFY2(listed.ok, qPrintable(listed.error));
        QCOMPARE(listed.value, QString("gpt-4o\ngpt-4o-mini\nlocal-llama"));
        QCOMPARE(m_server.requests().last().header("authorization"), "Bearer " + kKey);
        QVERIFY(await(setup.testProvider("anthropic", base, "key:test")).ok);
        QCOMPARE(m_server.requests().last().header("x-api-key"), kKey);
        QVERIFY(!m_server.requests().last().header("anthropic-version").isEmpty());
        // Without a key handle, no key is sent (a local server).
        QVERIFY(await(setup.testProvider("openai", base, "")).ok);
        QVERIFY(m_server.requests().last().header("authorization").isEmpty());
    }

    // Settings list a provider's models and pick one per profile of the graph; the engine that
    // starts from the saved file sends the profile there.
    void aProfileGetsTheModelPickedInSettings()
    {
        DesktopStart start;
        ui::ModelSetup& setup = start.setup;
        QTRY_VERIFY(!setup.profiles().isEmpty());
        QVariantMap coder;
        for (const QVariant& profile : setup.profiles())
            if (profile.toMap().value("name") == "coder")
                coder = profile.toMap();
        QCOMPARE(coder.value("provider").toString(), QString("anthropic"));
        QVERIFY2(coder.value("agents").toString().contains("Developer"),
                 qPrintable(coder.value("agents").toString()));

        m_server.reset();
        m_server.setHandler([](const RecordedRequest&) {
            return FakeReply::raw(
                200,
                toBytes(Json{{"data", Json::array({{{"id", "qwen-coder"}}, {{"id", "llama"}}})}}));
        });
        const QString base = m_server.baseUrl().toString() + "/v1";
        const QString path = start.dir.filePath("orchestratord.json");
        ui::SettingsController settings(path, desktop::settingsServices(start.engine.get()));
        QCOMPARE(settings.setNamedProvider("local", "openai", base, ""), QString());
        const Outcome listed = await(setup.testProvider("openai", base, ""));
        QVERIFY2(listed.value.split('\n').contains("qwen-coder"), qPrintable(listed.value));
        QCOMPARE(settings.setProfileChoice("coder", "local", "qwen-coder"), QString());
        QVERIFY(!settings.setProfileChoice("coder", "local", "").isEmpty()); // a model is needed
        QVERIFY(!settings.setProfileChoice("co der", "local", "m").isEmpty());
        QCOMPARE(settings.profileChoices().value("coder").toMap().value("model").toString(),
                 QString("qwen-coder"));
        QVERIFY2(!settings.problems().join('\n').contains("model_profiles"),
                 qPrintable(settings.problems().join('\n')));
        QVERIFY(settings.save());

        // The engine started from the file: the coder's agents go to the local provider, so
        // only the graph's own openai profile still lacks an endpoint.
        auto config = ServerConfig::load(path, ServerConfig::Use::Desktop);
        QVERIFY2(config, qPrintable(config ? QString() : config.error()));
        EngineOptions options = optionsIn(start.dir);
        options.llm = config->engine.llm;
        auto engine = desktop::createDesktopEngine(options);
        QVERIFY2(engine, qPrintable(engine ? QString() : engine.error()));
        const auto readiness = inside(*engine.value()).modelReadiness().value();
        QVERIFY(!readiness.ready);
        QVERIFY2(readiness.problem.contains("openai") && !readiness.problem.contains("anthropic"),
                 qPrintable(readiness.problem));

        // A choice naming a provider that is not there is a problem of the file, named.
        QCOMPARE(settings.setProfileChoice("coder", "gone", "m"), QString());
        QVERIFY2(settings.problems().join('\n').contains("model_profiles.coder.provider"),
                 qPrintable(settings.problems().join('\n')));
        QCOMPARE(settings.setProfileChoice("coder", "", ""), QString()); // back to the graph's
        QVERIFY(settings.profileChoices().isEmpty());
    }

    void everyBadAnswerIsNamedAndTheKeyStaysHidden_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("refused") << 401 << toBytes(Json{{"error", {{"message", "bad key"}}}})
                                 << "refused the key (HTTP 401: bad key)";
        QTest::newRow("html") << 200 << QByteArray("<html>login</html>") << "not JSON";
        QTest::newRow("no list") << 200 << toBytes(Json{{"data", "gpt"}}) << "no list of models";
        QTest::newRow("wrong base") << 404 << QByteArray("nope") << "ends in /v1";
        QTest::newRow("redirect") << 302 << QByteArray() << "answered HTTP 302";
        QTest::newRow("server error")
            << 503 << toBytes(Json{{"error", {{"message", Json::array({1})}}}})
            << "answered HTTP 503";
    }
    void everyBadAnswerIsNamedAndTheKeyStaysHidden()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        DesktopStart start;
        Engine& engine = *start.engine;
        ui::ModelSetup& setup = start.setup;
        QVERIFY(inside(engine).vault().value()->put("key:test", kKey).ok());
        m_server.reset();
        m_server.setHandler([status, body](const RecordedRequest&) {
            FakeReply reply = FakeReply::raw(status, body);
            if (status == 302)
                reply.headers.append(
                    qMakePair(QByteArray("location"), QByteArray("http://127.0.0.1:1/steal")));
            return reply;
        });
        const Outcome failed =
            await(setup.testProvider("openai", m_server.baseUrl().toString(), "key:test"));
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.contains(expected), qPrintable(failed.error));
        QVERIFY(!failed.error.toUtf8().contains(kKey));
        QCOMPARE(m_server.requestCount(), 1); // the redirect was not followed
    }

    void badRequestsAreRefusedBeforeAnythingIsSent()
    {
        DesktopStart start;
        Engine& engine = *start.engine;
        ui::ModelSetup& setup = start.setup;
        m_server.reset();
        const Outcome noKey =
            await(setup.testProvider("openai", m_server.baseUrl().toString(), "key:nope"));
        QVERIFY(!noKey.ok && noKey.error.contains("key:nope"));
        // Only provider keys are sent: never a bot token or a server's SSH key.
        QVERIFY(inside(engine).vault().value()->put("server:prod-1", "ssh-private-key").ok());
        for (const QString& handle : {QString("server:prod-1"), QString("bot:weather")}) {
            const Outcome refused =
                await(setup.testProvider("openai", m_server.baseUrl().toString(), handle));
            QVERIFY2(!refused.ok && refused.error.contains("not a provider key"),
                     qPrintable(refused.error));
        }
        for (const QString& url :
             {QString("file:///etc/passwd"), QString("not a url"), QString()}) {
            const Outcome refused = await(setup.testProvider("openai", url, ""));
            QVERIFY2(!refused.ok && refused.error.contains("http(s) URL"),
                     qPrintable(refused.error));
        }
        QCOMPARE(m_server.requestCount(), 0);
    }

    void hugeListsAreCappedAndSlowOnesHaveADeadline()
    {
        Json many = Json::array();
        for (int i = 0; i < 900; ++i)
            many.push_back({{"id", "m" + std::to_string(i) + std::string(300, 'x')}});
        auto ids = modelIdsFrom(toBytes(Json{{"data", many}}));
        QVERIFY(ids.ok());
        QCOMPARE(ids->size(), kMaxListedModels);
        QCOMPARE(ids->first().size(), 200);

        m_server.reset();
        m_server.setHandler([](const RecordedRequest&) {
            FakeReply reply = FakeReply::raw(200, {});
            reply.stream = true;
            for (int i = 0; i < 50; ++i)
                reply.chunks << " ";
            reply.chunkDelayMs = 200; // 10 s of drip
            return reply;
        });
        QNetworkAccessManager network;
        std::optional<Result<QStringList>> answer;
        QElapsedTimer clock;
        clock.start();
        listModels(&network, {"openai", m_server.baseUrl(), {}, 1500},
                   [&](Result<QStringList> got) { answer = std::move(got); });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 8000);
        QVERIFY(!answer->ok());
        QVERIFY(clock.elapsed() < 6000);
    }
};

QTEST_MAIN(TestFirstRun)
#include "tst_ui_first_run.moc"
