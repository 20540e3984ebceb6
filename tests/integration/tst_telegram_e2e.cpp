// The demo through Telegram with real processes: `orchestratord serve --config` talks to the
// local Bot API stand-in and a stand-in model serving the offline demo's recorded replies
// (with a clarifying question added). /new → question with buttons → SIGTERM and restart
// while the run waits → the button answers → progress edits → the final message with URL,
// repository and cost. A stranger is refused; no update is handled twice. And a Telegram bot
// asked for in Telegram, its token sent in the chat, deployed and talked to.

#include "CliProcess.h"
#include "FakeTelegramServer.h"
#include "LocalPorts.h"
#include "ScriptedModel.h"
#include "TestFiles.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {
constexpr qint64 kAdmin = 5001;
constexpr qint64 kStranger = 6666;
const QByteArray kBotToken = "777:e2e-telegram-token-c4f1";
const QByteArray kApiKey = "sk-telegram-e2e-key-92be";

} // namespace

class TestTelegramEndToEnd : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_vaultEnv{"ORCHESTRATOR_VAULT_KEY=" + QByteArray(32, 't').toBase64()};
    QStringList m_deployArgs;
    QString m_config;

    QString m_root = m_dir.path(); // each test's own database, deploy root and settings
    QString path(const char* relative) const
    {
        return QDir(m_root).filePath(QLatin1String(relative));
    }

    void storeSecret(const QString& handle, const QByteArray& value)
    {
        const CliResult set = runCliWithInput(
            {"secrets", "set", handle, "--db", path("orchestrator.db")}, value + "\n", m_vaultEnv);
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
    }

    void writeConfig(const QUrl& model, const QUrl& telegram, const QUrl& botApi = {})
    {
        const int http = freePort(), https = freePort();
        QVERIFY(letOthersThrough(m_dir.path()));
        m_deployArgs = {"--deploy-root",       path("deploy"), "--http-port",
                        QString::number(http), "--https-port", QString::number(https)};
        Json config = {{"database", "orchestrator.db"},
                       {"workspace_root", "workspaces"},
                       {"reports_dir", "reports"},
                       {"route_all_to",
                        {{"kind", "openai"},
                         {"base_url", toStd(model.toString())},
                         {"api_key_secret", "key:openai"}}},
                       {"stream", false},
                       {"deploy",
                        {{"root", "deploy"},
                         {"http_port", http},
                         {"https_port", https},
                         {"service_ports", {{"first", 18800}, {"last", 18899}}}}},
                       {"git", {{"remotes_dir", "remotes"}}},
                       {"telegram",
                        {{"api_base", toStd(telegram.toString())},
                         {"token_secret", "bot:main"},
                         {"admins", {kAdmin}},
                         {"long_poll_s", 1}}},
                       {"digest", {{"every_hours", 0}}}};
        if (!botApi.isEmpty())
            config["deploy"]["bot_api"] = toStd(botApi.toString());
        m_config = path("orchestratord.json");
        QFile file(m_config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toBytes(config));
    }

    void startServe(QProcess& serve)
    {
        startCli(serve, {"serve", "--config", m_config}, m_vaultEnv);
        QVERIFY(serve.waitForStarted());
    }

    // SIGTERM: drain, then exit 0. Appends what the process printed to `output`.
    void stopServe(QProcess& serve, QString& output)
    {
        serve.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(serve.state() == QProcess::NotRunning, 30000);
        const QString printed =
            QString::fromUtf8(serve.readAllStandardOutput() + serve.readAllStandardError());
        output += printed;
        QVERIFY2(serve.exitCode() == 0, qPrintable(printed.right(3000)));
    }

