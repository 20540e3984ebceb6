#pragma once
// Graph documents and engines for tests: every agent's prompt is "agent:<id>" so the
// ScriptedModel can tell who is calling.

#include "EngineInternals.h"
#include "FakeLlmServer.h"
#include "facade/Engine.h"

#include <QTemporaryDir>
#include <memory>

namespace orch::test {

// An LLM agent object with the test prompt; extra keys are merged in.
Json testAgent(const std::string& id, Json extra = Json::object());
// A graph document with one "default" openai profile.
Json testGraph(const std::string& entry, Json agents, Json edges, int maxSteps = 200);
// A chain a1 → a2 → … → aN (edges "always"; the last agent terminal).
Json chainGraph(int length);

// Writes a graph document to `dir/name` and returns the path.
QString writeGraphFile(const QTemporaryDir& dir, const Json& document,
                       const QString& name = QStringLiteral("graph.json"));

// An in-process engine on a temporary database, all models sent to `server`.
struct TestEngine
{
    QTemporaryDir dir;
    std::unique_ptr<Engine> engine;

    // adjust: changes the default options (budgets, pricing) before the engine starts.
    using Adjust = std::function<void(EngineOptions&)>;
    explicit TestEngine(const FakeLlmServer& server, bool stream = false, int attempts = 2,
                        int timeoutMs = 5000, const Adjust& adjust = {});

    GraphPtr graph(const Json& document) const; // QFAIL-free: null on invalid graphs
    // Starts and waits until the run stops; returns its final record.
    RunRecord runToEnd(const Json& graphDocument, const QString& description = "test project",
                       int timeoutMs = 20000);
    RunRecord waitForStop(const QString& runId, int timeoutMs = 20000);
    // Answers the waiting run and returns its record once it stopped again.
    RunRecord answerAndWait(const QString& runId, const QString& text, int timeoutMs = 20000);

private:
    RunRecord stopAfter(const QString& runId, const std::function<void()>& action, int timeoutMs);
};

} // namespace orch::test
