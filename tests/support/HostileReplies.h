#pragma once
// Helpers of the hostile-reply suites: the tool results a request carries, a graph with every
// tool, and replies in either protocol's shape.

#include "FakeLlmServer.h"
#include "TestGraphs.h"
#include "tools/ToolRegistry.h"

#include <QTest>
#include <map>

namespace orch::test {

// tool_call_id → content of every tool result in a recorded request.
inline std::map<std::string, std::string> toolResults(const Json& request)
{
    std::map<std::string, std::string> results;
    for (const Json& message : arrayAt(request, "messages")) {
        if (stringOr(message, "role") == "tool")
            results[stringOr(message, "tool_call_id")] = stringOr(message, "content");
        for (const Json& block : arrayAt(message, "content")) // Anthropic
            if (stringOr(block, "type") == "tool_result")
                results[stringOr(block, "tool_use_id")] = stringOr(block, "content");
    }
    return results;
}

// One terminal agent allowed every tool but handoff, on a model with a known price.
inline Json everyToolGraph()
{
    Json tools = Json::array();
    for (const QString& name : ToolRegistry::withBuiltins()->names())
        // The scripts end the run with a plain reply, which `finish` would not accept.
        if (name != QLatin1String("handoff") && name != QLatin1String("finish"))
            tools.push_back(toStd(name));
    Json graph =
        testGraph("a", {testAgent("a", {{"tools", tools}, {"terminal", true}, {"max_turns", 60}})},
                  Json::array());
    graph["models"]["default"]["model"] = "gpt-4o-mini";
    return graph;
}

// The protocol a data-driven test speaks ("openai" or "anthropic"): the engine's setting, a
// graph on one of its priced models, and replies in its shape.
struct Protocol
{
    QString kind;

    TestEngine::Adjust adjust(TestEngine::Adjust more = {}) const
    {
        return [kind = kind, more](EngineOptions& o) {
            o.llm.overrideKind = kind;
            if (kind == QLatin1String("anthropic")) // its API refuses a request without one
                o.llm.overrideEndpoint->apiKey = "ak-test-key";
            if (more)
                more(o);
        };
    }
    Json graph() const
    {
        Json g = everyToolGraph();
        if (kind == QLatin1String("anthropic"))
            g["models"]["default"] = {{"provider", "anthropic"}, {"model", "claude-sonnet-4-5"}};
        return g;
    }
    FakeReply text(const std::string& content) const
    {
        return kind == QLatin1String("anthropic") ? FakeReply::anthropicText(content)
                                                  : FakeReply::openAiText(content);
    }
    FakeReply calls(const std::vector<ToolCall>& calls) const
    {
        return kind == QLatin1String("anthropic") ? FakeReply::anthropicToolUse(calls)
                                                  : FakeReply::openAiToolCalls(calls);
    }
};

inline void protocolRows()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("openai") << QStringLiteral("openai");
    QTest::newRow("anthropic") << QStringLiteral("anthropic");
}

inline FakeReply openAiBody(Json body)
{
    return FakeReply::raw(200, toBytes(body));
}

inline Json openAiReply(Json message, Json usage, const std::string& finish = "stop")
{
    return {
        {"id", "x"},
        {"model", "gpt-4o-mini"},
        {"choices", {{{"index", 0}, {"message", std::move(message)}, {"finish_reason", finish}}}},
        {"usage", std::move(usage)}};
}

inline QByteArray sseData(const Json& data)
{
    return "data: " + toBytes(data) + "\n\n";
}

inline FakeReply sseReply(QList<QByteArray> chunks)
{
    FakeReply reply;
    reply.stream = true;
    reply.chunks = std::move(chunks);
    return reply;
}

} // namespace orch::test
