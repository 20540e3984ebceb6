// `orchestratord serve` killed with SIGKILL while a repair run works on an incident, and started
// again: the incident goes on where it was, the repair run is taken up and finishes, its fix
// answers, and the incident ends "after the repair run" with one repair run, not two. The
// model is scripted by what each request says (the agent, its turn, a repair or not), so a
// request asked again after the kill gets the same answer.

#include "BrokenSettingsService.h"
#include "CliProcess.h"
#include "EngineInternals.h"
#include "FakeTelegramServer.h"
#include "LocalPorts.h"
#include "ScriptedModel.h"
#include "TestFiles.h"
#include "TestGraphs.h"
#include "runtime/GraphCatalog.h"
#include "store/Database.h"
#include "store/Incidents.h"
#include "store/RunStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

constexpr qint64 kAdmin = 5101;
const QByteArray kBotToken = "778:repair-resume-token";

int assistantTurns(const Json& request)
{
    int turns = 0;
    for (const Json& message : request.value("messages", Json::array()))
        turns += stringOr(message, "role") == "assistant" ? 1 : 0;
    return turns;
}

// The developer writes the service (its first run) or its fix (a repair, slowly enough to be
// killed in the middle); DevOps deploys, then finishes.
FakeReply scripted(const QString& agent, const Json& request)
{
    const bool repair =
        dumpJson(request["messages"]).find("fails its health checks") != std::string::npos;
    const int turn = assistantTurns(request);
    if (agent == QLatin1String("developer") && turn == 0) {
        FakeReply reply = FakeReply::openAiToolCalls(developerCalls(repair));
        reply.delayMs = repair ? 8000 : 0;
        return reply;
    }
    if (agent == QLatin1String("devops") && turn == 0)
        return FakeReply::openAiToolCalls({toolCall("deploy", Json::object(), "d")});
    if (agent == QLatin1String("devops"))
        return FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "live"}})});
    return FakeReply::openAiText("nothing more");
}

} // namespace

