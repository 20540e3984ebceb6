#pragma once
// A real engine whose coding agents are the stand-ins (tests/support/standins/claude and
// codex, or a test's own script) talking to the fake model server, with their keys in the
// vault; and the one-node graph that runs a coding agent, then a terminal agent.

#include "EngineInternals.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "vault/Vault.h"

namespace orch::test {

inline const char* kCodingKey = "sk-coding-test-9f8e7d6c5b4a";

inline Json codingGraph(const Json& coding = Json::object())
{
    Json settings = {{"program", "claude"},
                     {"model", "claude-sonnet-4-5"},
                     {"key_secret", "key:coding"},
                     {"max_minutes", 2}};
    for (auto it = coding.begin(); it != coding.end(); ++it)
        settings[it.key()] = it.value();
    return testGraph("coder",
                     {{{"id", "coder"}, {"kind", "coding_agent"}, {"coding", settings}},
                      testAgent("done", {{"terminal", true}})},
                     {{{"from", "coder"}, {"to", "done"}, {"when", "tests.passed"}}});
}

// programs: program → executable (default: the stand-ins). `options` receives the engine's
// options as they were, so a test can start another engine on the same files.
inline std::unique_ptr<TestEngine> codingEngine(const FakeLlmServer& server,
                                                std::map<QString, QString> programs = {},
                                                EngineOptions* options = nullptr,
                                                const TestEngine::Adjust& adjust = {})
{
    const quint16 port = server.port();
    for (const char* name : {"claude", "codex"})
        programs.try_emplace(QLatin1String(name),
                             QStringLiteral(SOURCE_DIR "/tests/support/standins/") +
                                 QLatin1String(name));
    auto t = std::make_unique<TestEngine>(server, false, 2, 20000, [&](EngineOptions& o) {
        o.codingAgents.paths = programs;
        o.codingAgents.baseUrls[QStringLiteral("claude")] =
            QStringLiteral("http://127.0.0.1:%1").arg(port);
        o.codingAgents.baseUrls[QStringLiteral("codex")] =
            QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
        if (adjust)
            adjust(o);
        if (options)
            *options = o;
    });
    auto vault = inside(*t->engine).vault();
    if (!vault || !vault.value()->put(QStringLiteral("key:coding"), kCodingKey))
        qFatal("no vault");
    return t;
}

} // namespace orch::test
