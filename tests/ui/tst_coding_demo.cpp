// The offline demo's project with Claude Code as its Developer. orchestratord runs the
// bundled graph with its developer node a coding_agent: the Claude Code stand-in does the
// recorded Developer's work through the fake Messages API inside the sandbox, and the other
// agents replay the demo's recorded replies. The run ends deployed behind Caddy with TLS and
// checked; the report's cost table has the CLI's line; the desktop's review of the run shows
// the coding step's activity, saved as build/screenshots/coding/review.png (and the report's
// cost section beside it).

#include "CliProcess.h"
#include "DesktopServices.h"
#include "LocalPorts.h"
#include "ScriptedModel.h"
#include "Session.h"
#include "SettingsController.h"
#include "TestFiles.h"
#include "Translator.h"
#include "facade/Engine.h"
#include "store/RunStore.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

Q_IMPORT_QML_PLUGIN(Orchestrator_UiPlugin)

using namespace orch;
using namespace orch::test;

namespace {

const QStringList kVaultEnv = {"ORCHESTRATOR_VAULT_KEY=" + QByteArray(32, 'c').toBase64()};
const char* kCommit = "City Time: the /time route and its tests";

// The visible item named `objectName` whose text has `text`.
QQuickItem* findShowing(QQuickItem* item, const QString& objectName, const QString& text)
{
    if (item->objectName() == objectName && item->isVisible() &&
        item->property("text").toString().contains(text))
        return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = findShowing(child, objectName, text))
            return found;
    return nullptr;
}

// The bundled graph with its Developer a Claude Code node (its prompts are copied beside it).
Json codingDemoGraph()
{
    Json graph = parseJson(readFile(QStringLiteral(SOURCE_DIR "/resources/graphs/default.json")));
    for (Json& agent : graph["agents"]) {
        if (agent["id"] == "developer")
            agent = {{"id", "developer"},
                     {"title", "Developer"},
                     {"kind", "coding_agent"},
                     {"coding",
                      {{"program", "claude"},
                       {"model", "claude-sonnet-4-5"},
                       {"key_secret", "key:coding"},
                       {"max_minutes", 5},
                       {"max_cost_usd", 2}}},
                     {"ui", agent["ui"]}};
    }
    return graph;
}

// The recorded Developer's files, written by the CLI's Write tool; then it runs the tests.
std::vector<FakeReply> developerWork(const Json& script)
{
    std::vector<FakeReply> replies;
    int n = 0;
    for (const Json& call : script["agents"]["developer"][0]["tool_calls"]) {
        if (call["name"] != "write_file")
            continue;
        const std::string id = "w" + std::to_string(++n);
        replies.push_back(FakeReply::anthropicToolUse(
            {toolCall("Write",
                      {{"file_path", call["arguments"]["path"]},
                       {"content", call["arguments"]["content"]}},
                      id)},
            n == 1 ? "Implementing the /time route and its tests." : ""));
    }
    replies.push_back(
        FakeReply::anthropicToolUse({toolCall("Bash", {{"command", "make test"}}, "t1")}));
    replies.push_back(FakeReply::anthropicText(std::string("The tests pass.\n") + kCommit));
    return replies;
}

} // namespace

