// Hostile and sloppy model replies, one bad reply class per run, against local stand-ins that
// speak the OpenAI and Anthropic protocols: every run must end completed, failed or waiting
// with a reason naming the cause, and every tool call must get exactly one result (the test
// environment sets ORCH_STRICT_CONVERSATIONS=1, so a conversation that breaks the protocol
// aborts this process).

#include "HostileReplies.h"
#include "LocalPorts.h"
#include "ScriptedModel.h"
#include "deploy/DeploySettings.h"
#include "store/RunStore.h"

#include <QTest>

using namespace orch;
using namespace orch::test;

// A terminal agent's words end the run only after it did something: the scripts whose calls
// were all refused act once (harmlessly) before they say they are done.
FakeReply actsOnce()
{
    return FakeReply::openAiToolCalls({toolCall("list_files", Json::object(), "look")});
}

class TestHostileModel : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;

private slots:
    void initTestCase() { QVERIFY(m_fake.listen()); }
    void init() { m_fake.reset(); }

    // Every integer, number and boolean argument of every tool, sent as a word and as an
    // object: each call gets an error naming the argument and the type, and nothing runs.
    void wrongTypesForEveryNumericAndBooleanArgument()
    {
        TestEngine t(m_fake.server);
        struct Expected
        {
            std::string id;
            std::string argument;
        };
        std::vector<Expected> expected;
        std::vector<ToolCall> calls;
        auto registry = ToolRegistry::withBuiltins();
        for (const QString& name : registry->names()) {
            if (name == QLatin1String("handoff"))
                continue;
            const Json schema = registry->find(name)->spec().parameters;
            for (auto it = objectAt(schema, "properties").begin();
                 it != objectAt(schema, "properties").end(); ++it) {
                const std::string type = stringOr(*it, "type");
                if (type != "integer" && type != "number" && type != "boolean")
                    continue;
                for (const Json& bad : {Json("plenty"), Json{{"x", 1}}}) {
                    const std::string id = "c" + std::to_string(calls.size());
                    calls.push_back(toolCall(toStd(name), Json{{it.key(), bad}}, id));
                    expected.push_back({id, it.key()});
                }
            }
        }
        QVERIFY2(expected.size() >= 8, "the tools declare numeric and boolean arguments");
        // A quoted integer is converted without loss: git_log runs.
        calls.push_back(toolCall("git_log", {{"limit", "5"}}, "lossless"));
        std::vector<FakeReply> replies;
        for (size_t i = 0; i < calls.size(); i += 20)
            replies.push_back(FakeReply::openAiToolCalls(std::vector<ToolCall>(
                calls.begin() + long(i), calls.begin() + long(std::min(calls.size(), i + 20)))));
        replies.push_back(FakeReply::openAiText("done"));
        m_fake.model.script("a", std::move(replies));

        const RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        const auto results = toolResults(m_fake.lastRequest());
        for (const Expected& e : expected) {
            const auto found = results.find(e.id);
            QVERIFY2(found != results.end(), e.id.c_str());
            const std::string wanted = "argument '" + e.argument + "' must be";
            QVERIFY2(found->second.find(wanted) != std::string::npos, found->second.c_str());
        }
        QVERIFY(results.count("lossless"));
        QVERIFY2(results.at("lossless").find("must be") == std::string::npos,
                 results.at("lossless").c_str());
    }

    void malformedArgumentsAndUnknownTools()
    {
        TestEngine t(m_fake.server);
        m_fake.model.script("a", {FakeReply::openAiToolCalls(
                                      {{"bad_json", "read_file", "{\"path\": "},
                                       {"array", "read_file", "[1, 2]"},
                                       {"unknown", "rm_rf", "{}"},
                                       {"nameless", "", "{}"},
                                       {"extra", "read_file", "{\"path\": \"a\", \"mode\": 7}"},
                                       {"missing", "write_file", "{\"path\": \"a\"}"}}),
                                  actsOnce(), FakeReply::openAiText("done")});
        const RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        const auto results = toolResults(m_fake.server.requests().at(1).json());
        QCOMPARE(results.size(), size_t(6));
        QVERIFY(results.at("bad_json").find("not a JSON object") != std::string::npos);
        QVERIFY(results.at("array").find("not a JSON object") != std::string::npos);
        QVERIFY(results.at("unknown").find("tool 'rm_rf' is not available") != std::string::npos);
        QVERIFY(results.at("nameless").find("is not available") != std::string::npos);
        QVERIFY(results.at("extra").find("unknown argument 'mode'") != std::string::npos);
        QVERIFY(results.at("missing").find("missing argument 'content'") != std::string::npos);
    }

    // 30,000 calls in one reply: no recursion, the first 32 run, every other one gets an
    // error result, and the conversation stays valid.
    void nullNegativeAndMistypedUsage()
    {
        TestEngine t(m_fake.server);
        const Json call = Json::array(
            {{{"id", "c1"},
              {"type", "function"},
              {"function", {{"name", "read_file"}, {"arguments", "{\"path\":\"x\"}"}}}}});
        m_fake.model.script(
            "a", {openAiBody(openAiReply(
                      {{"role", "assistant"}, {"content", nullptr}, {"tool_calls", call}},
                      {{"prompt_tokens", nullptr}, {"completion_tokens", nullptr}}, "tool_calls")),
                  openAiBody(openAiReply({{"role", "assistant"}, {"content", "done"}},
                                         {{"prompt_tokens", -100}, {"completion_tokens", "12"}}))});
        const RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        const auto ledger = inside(*t.engine).store().ledger(run.id).value();
        QCOMPARE(ledger.size(), size_t(2));
        // Null counts are no counts: a known (zero) cost.
        QVERIFY(ledger[0].cost.has_value());
        QCOMPARE(ledger[0].usage.prompt, 0LL);
        // A negative count is refused: estimated tokens, unknown cost, never negative money.
        QVERIFY(!ledger[1].cost.has_value());
        QVERIFY(ledger[1].usage.prompt > 0);
        QVERIFY(ledger[1].usage.completion >= 0);
        bool warned = false;
        for (const RunEvent& e : inside(*t.engine).store().events(run.id).value())
            warned = warned || (e.kind == EventKind::Warning &&
                                dumpJson(e.payload).find("token counts") != std::string::npos);
        QVERIFY(warned);
    }

    void unpricedModelCountsAgainstTheRunsTokenLimit()
    {
        TestEngine t(m_fake.server, false, 2, 5000,
                     [](EngineOptions& o) { o.budgets.unpricedTokensPerRun = 20; });
        Json graph = everyToolGraph();
        graph["models"]["default"]["model"] = "no-such-priced-model";
        m_fake.model.script("a",
                            {FakeReply::openAiToolCalls({toolCall("read_file", {{"path", "x"}})}),
                             FakeReply::openAiText("done")});
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::WaitingBudget);
        QVERIFY2(run.reason.contains("unpriced_tokens_per_run"), qPrintable(run.reason));
        QCOMPARE(m_fake.model.callsFor("a"), 1);
    }

    void replyCutAtTheOutputLimit()
    {
        TestEngine t(m_fake.server);
        const Json call =
            Json::array({{{"id", "cut"},
                          {"type", "function"},
                          {"function",
                           {{"name", "write_file"},
                            {"arguments", "{\"path\": \"app.py\", \"content\": \"print("}}}}});
        m_fake.model.script(
            "a", {openAiBody(openAiReply(
                      {{"role", "assistant"}, {"content", nullptr}, {"tool_calls", call}},
                      {{"prompt_tokens", 10}, {"completion_tokens", 4096}}, "length")),
                  actsOnce(), FakeReply::openAiText("done")});
        const RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        QVERIFY(toolResults(m_fake.server.requests().at(1).json())
                    .at("cut")
                    .find("cut off at the output limit") != std::string::npos);
        QVERIFY(!QFile::exists(inside(*t.engine).store().project(run.projectId)->workspace +
                               "/app.py"));
    }

    // Two questions in one reply queue: the person answers them in order, each answer is the
    // result of its own call, and the agent goes on once both are in.
    void twoQuestionsInOneReply()
    {
        TestEngine t(m_fake.server);
        m_fake.model.script("a", {FakeReply::openAiToolCalls(
                                      {toolCall("ask_human", {{"question", "Which city?"}}, "q1"),
                                       toolCall("read_file", {{"path", "x"}}, "r1"),
                                       toolCall("ask_human", {{"question", "Which port?"}}, "q2")}),
                                  FakeReply::openAiText("done")});
        auto runId = inside(*t.engine).startRun("test project", t.graph(everyToolGraph()));
        QVERIFY(runId);
        RunRecord run = t.waitForStop(runId.value());
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        QCOMPARE(run.reason, QStringLiteral("Which city?"));
        run = t.answerAndWait(run.id, "Paris");
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        QCOMPARE(run.reason, QStringLiteral("Which port?"));
        QCOMPARE(m_fake.model.callsFor("a"), 1); // no model call until every question is answered
        run = t.answerAndWait(run.id, "8080");
        QCOMPARE(run.status, RunStatus::Completed);
        const auto results = toolResults(m_fake.lastRequest());
        QVERIFY(results.at("q1").find("Paris") != std::string::npos);
        QVERIFY(results.at("q2").find("8080") != std::string::npos);
        QVERIFY(results.at("r1").find("cannot read") != std::string::npos);
        int asked = 0;
        for (const RunEvent& e : inside(*t.engine).store().events(run.id).value())
            asked += e.kind == EventKind::QuestionAsked;
        QCOMPARE(asked, 2);
    }

    // A question next to an approval-gated deploy: both queue, the approval is recorded by code
    // from its own answer, and each call gets its answer as its result.
    void questionNextToAnApproval()
    {
        TestEngine t(m_fake.server, false, 2, 5000, [](EngineOptions& o) {
            DeploySettings& deploy = o.tools.deploy.settings;
            deploy.deployRoot = o.workspaceRoot + QStringLiteral("/../deploy");
            deploy.httpPort = freePort();
            deploy.httpsPort = freePort();
            deploy.domainSuffix =
                QStringLiteral("apps.example.com"); // a real domain: approval first
        });
        m_fake.model.script("a", {FakeReply::openAiToolCalls(
                                      {toolCall("ask_human", {{"question", "Which city?"}}, "q1"),
                                       toolCall("deploy", Json::object(), "d1")}),
                                  FakeReply::openAiText("understood")});
        auto runId = inside(*t.engine).startRun("test project", t.graph(everyToolGraph()));
        QVERIFY(runId);
        RunRecord run = t.waitForStop(runId.value());
        QCOMPARE(run.reason, QStringLiteral("Which city?"));
        run = t.answerAndWait(run.id, "Paris");
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        QVERIFY2(run.reason.startsWith("Deploy "), qPrintable(run.reason));
        run = t.answerAndWait(run.id, "reject");
        QCOMPARE(run.status, RunStatus::Completed);
        const Json state = inside(*t.engine).store().lastCheckpoint(run.id)->state;
        QVERIFY(state["approvals"]["deploy"] == Json(false));
        const auto results = toolResults(m_fake.lastRequest());
        QVERIFY(results.at("q1").find("Paris") != std::string::npos);
        QVERIFY(results.at("d1").find("reject") != std::string::npos);
    }

    // A question next to a handoff: the question wins, the handoff is not taken and says so.
    void questionNextToAHandoff()
    {
        TestEngine t(m_fake.server);
        const Json graph =
            testGraph("a",
                      {testAgent("a", {{"tools", {"ask_human"}}, {"handoffs", {"b"}}}),
                       testAgent("b", {{"terminal", true}})},
                      Json::array());
        m_fake.model.script("a", {FakeReply::openAiToolCalls(
                                      {handoffCall("b", "h1"),
                                       toolCall("ask_human", {{"question", "Sure?"}}, "q1")}),
                                  FakeReply::openAiToolCalls({handoffCall("b", "h2")})});
        m_fake.model.script("b", {FakeReply::openAiText("done")});
        auto runId = inside(*t.engine).startRun("test project", t.graph(graph));
        QVERIFY(runId);
        RunRecord run = t.waitForStop(runId.value());
        QCOMPARE(run.status, RunStatus::WaitingHuman);
        run = t.answerAndWait(run.id, "yes");
        QCOMPARE(run.status, RunStatus::Completed);
        const Json secondRequestOfA = m_fake.server.requests()[1].json();
        QVERIFY(toolResults(secondRequestOfA).at("h1").find("handoff not taken") !=
                std::string::npos);
    }

    void streamChunksWithWrongTypes()
    {
        TestEngine t(m_fake.server, true);
        auto chunk = [](Json delta, Json finish = nullptr) {
            return sseData(
                {{"model", "gpt-4o-mini"},
                 {"choices", {{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}}}});
        };
        // A quoted index is read as the number it is; a chunk whose choices or delta have the
        // wrong type is skipped; null usage counts are no counts.
        auto fragment = [](Json index, const char* id, const char* name, const char* arguments) {
            Json function = {{"arguments", arguments}};
            if (name)
                function["name"] = name;
            Json call = {{"index", std::move(index)}, {"function", std::move(function)}};
            if (id)
                call["id"] = id;
            return Json{{"tool_calls", Json::array({call})}};
        };
        Json nullUsage = {{"choices", Json::array()},
                          {"usage", {{"prompt_tokens", nullptr}, {"completion_tokens", nullptr}}}};
        m_fake.model.script("a", {sseReply({sseData({{"choices", "oops"}}), chunk(42),
                                            chunk(fragment("0", "s1", "read_file", "{\"path\"")),
                                            chunk(fragment("0", nullptr, nullptr, ":\"x\"}")),
                                            chunk(Json::object(), "tool_calls"), sseData(nullUsage),
                                            "data: [DONE]\n\n"}),
                                  FakeReply::openAiText("done")});
        RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        QVERIFY(toolResults(m_fake.lastRequest()).at("s1").find("cannot read 'x'") !=
                std::string::npos);

        // An index that is no number fails the step with the reason.
        m_fake.model.script("a",
                            {sseReply({chunk(fragment(Json{{"a", 1}}, "s2", "read_file", "{}")),
                                       chunk(Json::object(), "tool_calls"), "data: [DONE]\n\n"})});
        run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("streamed index"), qPrintable(run.reason));
    }

    void anthropicRepliesWithWrongTypes()
    {
        TestEngine t(m_fake.server, false, 2, 5000, [](EngineOptions& o) {
            o.llm.overrideKind = "anthropic";
            o.llm.overrideEndpoint->apiKey = "ak-test-key";
        });
        const Json reply = {{"type", "message"},
                            {"model", "claude-sonnet-4-5"},
                            {"stop_reason", "tool_use"},
                            {"content",
                             {{{"type", "tool_use"},
                               {"id", "u1"},
                               {"name", "read_file"},
                               {"input", "not an object"}},
                              {{"type", "tool_use"},
                               {"id", "u2"},
                               {"name", "git_log"},
                               {"input", {{"limit", true}}}},
                              "a block that is a string",
                              17}},
                            {"usage", {{"input_tokens", -5}, {"output_tokens", 1e30}}}};
        const Json done = {{"type", "message"},
                           {"stop_reason", "end_turn"},
                           {"content", {{{"type", "text"}, {"text", "done"}}}},
                           {"usage", nullptr}};
        m_fake.model.script(
            "a", {FakeReply::raw(200, toBytes(reply)),
                  FakeReply::anthropicToolUse({toolCall("list_files", Json::object(), "look")}),
                  FakeReply::raw(200, toBytes(done))});
        Json graph = everyToolGraph();
        graph["models"]["default"] = {{"provider", "anthropic"}, {"model", "claude-sonnet-4-5"}};
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Completed);
        const auto results = toolResults(m_fake.server.requests().at(1).json());
        QVERIFY(results.at("u1").find("missing argument 'path'") != std::string::npos);
        QVERIFY(results.at("u2").find("argument 'limit' must be an integer") != std::string::npos);
        QVERIFY(!inside(*t.engine).store().ledger(run.id).value().front().cost.has_value());
    }

    void anthropicStreamWithWrongTypes()
    {
        TestEngine t(m_fake.server, true, 2, 5000, [](EngineOptions& o) {
            o.llm.overrideKind = "anthropic";
            o.llm.overrideEndpoint->apiKey = "ak-test-key";
        });
        auto event = [](const char* type, Json data) {
            data["type"] = type;
            return QByteArray("event: ") + type + "\n" + sseData(data);
        };
        m_fake.model.script(
            "a", {sseReply({event("message_start", {{"message", "not an object"}}),
                            event("content_block_start",
                                  {{"index", {1, 2}}, {"content_block", {{"type", "text"}}}}),
                            event("message_stop", Json::object())})});
        Json graph = everyToolGraph();
        graph["models"]["default"] = {{"provider", "anthropic"}, {"model", "claude-sonnet-4-5"}};
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("streamed index"), qPrintable(run.reason));
    }
};

QTEST_GUILESS_MAIN(TestHostileModel)
#include "tst_hostile_model.moc"