class TestRepairResume : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_vault{"ORCHESTRATOR_VAULT_KEY=" + QByteArray(32, 'r').toBase64()};
    FakeLlmServer m_model;
    ScriptedModel m_script;
    FakeTelegramServer m_telegram{kBotToken};
    QString m_config;

    QString path(const char* relative) const { return m_dir.filePath(QLatin1String(relative)); }

    bool shows(const QString& needle) { return m_telegram.shows(kAdmin, needle); }

    void storeSecret(const QString& handle, const QByteArray& value)
    {
        const CliResult set = runCliWithInput(
            {"secrets", "set", handle, "--db", path("orchestrator.db")}, value + "\n", m_vault);
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
    }

    // The developer → DevOps graph made the one new runs use, in the database serve opens.
    void chooseGraph()
    {
        EngineOptions options;
        options.databasePath = path("orchestrator.db");
        options.workspaceRoot = path("workspaces");
        options.reportsDir = path("reports");
        auto engine = Engine::create(std::move(options));
        QVERIFY2(engine, qPrintable(engine.error()));
        const Json graph = testGraph(
            "developer",
            Json::array(
                {testAgent("developer",
                           {{"tools", {"write_file", "run_tests", "git_commit", "handoff"}},
                            {"handoffs", {"devops"}}}),
                 testAgent("devops", {{"terminal", true}, {"tools", {"deploy", "finish"}}})}),
            Json::array());
        auto saved = inside(*engine.value()).graphs().save(graph);
        QVERIFY2(saved, qPrintable(saved.error()));
    }

    void writeConfig()
    {
        const int servicePort = freePort();
        const Json config = {{"database", "orchestrator.db"},
                             {"workspace_root", "workspaces"},
                             {"reports_dir", "reports"},
                             {"route_all_to",
                              {{"kind", "openai"},
                               {"base_url", toStd(m_model.baseUrl().toString())},
                               {"api_key_secret", "key:openai"}}},
                             {"stream", false},
                             {"deploy",
                              {{"root", "deploy"},
                               {"http_port", freePort()},
                               {"https_port", freePort()},
                               {"caddy_admin_port", freePort()},
                               {"service_ports", {{"first", servicePort}, {"last", servicePort}}}}},
                             {"git", {{"remotes_dir", "remotes"}}},
                             {"telegram",
                              {{"api_base", toStd(m_telegram.baseUrl().toString())},
                               {"token_secret", "bot:main"},
                               {"admins", {kAdmin}},
                               {"long_poll_s", 1}}},
                             {"workers", {{"lease_seconds", 5}, {"adopt_every_seconds", 1}}},
                             {"watch", {{"every_seconds", 1}, {"heal_after_failures", 2}}},
                             {"repair", {{"policy", "auto"}, {"monthly_budget_usd", 5}}},
                             {"digest", {{"every_hours", 0}}}};
        m_config = path("orchestratord.json");
        QFile file(m_config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toBytes(config));
    }

    void startServe(QProcess& serve)
    {
        startCli(serve, {"serve", "--config", m_config}, m_vault);
        QVERIFY(serve.waitForStarted());
    }

    QString deployedService()
    {
        const QStringList found = QDir(path("deploy")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& name : found)
            if (name != "caddy" && !name.startsWith('.') &&
                QFile::exists(path("deploy") + "/" + name + "/data/settings.json"))
                return name;
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        QVERIFY(m_model.listen());
        m_script.setFallback(scripted);
        m_model.setHandler(m_script.handler());
        QVERIFY(m_telegram.listen());
        storeSecret("key:openai", "sk-repair-resume-key");
        storeSecret("bot:main", kBotToken);
        chooseGraph();
        writeConfig();
    }

    void aKilledServeGoesOnWithTheSameRepair()
    {
        QProcess first;
        startServe(first);
        m_telegram.pushText(kAdmin, "/new settings clock");
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.said(kAdmin, "is done"), 180000);
        QTRY_VERIFY_WITH_TIMEOUT(!deployedService().isEmpty(), 10000);
        const QString service = deployedService();
        QTest::qWait(2000); // a probe or two find it healthy

        // Its settings broken: restart, then (auto) a repair run, killed in the middle.
        QVERIFY(breakSettings(path("deploy"), service));
        QTRY_VERIFY_WITH_TIMEOUT(shows("A repair run works on"), 90000);
        first.kill();
        QVERIFY(first.waitForFinished(10000));
        const QString printed =
            QString::fromUtf8(first.readAllStandardOutput() + first.readAllStandardError());

        QProcess second;
        startServe(second);
        if (!QTest::qWaitFor([&] { return shows("answers again (after the repair run)"); },
                             180000)) {
            qWarning("first: %s", qPrintable(printed.right(3000)));
            second.kill();
            second.waitForFinished();
            qWarning("second: %s", qPrintable(QString::fromUtf8(second.readAllStandardOutput() +
                                                                second.readAllStandardError())
                                                  .right(6000)));
            QFAIL("the incident did not end after the repair run");
        }
        second.terminate();
        QVERIFY(second.waitForFinished(30000));

        // One incident, one repair run, told in one message.
        auto store = RunStore::open(path("orchestrator.db"));
        QVERIFY(store);
        auto incidents = Incidents(store.value()->database()).since(0);
        QVERIFY(incidents && incidents->size() == 1);
        QCOMPARE(incidents->front().state, IncidentState::Resolved);
        QSqlQuery repairs = store.value()->database().newQuery();
        QVERIFY(repairs.exec(QStringLiteral("SELECT COUNT(*) FROM repair_runs")) && repairs.next());
        QCOMPARE(repairs.value(0).toInt(), 1);
        int told = 0;
        for (const BotCall& message : m_telegram.messagesTo(kAdmin))
            told += toQ(stringOr(message.params, "text")).contains("is down") ? 1 : 0;
        QCOMPARE(told, 1);
        const QString story =
            m_telegram.shownText(m_telegram.messageWith(kAdmin, "is down").messageId);
        qInfo("the incident's message:\n%s", qPrintable(story));
        QCOMPARE(story.count("A repair run works on"), 1);
        // The kill cut the repair's first model call short; the same run asked again.
        int asked = 0;
        for (const RecordedRequest& request : m_model.requests())
            asked += ScriptedModel::agentOf(request.json()) == "developer" &&
                             dumpJson(request.json()["messages"]).find("fails its health checks") !=
                                 std::string::npos
                         ? 1
                         : 0;
        QVERIFY2(asked >= 2, qPrintable(QString::number(asked)));
        QVERIFY(story.contains("answers again (after the repair run)"));
    }
};

QTEST_GUILESS_MAIN(TestRepairResume)
#include "tst_repair_resume.moc"