class TestCodingDemo : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeLlmServer m_server;
    ScriptedModel m_claude;
    QStringList m_deployArgs;
    QString m_runId;

    QString path(const char* relative) const { return m_dir.filePath(QLatin1String(relative)); }

    void storeSecret(const char* handle, const QByteArray& value)
    {
        const CliResult set = runCliWithInput({"secrets", "set", handle, "--db", path("o.db")},
                                              value + "\n", kVaultEnv);
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        QVERIFY(m_server.listen());
        const Json script =
            parseJson(readFile(QStringLiteral(SOURCE_DIR "/resources/demo/city-time.replay.json")));
        QVERIFY(script.is_object());
        m_claude.script("claude", developerWork(script));
        m_server.setHandler([script, claude = m_claude.handler()](const RecordedRequest& r) {
            return r.path.endsWith("/messages") ? claude(r)
                                                : ScriptedModel::replyFromRecording(script, r);
        });
        storeSecret("key:openai", "sk-coding-demo-openai-5e1f");
        storeSecret("key:coding", "sk-ant-coding-demo-77c2d9");
        const int http = freePort(), https = freePort();
        m_deployArgs = {"--deploy-root",       path("deploy"), "--http-port",
                        QString::number(http), "--https-port", QString::number(https)};
        const Json config = {
            {"database", toStd(path("o.db"))},
            {"workspace_root", toStd(path("workspaces"))},
            {"reports_dir", toStd(path("reports"))},
            {"route_all_to",
             {{"kind", "openai"},
              {"base_url", toStd(m_server.baseUrl().toString())},
              {"api_key_secret", "key:openai"}}},
            {"stream", false},
            {"coding_agents",
             {{"claude",
               {{"path", SOURCE_DIR "/tests/support/standins/claude"},
                {"base_url", toStd(QStringLiteral("http://127.0.0.1:%1").arg(m_server.port()))}}}}},
            {"deploy",
             {{"root", toStd(path("deploy"))},
              {"http_port", http},
              {"https_port", https},
              {"service_ports", {{"first", 18600}, {"last", 18699}}},
              // CI runs other deploys at the same time on two cores.
              {"health_timeout_s", 90}}},
            {"git", {{"remotes_dir", toStd(path("remotes"))}}}};
        QFile file(path("orchestratord.json"));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(toBytes(config)) > 0);
        file.close();
        QVERIFY(QDir().mkpath(path("graphs")) && QDir().mkpath(path("prompts")));
        const QDir prompts(QStringLiteral(SOURCE_DIR "/resources/prompts"));
        for (const QString& name : prompts.entryList(QDir::Files))
            QVERIFY(QFile::copy(prompts.filePath(name), path("prompts/") + name));
        QFile graph(path("graphs/graph.json"));
        QVERIFY(graph.open(QIODevice::WriteOnly) && graph.write(toBytes(codingDemoGraph())) > 0);
    }

    void theDemoWithClaudeCodeEndsDeployedAndChecked()
    {
        CliResult run = runCli({"run", "--config", path("orchestratord.json"), "--graph",
                                path("graphs/graph.json"), "--description",
                                "a service that tells the time in a given city", "--json"},
                               kVaultEnv, 300000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out.right(3000) + run.err.right(3000)));
        auto store = RunStore::open(path("o.db")).value();
        const RunRecord record = store->runs().value().at(0);
        m_runId = record.id;
        QCOMPARE(record.status, RunStatus::Completed);
        const Json state = store->lastCheckpoint(record.id).value().state;
        QCOMPARE(state["tests"]["passed"], true);
        QCOMPARE(state["deployment"]["healthy"], true);
        QCOMPARE(state["probes"]["passed"], true);
        // The CLI's commit is what was pushed and what runs.
        const std::string commit = state["repo"]["last_commit"];
        QCOMPARE(
            readFile(toQ(state["repo"]["remote"]) + "/refs/heads/main").trimmed().toStdString(),
            commit);
        QCOMPARE(m_claude.callsFor("claude"), 4);

        // Its work in the timeline, its cost in the ledger and the report.
        int codingSteps = 0;
        for (const RunEvent& e : store->events(record.id).value())
            codingSteps += e.kind == EventKind::CodingStep && e.agent == "developer";
        QVERIFY(codingSteps >= 8);
        const auto report = store->report(record.id).value();
        const QString markdown = QString::fromUtf8(readFile(report.second));
        const QString costs = markdown.mid(markdown.indexOf("## Cost"));
        QVERIFY2(costs.contains("| developer | claude-sonnet-4-5 | 1 |"), qPrintable(costs));
        QVERIFY(QDir().mkpath(BUILD_DIR "/screenshots/coding"));
        QFile saved(BUILD_DIR "/screenshots/coding/report-cost.md");
        QVERIFY(saved.open(QIODevice::WriteOnly) && saved.write(costs.toUtf8()) > 0);
        for (const QByteArray secret :
             {"sk-coding-demo-openai-5e1f", "sk-ant-coding-demo-77c2d9"}) {
            QVERIFY(!markdown.toUtf8().contains(secret));
            QVERIFY(!run.out.toUtf8().contains(secret) && !run.err.toUtf8().contains(secret));
            for (const RunEvent& e : store->events(record.id).value())
                QVERIFY(!toBytes(e.payload).contains(secret));
        }
    }

    void theReviewShowsTheCodingStep()
    {
        QVERIFY(!m_runId.isEmpty());
        EngineOptions options;
        options.databasePath = path("o.db");
        options.reportsDir = path("reports");
        auto engine = Engine::create(options).value();
        ui::Session session(engine.get(), false, options.databasePath);
        ui::Translator translator;
        ui::SettingsController settings(path("orchestratord.json"),
                                        desktop::settingsServices(engine.get()));
        QQmlApplicationEngine qml;
        translator.setEngine(&qml);
        translator.setLanguage(QStringLiteral("en"));
        qml.addImportPath(QStringLiteral("qrc:/"));
        qml.setInitialProperties({{"session", QVariant::fromValue(&session)},
                                  {"translator", QVariant::fromValue(&translator)},
                                  {"settings", QVariant::fromValue(&settings)}});
        qml.load(QUrl(QStringLiteral("qrc:/Orchestrator/Ui/qml/Main.qml")));
        QCOMPARE(qml.rootObjects().size(), 1);
        auto* window = qobject_cast<QQuickWindow*>(qml.rootObjects().first());
        QVERIFY(window);
        window->resize(1280, 800);
        QMetaObject::invokeMethod(window, "openRun", Q_ARG(QVariant, m_runId));
        window->setProperty("currentSection", 1);
        QQuickItem* activity = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (activity = findShowing(window->contentItem(), "stepActivity", "Write routes.py")),
            10000);
        QVERIFY(activity->property("text").toString().contains("Bash: make test"));
        QTest::qWait(300);
        QVERIFY(window->grabWindow().save(BUILD_DIR "/screenshots/coding/review.png"));
    }

    void cleanupTestCase()
    {
        runCli(QStringList{"teardown"} + m_deployArgs);
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(path("deploy/caddy/admin.sock")), 10000);
    }
};

QTEST_MAIN(TestCodingDemo)
#include "tst_coding_demo.moc"