private slots:
    void demoThroughTelegram()
    {
        Json script =
            parseJson(readFile(QStringLiteral(SOURCE_DIR "/resources/demo/city-time.replay.json")));
        QVERIFY(script.is_object());
        script["agents"]["brainstorm"].insert(
            script["agents"]["brainstorm"].begin(),
            Json{{"content", "One question first."},
                 {"tool_calls",
                  {{{"name", "ask_human"},
                    {"arguments",
                     {{"question", "Which city should the examples use?"},
                      {"options", {"Tokyo", "Paris"}}}}}}}});
        FakeLlmServer model;
        QVERIFY(model.listen());
        model.setHandler([script](const RecordedRequest& r) {
            return ScriptedModel::replyFromRecording(script, r);
        });
        FakeTelegramServer telegram(kBotToken);
        QVERIFY(telegram.listen());
        storeSecret("key:openai", kApiKey);
        storeSecret("bot:main", kBotToken);
        writeConfig(model.baseUrl(), telegram.baseUrl());

        QProcess serve;
        startServe(serve);
        QTRY_COMPARE_WITH_TIMEOUT(telegram.calls("setMyCommands").size(), 2, 15000);
        telegram.pushText(kStranger, "/new give me a server");
        telegram.pushText(kAdmin, "/new a service that tells the time in a given city");
        QTRY_VERIFY_WITH_TIMEOUT(telegram.said(kAdmin, "Which city"), 30000);
        QCOMPARE(telegram.messagesTo(kStranger).size(), 1);
        QVERIFY(telegram.said(kStranger, QString::number(kStranger)));
        const BotCall question = telegram.messageWith(kAdmin, "Which city");
        const QString tokyo =
            toQ(question.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]);
        QVERIFY(tokyo.startsWith("a:"));

        // Stop while the run waits for the answer, and start again.
        const qint64 lastUpdate = 1001;
        QString output;
        stopServe(serve, output);
        QVERIFY(output.contains("stopped cleanly"));
        const int pollsBefore = telegram.getUpdatesCalls();
        const qint64 restartedAt = QDateTime::currentMSecsSinceEpoch();
        startServe(serve);
        QTRY_VERIFY_WITH_TIMEOUT(telegram.getUpdatesCalls() > pollsBefore, 15000);
        QCOMPARE(telegram.confirmedOffset(), lastUpdate + 1); // old updates are not asked for again
        telegram.pushButton(kAdmin, question.messageId, tokyo);
        QTRY_VERIFY_WITH_TIMEOUT(telegram.said(kAdmin, "is done"), 180000);
        const QString final = toQ(telegram.messageWith(kAdmin, "is done").params["text"]);
        QVERIFY2(final.contains("URL: https://city-time.localhost:"), qPrintable(final));
        QVERIFY2(final.contains("Repository: "), qPrintable(final));
        QVERIFY2(final.contains("Cost: $"), qPrintable(final));
        QVERIFY2(final.contains("Health check: ok"), qPrintable(final));
        QVERIFY(telegram.said(kAdmin, "Answer received: Tokyo"));
        stopServe(serve, output);

        // One project, started once; the progress message was edited, at most once a second.
        auto store = RunStore::open(path("orchestrator.db")).value();
        QCOMPARE(store->projects().value().size(), size_t(1));
        QCOMPARE(store->runs().value().at(0).status, RunStatus::Completed);
        int starting = 0; // the answer to /new, which the progress then took over
        for (const BotCall& call : telegram.messagesTo(kAdmin))
            starting += toQ(call.params.value("text", std::string())).contains("Starting") ? 1 : 0;
        QCOMPARE(starting, 1);
        QVERIFY(telegram.saidOrEdited(kAdmin, "started"));
        QList<BotCall> edits; // by the second process
        for (const BotCall& edit : telegram.calls("editMessageText"))
            if (edit.atMs > restartedAt)
                edits << edit;
        QVERIFY(edits.size() >= 2);
        for (qsizetype i = 1; i < edits.size(); ++i)
            QVERIFY2(edits[i].atMs - edits[i - 1].atMs >= 950,
                     "two progress edits within a second");

        // The bot token and the API key stay out of logs, events, reports and model requests.
        const QString runId = store->runs().value().at(0).id;
        const QByteArray report = store->report(runId).value().first.toUtf8();
        for (const QByteArray& secret : {kBotToken, kApiKey}) {
            QVERIFY2(!output.toUtf8().contains(secret), "a log line carries a secret");
            QVERIFY2(!report.contains(secret), "the report carries a secret");
            for (const RunEvent& event : store->events(runId).value())
                QVERIFY2(!toBytes(event.payload).contains(secret), "an event carries a secret");
            for (const RecordedRequest& request : model.requests())
                QVERIFY2(!request.body.contains(secret), "a model request carries a secret");
        }
    }

    // "A bot that …" written in Telegram: the graph builds it from the bot template, Zavhoz
    // asks for the new bot's token, the person sends it in the chat (it goes to the vault and
    // the message leaves the chat), DevOps deploys the bot against its own Bot API stand-in
    // (through the host's relay), the Tester talks to it as a user through the relay, the final
    // message names the bot, and a person on Telegram gets answers from it.
    void aBotThroughTelegram()
    {
        const Json script = parseJson(
            readFile(QStringLiteral(SOURCE_DIR "/resources/demo/city-time-bot.replay.json")));
        QVERIFY(script.is_object());
        FakeLlmServer model;
        QVERIFY(model.listen());
        model.setHandler([script](const RecordedRequest& r) {
            return ScriptedModel::replyFromRecording(script, r);
        });
        FakeTelegramServer telegram(kBotToken);
        QVERIFY(telegram.listen());
        const QByteArray newBotToken = "4242:the-new-bots-token-7d1e";
        FakeTelegramServer newBotApi(newBotToken);
        QVERIFY(newBotApi.listen());
        // A server of its own: Telegram never reuses update ids, but a new stand-in does.
        if (QFile::exists(path("deploy/caddy/admin.sock")))
            runCli(QStringList{"teardown"} + m_deployArgs);
        m_root = m_dir.filePath("bot");
        QVERIFY(QDir().mkpath(m_root));
        storeSecret("key:openai", kApiKey);
        storeSecret("bot:main", kBotToken);
        writeConfig(model.baseUrl(), telegram.baseUrl(), newBotApi.baseUrl());

        QProcess serve;
        startServe(serve);
        QTRY_COMPARE_WITH_TIMEOUT(telegram.calls("setMyCommands").size(), 2, 15000);
        telegram.pushText(kAdmin, "/new a Telegram bot that tells the time in a given city");
        QTRY_VERIFY_WITH_TIMEOUT(telegram.said(kAdmin, "@BotFather"), 30000);
        telegram.pushText(kAdmin, QString::fromUtf8(newBotToken));
        QTRY_VERIFY_WITH_TIMEOUT(telegram.said(kAdmin, "is done"), 180000);
        const QString final = toQ(telegram.messageWith(kAdmin, "is done").params["text"]);
        QVERIFY2(final.contains("t.me/test_bot"), qPrintable(final));
        QVERIFY2(final.contains("Health check: ok"), qPrintable(final));
        QVERIFY(!telegram.calls("deleteMessage").isEmpty()); // the token left the chat
        // The deployed bot polls its own API through the relay; the Tester's messages were
        // answered there and never sent to Telegram; a person who writes to it gets an answer.
        QVERIFY(newBotApi.getUpdatesCalls() > 0);
        QVERIFY(newBotApi.calls("sendMessage").isEmpty());
        constexpr qint64 kPerson = 31337;
        newBotApi.pushText(kPerson, "Tokyo");
        QTRY_VERIFY_WITH_TIMEOUT(newBotApi.said(kPerson, "Asia/Tokyo"), 30000);
        QString output;
        stopServe(serve, output);

        auto store = RunStore::open(path("orchestrator.db")).value();
        QByteArray report; // of this run (the database may hold the first test's too)
        QString botRun;
        for (const RunRecord& run : store->runs().value())
            if (auto written = store->report(run.id);
                written && written->first.contains("City Time Bot")) {
                report = written->first.toUtf8();
                botRun = run.id;
            }
        QVERIFY2(report.contains("Telegram bot: @test_bot"), report.constData());
        // A bot listens on no port, so none was allocated for it.
        const Json finalState = store->lastState(botRun).value();
        QCOMPARE(finalState["deployment"]["kind"], "telegram-bot");
        QVERIFY(!finalState["resources"].contains("port"));
        QCOMPARE(finalState["resources"]["env"]["BOT_TOKEN"], "bot:city-time");
        for (const RunRecord& run : store->runs().value())
            for (const RunEvent& event : store->events(run.id).value())
                QVERIFY2(!toBytes(event.payload).contains(newBotToken),
                         "an event carries the bot's token");
        QVERIFY(!output.toUtf8().contains(newBotToken));
        QVERIFY(!report.contains(newBotToken));
        for (const RecordedRequest& request : model.requests())
            QVERIFY2(!request.body.contains(newBotToken), "a model request carries the token");
        for (const BotCall& call : telegram.messagesTo(kAdmin))
            QVERIFY(!toBytes(call.params).contains(newBotToken));
    }

    void cleanupTestCase()
    {
        if (QFile::exists(path("deploy/caddy/admin.sock")))
            runCli(QStringList{"teardown"} + m_deployArgs);
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(path("deploy/caddy/admin.sock")), 10000);
    }
};

QTEST_GUILESS_MAIN(TestTelegramEndToEnd)
#include "tst_telegram_e2e.moc"
