// Named providers side by side: one graph whose agents use two endpoints of the same protocol
// (a hosted OpenAI-compatible API and a local Ollama), each with its own key, headers and
// model; a profile naming a provider the settings do not have refuses to start, naming the
// ones they do.

#include "ScriptedModel.h"
#include "TestGraphs.h"

#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

ProviderEndpoint endpointOf(const FakeLlmServer& server)
{
    ProviderEndpoint endpoint;
    endpoint.baseUrl = server.baseUrl();
    endpoint.timeoutMs = 5000;
    endpoint.retry.maxAttempts = 1;
    return endpoint;
}

Json twoProviderGraph(const std::string& secondProvider)
{
    Json graph = testGraph("planner",
                           {testAgent("planner", {{"handoffs", {"coder"}}, {"tools", {"handoff"}}}),
                            testAgent("coder", {{"model", "local"}, {"terminal", true}})},
                           Json::array());
    graph["models"] = {{"default", {{"provider", "openai"}, {"model", "gpt-4o-mini"}}},
                       {"local", {{"provider", secondProvider}, {"model", "qwen2.5-coder"}}}};
    return graph;
}

} // namespace

class TestNamedProviders : public QObject
{
    Q_OBJECT

    ScriptedServer m_hosted;
    ScriptedServer m_local;

    TestEngine engine()
    {
        return TestEngine(m_hosted.server, false, 1, 5000, [this](EngineOptions& options) {
            options.llm.overrideEndpoint.reset();
            ProviderEndpoint hosted = endpointOf(m_hosted.server);
            hosted.apiKey = "sk-hosted";
            ProviderEndpoint local = endpointOf(m_local.server);
            local.headers = {{"X-Tenant", "team-7"}};
            options.llm.endpoints = {{"openai", hosted}, {"ollama", local}};
            options.llm.kinds = {{"ollama", "openai"}};
        });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_hosted.listen());
        QVERIFY(m_local.listen());
    }
    void init()
    {
        m_hosted.reset();
        m_local.reset();
    }

    void eachAgentTalksToItsOwnProvider()
    {
        TestEngine t = engine();
        m_hosted.model.script("planner", {FakeReply::openAiToolCalls({handoffCall("coder")})});
        m_local.model.script("coder", {FakeReply::openAiText("written")});
        const RunRecord run = t.runToEnd(twoProviderGraph("ollama"));
        QCOMPARE(run.status, RunStatus::Completed);

        QCOMPARE(m_hosted.server.requestCount(), 1);
        const RecordedRequest hosted = m_hosted.server.requests().at(0);
        QCOMPARE(hosted.json()["model"], "gpt-4o-mini");
        QCOMPARE(hosted.header("authorization"), QByteArray("Bearer sk-hosted"));
        QVERIFY(hosted.header("x-tenant").isEmpty());

        QCOMPARE(m_local.server.requestCount(), 1);
        const RecordedRequest local = m_local.server.requests().at(0);
        QCOMPARE(local.json()["model"], "qwen2.5-coder");
        QCOMPARE(local.header("x-tenant"), QByteArray("team-7"));
        QVERIFY(local.header("authorization").isEmpty()); // the other provider's key stays there
    }

    void anUnconfiguredProviderRefusesToStart()
    {
        TestEngine t = engine();
        GraphPtr graph = t.graph(twoProviderGraph("openrouter"));
        QVERIFY(graph);
        auto started = inside(*t.engine).startRun(QStringLiteral("test"), graph);
        QVERIFY(!started);
        QVERIFY2(started.error().contains("no endpoint configured for provider 'openrouter'") &&
                     started.error().contains("configured: ollama, openai"),
                 qPrintable(started.error()));
        QCOMPARE(m_hosted.server.requestCount() + m_local.server.requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestNamedProviders)
#include "tst_named_providers.moc"
