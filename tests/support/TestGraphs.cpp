#include "TestGraphs.h"

#include "store/RunStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

namespace orch::test {

Json testAgent(const std::string& id, Json extra)
{
    Json agent = {
        {"id", id}, {"kind", "llm"}, {"model", "default"}, {"prompt", {{"text", "agent:" + id}}}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        agent[it.key()] = it.value();
    return agent;
}

Json testGraph(const std::string& entry, Json agents, Json edges, int maxSteps)
{
    return {{"format", kGraphFormat},
            {"name", "test"},
            {"entry", entry},
            {"limits", {{"max_steps", maxSteps}}},
            {"models", {{"default", {{"provider", "openai"}, {"model", "fake-model"}}}}},
            {"agents", std::move(agents)},
            {"edges", std::move(edges)}};
}

Json chainGraph(int length)
{
    Json agents = Json::array();
    Json edges = Json::array();
    for (int i = 1; i <= length; ++i) {
        const std::string id = "a" + std::to_string(i);
        agents.push_back(testAgent(id, {{"terminal", i == length}}));
        if (i < length)
            edges.push_back(
                {{"from", id}, {"to", "a" + std::to_string(i + 1)}, {"when", "always"}});
    }
    return testGraph("a1", agents, edges);
}

QString writeGraphFile(const QTemporaryDir& dir, const Json& document, const QString& name)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toBytes(document)) < 0)
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

TestEngine::TestEngine(const FakeLlmServer& server, bool stream, int attempts, int timeoutMs,
                       const Adjust& adjust)
{
    EngineOptions options;
    options.databasePath = dir.filePath(QStringLiteral("test.db"));
    options.workspaceRoot = dir.filePath(QStringLiteral("workspaces"));
    options.tools.git.remoteRoot = dir.filePath(QStringLiteral("remotes"));
    options.reportsDir = dir.filePath(QStringLiteral("reports"));
    ProviderEndpoint endpoint;
    endpoint.baseUrl = server.baseUrl();
    endpoint.timeoutMs = timeoutMs;
    endpoint.retry.maxAttempts = attempts;
    endpoint.retry.baseDelayMs = 10;
    options.llm.overrideEndpoint = endpoint;
    options.llm.stream = stream;
    if (adjust)
        adjust(options);
    auto created = Engine::create(std::move(options));
    if (created)
        engine = std::move(created).value();
    else
        qWarning("engine: %s", qPrintable(created.error()));
}

GraphPtr TestEngine::graph(const Json& document) const
{
    LoadedGraph loaded = inside(*engine).graphLoader().loadJson(document, {});
    if (!loaded.ok())
        qWarning("invalid test graph: %s", qPrintable(loaded.errorText()));
    return loaded.graph;
}

RunRecord TestEngine::waitForStop(const QString& runId, int timeoutMs)
{
    return stopAfter(
        runId, [] {}, timeoutMs);
}

RunRecord TestEngine::answerAndWait(const QString& runId, const QString& text, int timeoutMs)
{
    return stopAfter(
        runId,
        [&] {
            if (auto answered = inside(*engine).answer(runId, text); !answered)
                qWarning("answer failed: %s", qPrintable(answered.error()));
        },
        timeoutMs);
}

RunRecord TestEngine::stopAfter(const QString& runId, const std::function<void()>& action,
                                int timeoutMs)
{
    RunRecord result;
    bool done = false;
    auto connection = QObject::connect(engine.get(), &EngineApi::runStopped, engine.get(),
                                       [&](const RunRecord& run) {
                                           if (run.id == runId) {
                                               result = run;
                                               done = true;
                                           }
                                       });
    action(); // may stop the run at once (another queued question), before any event loop
    (void)QTest::qWaitFor([&] { return done; }, timeoutMs);
    QObject::disconnect(connection);
    if (!done)
        if (auto stored = inside(*engine).store().run(runId))
            result = stored.value();
    return result;
}

RunRecord TestEngine::runToEnd(const Json& graphDocument, const QString& description, int timeoutMs)
{
    GraphPtr g = graph(graphDocument);
    if (!g)
        return {};
    auto runId = inside(*engine).startRun(description, g);
    if (!runId) {
        qWarning("start failed: %s", qPrintable(runId.error()));
        return {};
    }
    return waitForStop(runId.value(), timeoutMs);
}

} // namespace orch::test
