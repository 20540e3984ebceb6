// The Tester's checks: check_http sends any method with a JSON body to the deployed service and
// compares status, JSON fields and text; check_bot talks to a real bot process (the bundled
// template) as a user through its relay (bot_relay.py) and the Bot API stand-in. Results land on
// the check sheet, where the latest result per id wins, a new version starts over and uncovered
// criteria are listed.

#include "BotRelayProcess.h"
#include "FakeLlmServer.h"
#include "FakeTelegramServer.h"
#include "ToolHarness.h"
#include "tools/ArgumentSchema.h"
#include "tools/ToolRegistry.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

namespace {

Json deployedState(const QString& url, const std::string& version = "v1")
{
    return {{"deployment", {{"url", toStd(url)}, {"version", version}, {"healthy", true}}},
            {"spec", {{"acceptance", {"POST /notes stores a note", "GET /health answers ok"}}}}};
}

// The state after a tool's update, as the agent's next call sees it.
Json after(Json state, const ToolResult& result)
{
    for (auto it = result.stateUpdate.begin(); it != result.stateUpdate.end(); ++it)
        state[it.key()] = it.value();
    return state;
}

} // namespace

class TestCheckTools : public QObject
{
    Q_OBJECT

    FakeLlmServer m_service; // the deployed project
    std::unique_ptr<ToolRegistry> m_tools;
    QString m_url;
    QTemporaryDir m_workspace;
    const QByteArray m_token = "4711:bot-token-secret";
    FakeTelegramServer m_botApi{m_token};
    QTemporaryDir m_deployRoot; // where the bot's host keeps its relay
    std::unique_ptr<BotRelayProcess> m_relay;

