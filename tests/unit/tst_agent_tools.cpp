// How an agent treats its tools, which are code that can misbehave: a tool that never answers
// gets an error result after the agent's tool timeout, one that throws gets an error result,
// one that answers twice counts once, and the step goes on with a valid conversation.

#include "agents/LlmAgent.h"
#include "llm/Conversation.h"
#include "llm/ReplayProvider.h"
#include "tools/ToolRegistry.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <stdexcept>

using namespace orch;

namespace {

// A tool whose behaviour the test picks: hang, throw, or answer twice.
class MisbehavingTool final : public Tool
{
public:
    enum class Mode
    {
        Hang,
        Throw,
        AnswerTwice
    };
    MisbehavingTool(std::string name, Mode mode) : m_name(std::move(name)), m_mode(mode) {}

    ToolSpec spec() const override
    {
        return {m_name,
                "A tool that misbehaves on purpose.",
                {{"type", "object"}, {"properties", Json::object()}}};
    }
    void invoke(const Json&, const ToolContext&, ToolDone done) override
    {
        switch (m_mode) {
        case Mode::Hang:
            return; // never calls done
        case Mode::Throw:
            throw std::runtime_error("the tool broke");
        case Mode::AnswerTwice:
            done(ToolResult::success({{"answer", 1}}));
            done(ToolResult::success({{"answer", 2}}));
            return;
        }
    }

private:
    std::string m_name;
    Mode m_mode;
};

} // namespace

class TestAgentTools : public QObject
{
    Q_OBJECT

private slots:
    void misbehavingToolsEachGetOneResult()
    {
        ToolRegistry tools;
        tools.add(std::make_unique<MisbehavingTool>("hang", MisbehavingTool::Mode::Hang));
        tools.add(std::make_unique<MisbehavingTool>("explode", MisbehavingTool::Mode::Throw));
        tools.add(std::make_unique<MisbehavingTool>("twice", MisbehavingTool::Mode::AnswerTwice));
        const Json script = {{"format", kReplayFormat},
                             {"agents",
                              {{"a",
                                {{{"content", ""},
                                  {"tool_calls",
                                   {{{"name", "explode"}, {"arguments", Json::object()}},
                                    {{"name", "twice"}, {"arguments", Json::object()}},
                                    {{"name", "hang"}, {"arguments", Json::object()}}}}}}}}}};
        auto provider = ReplayProvider::fromJson(script);
        QVERIFY(provider);
        AgentDefinition definition{QStringLiteral("a")};
        definition.tools = {QStringLiteral("hang"), QStringLiteral("explode"),
                            QStringLiteral("twice")};
        LlmAgentSetup setup{provider.value().get(), "replay", &tools, false};
        setup.toolTimeoutMs = 300;
        LlmAgent agent(definition, setup, nullptr);
        QSignalSpy finished(&agent, &Agent::stepFinished);
        agent.runStep(
            {QStringLiteral("run"), QDir::tempPath(), Json::object(), {ChatMessage::user("go")}});
        QVERIFY(finished.wait(5000));
        const StepOutcome outcome = finished.first().first().value<StepOutcome>();
        QCOMPARE(int(outcome.kind), int(StepOutcome::Kind::Continue));
        QCOMPARE(outcome.tools.size(), size_t(3));
        QVERIFY(conversation::problem(outcome.conversation).isEmpty());
        std::vector<std::string> results;
        for (const ChatMessage& message : outcome.conversation)
            if (message.role == ChatMessage::Role::Tool)
                results.push_back(message.content);
        QCOMPARE(results.size(), size_t(3));
        QVERIFY2(results[0].find("the tool broke") != std::string::npos, results[0].c_str());
        QVERIFY2(results[1].find("\"answer\":1") != std::string::npos, results[1].c_str());
        QVERIFY2(results[2].find("did not answer within 0.3 s") != std::string::npos,
                 results[2].c_str());
        QTest::qWait(100);
        QCOMPARE(finished.size(), 1); // one step, one outcome
    }
};

QTEST_GUILESS_MAIN(TestAgentTools)
#include "tst_agent_tools.moc"
