#pragma once
// What the desktop model tests share: a real in-process engine behind a Session, its models
// answered by the scripted fake model server, and QAbstractItemModelTester on every model.

#include "ScriptedModel.h"
#include "Session.h"
#include "TestGraphs.h"
#include "runtime/GraphCatalog.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace orch::test {

struct UiHarness
{
    FakeLlmServer server;
    ScriptedModel model;
    std::unique_ptr<TestEngine> testEngine;
    std::unique_ptr<ui::Session> session;

    bool listen() { return server.listen(); }
    // A fresh engine and session; agents without a script answer "done".
    void start()
    {
        model = ScriptedModel();
        server.reset();
        server.setHandler(model.handler());
        model.setFallback(
            [](const QString&, const Json&) { return FakeReply::openAiText("done", 1000, 100); });
        testEngine = std::make_unique<TestEngine>(server);
        session = std::make_unique<ui::Session>(testEngine->engine.get(), false,
                                                QStringLiteral("test.db"));
    }
    void stop()
    {
        session.reset();
        testEngine.reset();
    }
    Engine& engine() { return *testEngine->engine; }
    // Makes a graph of one terminal agent "a" with `tools` the version new runs use.
    bool useOneAgent(const Json& tools)
    {
        return inside(engine())
            .graphs()
            .save(testGraph("a", {testAgent("a", {{"tools", tools}, {"terminal", true}})},
                            Json::array()))
            .ok();
    }
    template <typename Model> static void watch(Model& model)
    {
        new QAbstractItemModelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     &model);
    }
};

} // namespace orch::test
