// Agent state machine: legal transitions are announced, illegal ones refused and announced.

#include "agents/Agent.h"

#include <QSignalSpy>
#include <QTest>

using namespace orch;

namespace {
class IdleAgent final : public Agent
{
public:
    using Agent::Agent;
    void runStep(StepInput) override {}
};
} // namespace

Q_DECLARE_METATYPE(orch::AgentState)

class TestAgentState : public QObject
{
    Q_OBJECT
    AgentDefinition m_definition{QStringLiteral("a")};

private slots:
    void initTestCase() { qRegisterMetaType<orch::AgentState>(); }

    void walksTheHappyPath()
    {
        IdleAgent agent(m_definition, nullptr);
        QSignalSpy changed(&agent, &Agent::stateChanged);
        using S = AgentState;
        for (S next : {S::Thinking, S::CallingTool, S::Thinking, S::CallingTool, S::WaitingForHuman,
                       S::Thinking, S::Done, S::Thinking, S::Failed})
            QVERIFY2(agent.transitionTo(next), qPrintable(agentStateName(next)));
        QCOMPARE(changed.count(), 9);
        QCOMPARE(changed.at(0).at(0).value<S>(), S::Idle);
        QCOMPARE(changed.at(0).at(1).value<S>(), S::Thinking);
        QCOMPARE(agent.state(), S::Failed);
    }

    void refusesIllegalTransitions_data()
    {
        using S = AgentState;
        QTest::addColumn<QList<int>>("path"); // legal moves to get there
        QTest::addColumn<int>("illegal");
        QTest::newRow("idle->done") << QList<int>{} << int(S::Done);
        QTest::newRow("idle->calling_tool") << QList<int>{} << int(S::CallingTool);
        QTest::newRow("idle->waiting") << QList<int>{} << int(S::WaitingForHuman);
        QTest::newRow("waiting->done")
            << QList<int>{int(S::Thinking), int(S::WaitingForHuman)} << int(S::Done);
        QTest::newRow("waiting->calling_tool")
            << QList<int>{int(S::Thinking), int(S::WaitingForHuman)} << int(S::CallingTool);
        QTest::newRow("done->failed")
            << QList<int>{int(S::Thinking), int(S::Done)} << int(S::Failed);
        QTest::newRow("done->idle") << QList<int>{int(S::Thinking), int(S::Done)} << int(S::Idle);
        QTest::newRow("failed->thinking") << QList<int>{int(S::Failed)} << int(S::Thinking);
        QTest::newRow("thinking->idle") << QList<int>{int(S::Thinking)} << int(S::Idle);
    }

    void refusesIllegalTransitions()
    {
        QFETCH(QList<int>, path);
        QFETCH(int, illegal);
        IdleAgent agent(m_definition, nullptr);
        for (int step : path)
            QVERIFY(agent.transitionTo(AgentState(step)));
        const AgentState before = agent.state();
        QSignalSpy changed(&agent, &Agent::stateChanged);
        QSignalSpy refused(&agent, &Agent::transitionRefused);
        QVERIFY(!agent.transitionTo(AgentState(illegal)));
        QCOMPARE(agent.state(), before);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(refused.count(), 1);
        QCOMPARE(refused.at(0).at(0).value<AgentState>(), before);
        QCOMPARE(refused.at(0).at(1).value<AgentState>(), AgentState(illegal));
    }

    void cancelEndsInFailed()
    {
        IdleAgent agent(m_definition, nullptr);
        QVERIFY(agent.transitionTo(AgentState::Thinking));
        agent.cancel();
        QCOMPARE(agent.state(), AgentState::Failed);
    }
};

QTEST_GUILESS_MAIN(TestAgentState)
#include "tst_agent_state.moc"
