// Graph validation: every kind of error is reported with its JSON path, and an invalid
// graph is never returned.

#include "TestGraphs.h"
#include "graph/GraphLoader.h"
#include "tools/ToolRegistry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestGraphLoader : public QObject
{
    Q_OBJECT

    GraphLoader loader() const { return GraphLoader(ToolRegistry::withBuiltins()->names(), {}); }
    static Json validGraph()
    {
        return testGraph(
            "a",
            Json::array({testAgent("a", {{"tools", {"write_spec"}}, {"handoffs", {"b"}}}),
                         testAgent("b", {{"terminal", true}})}),
            Json::array({{{"from", "a"}, {"to", "b"}, {"when", "spec"}}}));
    }

private slots:
    void acceptsValidGraph()
    {
        LoadedGraph loaded = loader().loadJson(validGraph(), {});
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorText()));
        QCOMPARE(loaded.graph->agents.size(), size_t(2));
        QCOMPARE(loaded.graph->agent("a")->prompt, QStringLiteral("agent:a"));
        QCOMPARE(loaded.graph->edges[0].when.text(), QStringLiteral("spec"));
        QVERIFY(loaded.graph->agent("b")->terminal);
    }

    void graphsSavedBeforeTheCheckSheetStillLoad()
    {
        // A stored graph names the Tester's retired tools: http_probe became check_http and
        // record_probes is gone (the check sheet is kept by the engine).
        Json graph = validGraph();
        graph["agents"][0]["tools"] = {"http_probe", "record_probes", "check_http", "write_spec"};
        LoadedGraph loaded = loader().loadJson(graph, {});
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorText()));
        QCOMPARE(loaded.graph->agent("a")->tools,
                 QStringList({QStringLiteral("check_http"), QStringLiteral("write_spec")}));
        graph["agents"][0]["tools"] = {"record_probez"};
        QVERIFY(!loader().loadJson(graph, {}).ok());
    }

    void loadsBundledDefaultGraph()
    {
        LoadedGraph loaded = loader().loadFile(QStringLiteral(":/graphs/default.json"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorText()));
        QCOMPARE(loaded.graph->agents.size(), size_t(7));
        for (const auto& agent : loaded.graph->agents)
            QVERIFY2(agent.prompt.size() > 200, qPrintable(agent.id));
        // The stored version carries prompts inline.
        QVERIFY(loaded.graph->source["agents"][0]["prompt"].is_object());
    }

    // Claude Code as the Developer: its settings are read, and what is wrong with them is
    // said at its path (one graph, every mistake at once).
    void acceptsACodingAgentAndChecksItsSettings()
    {
        Json g = validGraph();
        g["agents"][1] = {{"id", "b"},
                          {"kind", "coding_agent"},
                          {"terminal", true},
                          {"coding",
                           {{"program", "claude"},
                            {"model", "claude-sonnet-4-5"},
                            {"settings", {{"max-turns", 40}, {"no-color", true}}},
                            {"max_minutes", 20},
                            {"max_cost_usd", 2.5},
                            {"key_secret", "key:anthropic"}}}};
        LoadedGraph loaded = loader().loadJson(g, {});
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorText()));
        const AgentDefinition* coder = loaded.graph->agent("b");
        QCOMPARE(coder->kind, QStringLiteral("coding_agent"));
        QCOMPARE(coder->coding.program, QStringLiteral("claude"));
        QCOMPARE(coder->coding.model, QStringLiteral("claude-sonnet-4-5"));
        QCOMPARE(coder->coding.maxMinutes, 20);
        QCOMPARE(coder->coding.maxCostUsd, 2.5);
        QCOMPARE(coder->coding.keySecret, QStringLiteral("key:anthropic"));
        QCOMPARE(coder->coding.settings["max-turns"], 40);

        g["agents"][1]["coding"] = {{"program", "command"},
                                    {"command", {"aider", "--message-file", "{task_file}"}}};
        loaded = loader().loadJson(g, {});
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorText()));
        QCOMPARE(loaded.graph->agent("b")->coding.command.size(), 3);

        g["agents"][1]["tools"] = {"write_file"};
        g["agents"][1]["action"] = "x";
        g["agents"][1]["coding"] = {{"program", "cursor"},
                                    {"command", {"x"}},
                                    {"settings", {{"Bad Flag", 1}, {"deep", {{"a", 1}}}}},
                                    {"max_minutes", 0},
                                    {"max_cost_usd", -1},
                                    {"key_secret", "ANTHROPIC_API_KEY"},
                                    {"colour", "red"}};
        g["agents"][0]["coding"] = {{"program", "claude"}};
        loaded = loader().loadJson(g, {});
        QVERIFY(!loaded.ok());
        const QString text = loaded.errorText();
        for (const char* expected :
             {"$.agents[1].coding.program", "$.agents[1].coding.command",
              "$.agents[1].coding.settings.Bad Flag", "$.agents[1].coding.settings.deep",
              "$.agents[1].coding.max_minutes", "$.agents[1].coding.max_cost_usd",
              "$.agents[1].coding.key_secret", "$.agents[1].coding.colour", "$.agents[1].tools",
              "$.agents[1].action", "$.agents[0].coding"})
            QVERIFY2(text.contains(QLatin1String(expected)), qPrintable(expected + text));
        // Its own sandbox and output are the orchestrator's to set.
        g = validGraph();
        g["agents"][1] = {{"id", "b"},
                          {"kind", "coding_agent"},
                          {"terminal", true},
                          {"coding",
                           {{"program", "codex"},
                            {"key_secret", "key:openai"},
                            {"settings", {{"sandbox", "read-only"}, {"json", false}}}}}};
        const QString reserved = loader().loadJson(g, {}).errorText();
        QVERIFY2(reserved.contains(QLatin1String("the orchestrator sets --sandbox itself")),
                 qPrintable(reserved));
        QVERIFY(reserved.contains(QLatin1String("$.agents[1].coding.settings.json")));
        // A command that never names the task file, and none at all.
        g = validGraph();
        g["agents"][1] = {{"id", "b"},
                          {"kind", "coding_agent"},
                          {"terminal", true},
                          {"coding", {{"program", "command"}, {"command", {"aider", "--yes"}}}}};
        QVERIFY(loader().loadJson(g, {}).errorText().contains(QLatin1String("{task_file}")));
        g["agents"][1].erase("coding");
        QVERIFY(loader().loadJson(g, {}).errorText().contains(QLatin1String("$.agents[1].coding")));
    }

    void reportsErrorWithPath_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong format") << "format"
                                      << "$.format"
                                      << "must be";
        QTest::newRow("missing entry") << "no-entry"
                                       << "$.entry"
                                       << "is required";
        QTest::newRow("unknown entry") << "entry"
                                       << "$.entry"
                                       << "unknown agent 'zzz'";
        QTest::newRow("unknown root key") << "root-key"
                                          << "$.colour"
                                          << "unknown key";
        QTest::newRow("unknown agent key") << "agent-key"
                                           << "$.agents[1].colour"
                                           << "unknown key";
        QTest::newRow("duplicate id") << "duplicate"
                                      << "$.agents[1].id"
                                      << "duplicate agent id";
        QTest::newRow("bad id") << "bad-id"
                                << "$.agents[0].id"
                                << "must match";
        QTest::newRow("unknown tool") << "tool"
                                      << "$.agents[0].tools[1]"
                                      << "unknown tool 'teleport'";
        QTest::newRow("unknown handoff") << "handoff"
                                         << "$.agents[0].handoffs[0]"
                                         << "unknown agent 'ghost'";
        QTest::newRow("edge unknown to") << "edge-to"
                                         << "$.edges[0].to"
                                         << "unknown agent 'ghost'";
        QTest::newRow("edge unknown from") << "edge-from"
                                           << "$.edges[0].from"
                                           << "unknown agent 'ghost'";
        QTest::newRow("bad when") << "when"
                                  << "$.edges[0].when"
                                  << "is not \"always\"";
        QTest::newRow("wrong type") << "type"
                                    << "$.agents[0].max_turns"
                                    << "must be an integer";
        QTest::newRow("temperature range") << "temperature"
                                           << "$.agents[0].temperature"
                                           << "between 0 and 2";
        QTest::newRow("unknown model profile") << "model"
                                               << "$.agents[0].model"
                                               << "unknown model profile";
        QTest::newRow("bad provider name") << "provider"
                                           << "$.models.default.provider"
                                           << "is not a provider name";
        QTest::newRow("missing prompt file") << "prompt-file"
                                             << "$.agents[0].prompt"
                                             << "cannot read prompt file";
        QTest::newRow("max_steps") << "max-steps"
                                   << "$.limits.max_steps"
                                   << "at least 1";
        QTest::newRow("builtin without action") << "builtin"
                                                << "$.agents[1].action"
                                                << "is required";
        QTest::newRow("empty agents") << "no-agents"
                                      << "$.agents"
                                      << "at least one agent";
    }

    void reportsErrorWithPath()
    {
        QFETCH(QString, mutation);
        QFETCH(QString, path);
        QFETCH(QString, message);
        Json g = validGraph();
        const std::string m = mutation.toStdString();
        if (m == "format")
            g["format"] = "graph/0";
        if (m == "no-entry")
            g.erase("entry");
        if (m == "entry")
            g["entry"] = "zzz";
        if (m == "root-key")
            g["colour"] = "blue";
        if (m == "agent-key")
            g["agents"][1]["colour"] = "red";
        if (m == "duplicate")
            g["agents"][1]["id"] = "a";
        if (m == "bad-id")
            g["agents"][0]["id"] = "Bad Id";
        if (m == "tool")
            g["agents"][0]["tools"] = {"write_spec", "teleport"};
        if (m == "handoff")
            g["agents"][0]["handoffs"] = {"ghost"};
        if (m == "edge-to")
            g["edges"][0]["to"] = "ghost";
        if (m == "edge-from")
            g["edges"][0]["from"] = "ghost";
        if (m == "when")
            g["edges"][0]["when"] = "tests passed!";
        if (m == "type")
            g["agents"][0]["max_turns"] = "ten";
        if (m == "temperature")
            g["agents"][0]["temperature"] = 3.5;
        if (m == "model")
            g["agents"][0]["model"] = "huge";
        if (m == "provider")
            g["models"]["default"]["provider"] = "Oracle Cloud!";
        if (m == "prompt-file")
            g["agents"][0]["prompt"] = "missing/prompt.md";
        if (m == "max-steps")
            g["limits"]["max_steps"] = 0;
        if (m == "builtin")
            g["agents"][1] = {{"id", "b"}, {"kind", "builtin"}, {"terminal", true}};
        if (m == "no-agents")
            g["agents"] = Json::array();

        QTemporaryDir dir;
        LoadedGraph loaded = loader().loadJson(g, dir.path());
        QVERIFY(!loaded.ok());
        QVERIFY(!loaded.graph);
        bool found = false;
        for (const auto& issue : loaded.issues)
            found = found || (issue.path == path && issue.message.contains(message));
        QVERIFY2(found, qPrintable(QStringLiteral("expected %1: %2, got:\n%3")
                                       .arg(path, message, loaded.errorText())));
    }

    void promptsIncludeTheSharedRules()
    {
        LoadedGraph bundled = loader().loadFile(QStringLiteral(":/graphs/default.json"));
        QVERIFY(bundled.ok());
        for (const AgentDefinition& agent : bundled.graph->agents) {
            QVERIFY2(agent.prompt.contains("## How your turns work"), qPrintable(agent.id));
            QVERIFY2(!agent.prompt.contains("{{include"), qPrintable(agent.id));
        }
        // A graph's own prompt files: includes resolve beside the prompt, one level deep;
        // a missing file or one outside the folder is an error naming the prompt.
        QTemporaryDir dir;
        auto write = [&](const QString& name, const QByteArray& text) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        };
        write("rules.md", "RULES\n{{include rules.md}}\n");
        write("a.md", "agent a\n{{include rules.md}}\n");
        write("b.md", "agent b\n{{include ../etc/passwd}}\n{{include .hidden}}\n");
        Json g = validGraph();
        g["agents"][0]["prompt"] = "a.md";
        LoadedGraph loaded = loader().loadJson(g, dir.path());
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorText()));
        QCOMPARE(loaded.graph->agents[0].prompt, QStringLiteral("agent a\nRULES\n"));
        g["agents"][0]["prompt"] = "b.md";
        QVERIFY(loader().loadJson(g, dir.path()).errorText().contains("cannot include '.hidden'"));
        write("c.md", "{{include nowhere.md}}");
        g["agents"][0]["prompt"] = "c.md";
        QVERIFY(
            loader().loadJson(g, dir.path()).errorText().contains("cannot include 'nowhere.md'"));
    }

    // A stored version keeps each agent's own text with its include line and the shared rules
    // once, beside the prompts; loaded again it gives the same prompts. Inline text includes
    // only what the document carries, never a file.
    void storedVersionsKeepTheSharedRulesApart()
    {
        LoadedGraph bundled = loader().loadFile(QStringLiteral(":/graphs/default.json"));
        QVERIFY(bundled.ok());
        const Json& source = bundled.graph->source;
        QVERIFY(toQ(source["shared_prompts"]["rules.md"]).contains("## How your turns work"));
        for (const Json& agent : source["agents"])
            if (agent.contains("prompt")) {
                const QString text = toQ(agent["prompt"]["text"]);
                QVERIFY2(text.contains("{{include rules.md}}"), qPrintable(text.left(80)));
                QVERIFY(!text.contains("## How your turns work"));
            }
        LoadedGraph again = loader().loadJson(source, QString());
        QVERIFY2(again.ok(), qPrintable(again.errorText()));
        for (size_t i = 0; i < again.graph->agents.size(); ++i)
            QCOMPARE(again.graph->agents[i].prompt, bundled.graph->agents[i].prompt);

        QTemporaryDir dir;
        QFile secret(dir.filePath("vault.key"));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("SECRET");
        secret.close();
        Json g = validGraph();
        g["agents"][0]["prompt"] = {{"text", "mine\n{{include vault.key}}\n"}};
        QVERIFY(
            loader().loadJson(g, dir.path()).errorText().contains("cannot include 'vault.key'"));
        g["shared_prompts"] = {{"house.md", "HOUSE RULES"}};
        g["agents"][0]["prompt"] = {{"text", "mine\n{{include house.md}}\n"}};
        LoadedGraph own = loader().loadJson(g, QString());
        QVERIFY2(own.ok(), qPrintable(own.errorText()));
        QCOMPARE(own.graph->agents[0].prompt, QString("mine\nHOUSE RULES"));

        g["shared_prompts"] = {{"../x", "a"}, {"n.md", 5}, {"big.md", std::string(70000, 'x')}};
        const QString problems = loader().loadJson(g, QString()).errorText();
        for (const char* expected :
             {"$.shared_prompts.../x: a shared prompt's name",
              "$.shared_prompts.n.md: must be the text", "$.shared_prompts.big.md: longer than"})
            QVERIFY2(problems.contains(expected), qPrintable(problems));
        Json many = Json::object();
        for (int i = 0; i < 17; ++i)
            many["p" + std::to_string(i)] = "x";
        g["shared_prompts"] = many;
        QVERIFY(loader().loadJson(g, QString()).errorText().contains("at most 16 shared prompts"));
    }

    void reportsEveryErrorAtOnce()
    {
        Json g = validGraph();
        g["entry"] = "zzz";
        g["agents"][0]["tools"] = {"teleport"};
        g["edges"][0]["when"] = "";
        LoadedGraph loaded = loader().loadJson(g, {});
        QCOMPARE(loaded.issues.size(), size_t(3));
    }

    void rejectsMalformedJson()
    {
        LoadedGraph loaded = loader().loadBytes("{\"format\": ", {});
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.issues.front().path, QStringLiteral("$"));
        QVERIFY(loaded.issues.front().message.contains(QStringLiteral("not valid JSON")));
    }

    void resolvesPromptFilesRelativeToGraph()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkdir(QStringLiteral("prompts"));
        QFile prompt(dir.filePath(QStringLiteral("prompts/a.md")));
        QVERIFY(prompt.open(QIODevice::WriteOnly));
        prompt.write("You are A.");
        prompt.close();
        Json g = validGraph();
        g["agents"][0]["prompt"] = "prompts/a.md";
        QFile file(dir.filePath(QStringLiteral("graph.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toBytes(g));
        file.close();
        LoadedGraph loaded = loader().loadFile(file.fileName());
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorText()));
        QCOMPARE(loaded.graph->agent("a")->prompt, QStringLiteral("You are A."));
    }
};

QTEST_GUILESS_MAIN(TestGraphLoader)
#include "tst_graph_loader.moc"