    // As an agent calls it: the arguments conformed to the tool's schema first.
    ToolResult check(const Json& arguments, const Json& state)
    {
        Tool& tool = *m_tools->find("check_http");
        auto conformed = ArgumentSchema::conform(tool.spec().parameters, arguments);
        if (!conformed)
            return ToolResult::failure(conformed.error());
        return callToolWithState(tool, conformed.value(), state, m_workspace.path());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_service.listen());
        QVERIFY(m_botApi.listen());
        m_relay = std::make_unique<BotRelayProcess>(m_deployRoot.path(), m_botApi.baseUrl());
        QVERIFY(m_relay->start());
        m_url = QStringLiteral("http://127.0.0.1:%1/").arg(m_service.port());
        m_service.setHandler([](const RecordedRequest& r) {
            if (r.method == "POST" && r.path == "/notes")
                return FakeReply::raw(201, toBytes({{"id", 7}, {"note", r.json()}}));
            if (r.path == "/health")
                return FakeReply::raw(200, R"({"status":"ok","version":"v1","tags":["a","b"]})");
            if (r.path == "/huge")
                return FakeReply::raw(200, QByteArray(3 * 1024 * 1024, 'x'));
            if (r.method == "DELETE" && r.path == "/notes/7")
                return FakeReply::raw(204, {});
            return FakeReply::raw(404, "not found");
        });
        ToolSettings settings;
        settings.deploy.settings.telegramApiBase = m_botApi.baseUrl().toString();
        settings.deploy.settings.deployRoot = m_deployRoot.path();
        const QByteArray token = m_token;
        settings.deploy.revealSecret = [token](const QString& handle,
                                               const QString&) -> Result<QByteArray> {
            if (handle == QLatin1String("bot:clock"))
                return token;
            return Error{QStringLiteral("no secret %1 in the vault").arg(handle)};
        };
        m_tools = ToolRegistry::withBuiltins(settings);
    }

    // check_spec derives one check per operation of the repository's api-spec.json: the
    // example request is sent, a declared status with its required fields passes.
    void checkSpecDerivesChecksFromTheRepository()
    {
        QTemporaryDir ws;
        Tool& tool = *m_tools->find("check_spec");
        const ToolResult none =
            callToolWithState(tool, Json::object(), deployedState(m_url), ws.path());
        QVERIFY(!none.ok);
        QVERIFY(errorOf(none).find("write_api_spec") != std::string::npos);

        const Json created = {
            {"content", {{"application/json", {{"schema", {{"required", {"id", "note"}}}}}}}}};
        const Json healthy = {
            {"content",
             {{"application/json", {{"schema", {{"required", {"status", "version"}}}}}}}}};
        const Json spec = {
            {"openapi", "3.0.3"},
            {"paths",
             {{"/notes",
               {{"post",
                 {{"requestBody",
                   {{"content", {{"application/json", {{"example", {{"text", "hi"}}}}}}}}},
                  {"responses", {{"201", created}}}}}}},
              {"/health", {{"get", {{"responses", {{"200", healthy}}}}}}},
              {"/missing", {{"get", {{"responses", {{"200", healthy}}}}}}}}}};
        QFile file(ws.filePath("api-spec.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toBytes(spec));
        file.close();
        m_service.reset();
        const ToolResult r =
            callToolWithState(tool, Json::object(), deployedState(m_url), ws.path());
        QVERIFY2(r.ok, r.output.dump().c_str());
        QCOMPARE(r.output["all_passed"], false);
        std::map<std::string, bool> passed;
        for (const Json& check : r.output["checks"])
            passed[check["check"].get<std::string>()] = check["passed"].get<bool>();
        QCOMPARE(passed.size(), size_t(3));
        QVERIFY(passed.at("spec: POST /notes"));
        QVERIFY(passed.at("spec: GET /health"));
        QVERIFY(!passed.at("spec: GET /missing")); // 404 is not a declared answer
        bool sentExample = false;
        for (const RecordedRequest& request : m_service.requests())
            sentExample = sentExample ||
                          (request.method == "POST" && request.json() == Json({{"text", "hi"}}));
        QVERIFY(sentExample);
        const Json sheet = r.stateUpdate["probes"];
        QCOMPARE(sheet["passed"], false);
        QCOMPARE(sheet["checks"].size(), size_t(3));
    }

    void postWithJsonBodyPasses()
    {
        m_service.reset();
        const ToolResult r = check({{"id", "create-note"},
                                    {"criterion", 1},
                                    {"method", "post"},
                                    {"path", "/notes"},
                                    {"body", {{"text", "hi"}}},
                                    {"expect_status", 201},
                                    {"expect_json", {{"note.text", "hi"}, {"id", 7}}}},
                                   deployedState(m_url));
        QVERIFY2(r.ok, r.output.dump().c_str());
        QCOMPARE(r.output["passed"], true);
        const RecordedRequest sent = m_service.requests().value(0);
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.header("content-type"), QByteArray("application/json"));
        QCOMPARE(sent.json(), Json({{"text", "hi"}}));
        const Json sheet = r.stateUpdate["probes"];
        QCOMPARE(sheet["passed"], true);
        QCOMPARE(sheet["uncovered_criteria"], Json::array({2}));
        QCOMPARE(r.output["sheet"]["criteria_without_a_check"], Json::array({2}));
    }

    void mistakenExpectationIsCorrectedUnderTheSameId()
    {
        Json state = deployedState(m_url);
        const ToolResult wrong = check({{"id", "health"},
                                        {"criterion", 2},
                                        {"path", "/health"},
                                        {"expect_json", {{"status", "OK"}, {"build.sha", "x"}}}},
                                       state);
        QVERIFY(wrong.ok); // the call worked; the check failed
        QCOMPARE(wrong.output["passed"], false);
        const Json mismatches = wrong.output["got"]["mismatches"];
        QCOMPARE(mismatches.size(), size_t(2));
        QCOMPARE(mismatches[0]["field"], "build.sha"); // in field order
        QCOMPARE(mismatches[0]["got"], "(missing)");
        QCOMPARE(mismatches[1]["got"], "ok");
        state = after(state, wrong);
        QCOMPARE(state["probes"]["passed"], false);
        QCOMPARE(state["probes"]["failed"][0]["check"], "health"); // what the Developer reads
        QCOMPARE(state["probes"]["failed"][0]["expected"]["json"]["status"], "OK");

        const ToolResult fixed = check({{"id", "health"},
                                        {"criterion", 2},
                                        {"path", "/health"},
                                        {"expect_json", {{"status", "ok"}, {"tags.1", "b"}}},
                                        {"expect_text", "version"}},
                                       state);
        QCOMPARE(fixed.output["passed"], true);
        state = after(state, fixed);
        QCOMPARE(state["probes"]["checks"].size(), size_t(1)); // the latest result wins
        QCOMPARE(state["probes"]["passed"], true);
        QCOMPARE(state["probes"]["failed"], Json::array());
    }

    void aNewVersionStartsAFreshSheet()
    {
        Json state = deployedState(m_url);
        state = after(state, check({{"id", "missing"}, {"path", "/nope"}}, state));
        QCOMPARE(state["probes"]["passed"], false);
        state["deployment"]["version"] = "v2";
        state = after(state, check({{"id", "health"}, {"path", "/health"}}, state));
        QCOMPARE(state["probes"]["version"], "v2");
        QCOMPARE(state["probes"]["checks"].size(), size_t(1));
        QCOMPARE(state["probes"]["passed"], true);
    }

    void anyMethod()
    {
        m_service.reset();
        const ToolResult del = check(
            {{"id", "delete"}, {"method", "DELETE"}, {"path", "/notes/7"}, {"expect_status", 204}},
            deployedState(m_url));
        QCOMPARE(del.output["passed"], true);
        const ToolResult head =
            check({{"id", "head"}, {"method", "HEAD"}, {"path", "/health"}}, deployedState(m_url));
        QCOMPARE(head.output["passed"], true);
        QCOMPARE(m_service.requests().value(0).method, QByteArray("DELETE"));
        QCOMPARE(m_service.requests().value(1).method, QByteArray("HEAD"));
    }

    void hostileArgumentsAndAnswers()
    {
        const Json state = deployedState(m_url);
        QVERIFY(!check({{"id", "x"}, {"path", "health"}}, state).ok);
        QVERIFY(!check({{"id", "x"}, {"method", "TRACE"}, {"path", "/health"}}, state).ok);
        QVERIFY(!check({{"path", "/health"}}, state).ok); // no id
        QVERIFY(!check({{"id", std::string(65, 'i')}, {"path", "/health"}}, state).ok);
        QVERIFY(!check({{"id", "x"}, {"path", "/health"}}, Json::object()).ok); // not deployed
        // A JSON body sent as text is sent as the document it spells.
        m_service.reset();
        check({{"id", "text-body"}, {"method", "POST"}, {"path", "/notes"}, {"body", R"({"a":1})"}},
              state);
        QCOMPARE(m_service.requests().value(0).json(), Json({{"a", 1}}));
        // An answer that is not JSON fails a JSON expectation with a reason; a huge one is cut.
        const ToolResult huge =
            check({{"id", "huge"}, {"path", "/huge"}, {"expect_json", {{"a", 1}}}}, state);
        QCOMPARE(huge.output["passed"], false);
        QVERIFY(huge.output.dump().size() < 20000);
        QCOMPARE(huge.output["got"]["mismatches"][0]["got"], "not JSON");
    }

    void unreachableServiceIsAFailedCheck()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(closed.serverPort());
        closed.close();
        const ToolResult r = check({{"id", "health"}, {"path", "/health"}}, deployedState(url));
        QVERIFY(!r.ok);
        QCOMPARE(r.stateUpdate["probes"]["passed"], false); // recorded: the Developer must know
        QVERIFY(r.stateUpdate["probes"]["failed"][0]["got"].contains("error"));
    }

    void botRoundTripWithTheTemplateBot()
    {
        QTemporaryDir botDir;
        const QDir source(QStringLiteral(SOURCE_DIR "/resources/templates/python-telegram-bot"));
        for (const QString& name : {QStringLiteral("bot.py"), QStringLiteral("handlers.py")}) {
            QFile in(source.filePath(name));
            QVERIFY(in.open(QIODevice::ReadOnly));
            QFile out(QDir(botDir.path()).filePath(name));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(in.readAll()
                          .replace("{{project_name|py}}", "\"Clock\"")
                          .replace("{{project_name|line}}", "Clock"));
        }
        QProcess bot;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BOT_TOKEN"), QString::fromUtf8(m_token));
        env.insert(QStringLiteral("TELEGRAM_API"), m_relay->url().toString()); // as deployed
        bot.setProcessEnvironment(env);
        bot.setWorkingDirectory(botDir.path());
        bot.start(QStringLiteral("python3"), {QStringLiteral("bot.py")});
        QVERIFY(bot.waitForStarted());
        auto finish = qScopeGuard([&] {
            bot.kill();
            bot.waitForFinished();
        });

        Json state = deployedState(m_url);
        const Json greet = {{"id", "greets"},
                            {"criterion", 1},
                            {"handle", "bot:clock"},
                            {"send", "/start"},
                            {"expect_text", "Hello! I am Clock"}};
        const ToolResult passed =
            callToolWithState(*m_tools->find("check_bot"), greet, state, m_workspace.path());
        QVERIFY2(passed.ok, passed.output.dump().c_str());
        QCOMPARE(passed.output["passed"], true);
        QCOMPARE(passed.stateUpdate["probes"]["checks"][0]["kind"], "bot");
        QVERIFY(passed.output.dump().find(m_token.toStdString()) == std::string::npos);

        Json wrong = greet;
        wrong["id"] = "echo";
        wrong["send"] = "ping";
        wrong["expect_text"] = "pong";
        const ToolResult failed =
            callToolWithState(*m_tools->find("check_bot"), wrong, state, m_workspace.path());
        QCOMPARE(failed.output["passed"], false);
        QCOMPARE(failed.output["got"]["replies"], "ping"); // the template echoes
        // What the model sends reaches the bot as text, never as shell or JSON: the template
        // echoes it back whole.
        const QString hostile = QStringLiteral("'; rm -rf / #\n$(id) `id` \"}{ %s %1 \\");
        Json shell = greet;
        shell["id"] = "hostile";
        shell["send"] = toStd(hostile);
        shell["expect_text"] = toStd(hostile);
        const ToolResult echoed =
            callToolWithState(*m_tools->find("check_bot"), shell, state, m_workspace.path());
        QVERIFY2(echoed.ok, echoed.output.dump().c_str());
        QCOMPARE(echoed.output["passed"], true);

        // The checks' chats are the relay's: nothing was sent to Telegram.
        QVERIFY(m_botApi.calls(QStringLiteral("sendMessage")).isEmpty());
    }

    void botRefusalsAndSilence()
    {
        const Json state = deployedState(m_url);
        const Json ask = {{"id", "silent"},
                          {"handle", "bot:clock"},
                          {"send", "/start"},
                          {"expect_text", "Hello"},
                          {"timeout_s", 1}};
        // The bot of the test before is stopped: the check cannot run, and says why; nothing
        // is recorded.
        const ToolResult silent =
            callToolWithState(*m_tools->find("check_bot"), ask, state, m_workspace.path());
        QVERIFY(!silent.ok);
        QVERIFY2(errorOf(silent).find("stopped fetching updates") != std::string::npos,
                 errorOf(silent).c_str());
        QVERIFY(!silent.stateUpdate.contains("probes"));
        Json other = ask;
        other["handle"] = "key:openai";
        QVERIFY(
            !callToolWithState(*m_tools->find("check_bot"), other, state, m_workspace.path()).ok);
        other["handle"] = "bot:unknown";
        QVERIFY(
            !callToolWithState(*m_tools->find("check_bot"), other, state, m_workspace.path()).ok);

        // A host without a relay (nothing deployed there): a clear failure, nothing recorded.
        QTemporaryDir elsewhere;
        ToolSettings settings;
        settings.deploy.settings.telegramApiBase = m_botApi.baseUrl().toString();
        settings.deploy.settings.deployRoot = elsewhere.path();
        settings.deploy.revealSecret = [](const QString&, const QString&) -> Result<QByteArray> {
            return QByteArray("1:x");
        };
        auto noRelay = ToolRegistry::withBuiltins(settings);
        const ToolResult refused =
            callToolWithState(*noRelay->find("check_bot"), ask, state, m_workspace.path());
        QVERIFY(!refused.ok);
        QVERIFY2(errorOf(refused).find("no Bot API relay answers") != std::string::npos,
                 errorOf(refused).c_str());
        QVERIFY(!refused.stateUpdate.contains("probes"));
    }
};

QTEST_GUILESS_MAIN(TestCheckTools)
#include "tst_check_tools.moc"
