// The step journal as an agent uses it: a call's intent is stored before the tool runs and its
// result after; a step repeated after a crash takes the journaled reply (no model call), does
// not run completed calls again and reconciles a started one; damaged rows are not trusted;
// a process that lost the run cannot journal, so its tools never run.

#include "JsonCompare.h"
#include "agents/LlmAgent.h"
#include "agents/StepJournal.h"
#include "llm/ReplayProvider.h"
#include "store/Database.h"
#include "store/RunLeases.h"
#include "store/RunStore.h"
#include "store/StepJournalStore.h"
#include "tools/ToolRegistry.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;

namespace {

// A tool with an effect outside the process: it counts how often it ran and how often it was
// reconciled, and looks at the journal while it runs.
class EffectTool final : public Tool
{
public:
    explicit EffectTool(StepJournalStore& journal) : m_journal(journal) {}
    ToolSpec spec() const override
    {
        return {"effect",
                "Does something that outlives the process.",
                {{"type", "object"}, {"properties", {{"n", {{"type", "integer"}}}}}}};
    }
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override
    {
        ++invoked;
        // The intent is in the store before the effect happens.
        const auto rows = m_journal.entries(context.runId, 1);
        intentsSeen.push_back(rows && !rows.value().empty() && !rows.value().back().result
                                  ? rows.value().back().body
                                  : Json());
        done(ToolResult::success({{"did", intOr(arguments, "n", 0)}}));
    }
    void reconcile(const Json& arguments, const ToolContext&, ToolDone done) override
    {
        ++reconciled;
        done(ToolResult::success({{"found_done", intOr(arguments, "n", 0)}}));
    }

    int invoked = 0;
    int reconciled = 0;
    std::vector<Json> intentsSeen;

private:
    StepJournalStore& m_journal;
};

Json callsReply(int count)
{
    Json calls = Json::array();
    for (int i = 1; i <= count; ++i)
        calls.push_back({{"name", "effect"}, {"arguments", {{"n", i}}}});
    return {{"format", kReplayFormat},
            {"agents", {{"a", {{{"content", "doing it"}, {"tool_calls", calls}}}}}}};
}

std::vector<std::string> toolResults(const StepOutcome& outcome)
{
    std::vector<std::string> results;
    for (const ChatMessage& message : outcome.conversation)
        if (message.role == ChatMessage::Role::Tool)
            results.push_back(message.content);
    return results;
}

} // namespace

class TestStepJournal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<RunStore> m_store;
    std::unique_ptr<ToolRegistry> m_tools;
    EffectTool* m_effect = nullptr;
    int m_db = 0;

    // Runs step 1 of run "r" with `script` as the model and the journal as the run sets it up.
    StepOutcome runStep(const Json& script, std::optional<RunLease> lease, int* modelCalls)
    {
        auto provider = ReplayProvider::fromJson(script);
        if (!provider)
            qFatal("%s", qPrintable(provider.error()));
        AgentDefinition definition{QStringLiteral("a")};
        definition.tools = {QStringLiteral("effect")};
        LlmAgent agent(definition, {provider.value().get(), "replay", m_tools.get(), false},
                       nullptr);
        auto journal = std::make_shared<StepJournal>(m_store->journal(), "r", 1, lease);
        if (auto loaded = journal->load(); !loaded)
            qFatal("%s", qPrintable(loaded.error()));
        QSignalSpy finished(&agent, &Agent::stepFinished);
        QSignalSpy replied(&agent, &Agent::modelReplied);
        agent.runStep({"r", QDir::tempPath(), Json::object(), {ChatMessage::user("go")}, journal});
        // A step continued from the journal may finish before runStep returns.
        if (finished.isEmpty() && !finished.wait(5000))
            qFatal("the step did not finish");
        *modelCalls = int(replied.size());
        return finished.first().first().value<StepOutcome>();
    }

private slots:
    void init()
    {
        m_store = RunStore::open(m_dir.filePath(QStringLiteral("j%1.db").arg(++m_db))).value();
        m_tools = std::make_unique<ToolRegistry>();
        auto effect = std::make_unique<EffectTool>(m_store->journal());
        m_effect = effect.get();
        m_tools->add(std::move(effect));
    }

    void intentBeforeTheEffectAndResultAfter()
    {
        int modelCalls = 0;
        const StepOutcome outcome = runStep(callsReply(2), std::nullopt, &modelCalls);
        QCOMPARE(int(outcome.kind), int(StepOutcome::Kind::Continue));
        QCOMPARE(modelCalls, 1);
        QCOMPARE(m_effect->invoked, 2);
        QCOMPARE(m_effect->intentsSeen.size(), size_t(2));
        QCOMPARE(m_effect->intentsSeen[0], (Json{{"n", 1}}));
        QCOMPARE(m_effect->intentsSeen[1], (Json{{"n", 2}}));
        const auto rows = m_store->journal().entries("r", 1).value();
        QCOMPARE(rows.size(), size_t(3)); // the reply and two calls
        QCOMPARE(rows[0].entry, JournalEntry::kReply);
        QCOMPARE(arrayAt(rows[0].body, "tool_calls").size(), size_t(2));
        for (size_t i = 1; i < 3; ++i) {
            QCOMPARE(rows[i].tool, QStringLiteral("effect"));
            QVERIFY(rows[i].result);
            QCOMPARE((*rows[i].result)["output"]["did"], int(i));
        }
    }

    void aRepeatedStepContinuesFromTheJournal()
    {
        // The first attempt: the reply came, call 1 finished, call 2 started; then a crash.
        int modelCalls = 0;
        (void)runStep(callsReply(2), std::nullopt, &modelCalls);
        QSqlQuery forget = m_store->database().newQuery();
        QVERIFY(forget.exec("UPDATE step_journal SET result = NULL WHERE entry = 1"));
        m_effect->invoked = 0;

        // The second attempt has a model that would answer differently; it is not asked.
        const Json other = callsReply(3);
        const StepOutcome outcome = runStep(other, std::nullopt, &modelCalls);
        QCOMPARE(modelCalls, 0);
        QCOMPARE(int(outcome.kind), int(StepOutcome::Kind::Continue));
        QCOMPARE(m_effect->invoked, 0);
        QCOMPARE(m_effect->reconciled, 1);
        const auto results = toolResults(outcome);
        QCOMPARE(results.size(), size_t(2));
        QVERIFY2(results[0].find("\"did\":1") != std::string::npos, results[0].c_str());
        QVERIFY2(results[1].find("\"found_done\":2") != std::string::npos, results[1].c_str());
        // The same call ids as the first attempt: the conversation stays paired.
        QCOMPARE(outcome.conversation.back().toolCallId,
                 outcome.conversation[outcome.conversation.size() - 3].toolCalls[1].id);
    }

    void damagedRowsAreNotTrusted()
    {
        int modelCalls = 0;
        (void)runStep(callsReply(2), std::nullopt, &modelCalls);
        QSqlQuery damage = m_store->database().newQuery();
        QVERIFY(damage.exec("UPDATE step_journal SET result = '[1, 2' WHERE entry = 0"));
        QVERIFY(damage.exec("UPDATE step_journal SET result = '{\"output\": 5}' WHERE entry = 1"));
        m_effect->invoked = 0;
        StepOutcome outcome = runStep(callsReply(2), std::nullopt, &modelCalls);
        QCOMPARE(modelCalls, 0);
        QCOMPARE(m_effect->reconciled, 2); // neither result reads back: both reconciled
        QCOMPARE(m_effect->invoked, 0);

        // A reply that does not read back is asked for again.
        QVERIFY(damage.exec("UPDATE step_journal SET body = 'not json' WHERE entry = -1"));
        QVERIFY(damage.exec("UPDATE step_journal SET result = NULL"));
        m_effect->reconciled = 0;
        outcome = runStep(callsReply(1), std::nullopt, &modelCalls);
        QCOMPARE(modelCalls, 1);
        QCOMPARE(int(outcome.kind), int(StepOutcome::Kind::Continue));
        QCOMPARE(m_effect->invoked, 1);
        QCOMPARE(m_effect->reconciled, 0);
    }

    void aProcessThatLostTheRunNeverStartsItsTools()
    {
        QVERIFY(m_store->createProject({"p", "demo", "a demo", "/tmp/ws", 0}));
        QVERIFY(m_store->saveGraph("g", Json{{"name", "g"}}));
        RunRecord run;
        run.id = "r";
        run.projectId = "p";
        run.graphId = 1;
        run.status = RunStatus::Running;
        QVERIFY(m_store->createRun(run, {"r", 0, Json::object(), Json::object()}, {}));
        RunLeases leases(m_store->database());
        const RunLease mine = leases.claim("r").value();
        RunLease stale = mine;
        stale.fence -= 1; // another process has claimed it since
        int modelCalls = 0;
        StepOutcome outcome = runStep(callsReply(2), stale, &modelCalls);
        QCOMPARE(int(outcome.kind), int(StepOutcome::Kind::Failed));
        QVERIFY2(outcome.reason.contains(kLeaseLost), qPrintable(outcome.reason));
        QCOMPARE(m_effect->invoked, 0);
        QVERIFY(m_store->journal().entries("r", 1).value().empty());

        outcome = runStep(callsReply(2), mine, &modelCalls);
        QCOMPARE(int(outcome.kind), int(StepOutcome::Kind::Continue));
        QCOMPARE(m_effect->invoked, 2);
        // The step's checkpoint clears its journal; a run that stops drops what is left.
        QCOMPARE(m_store->journal().entries("r", 1).value().size(), size_t(3));
        run.status = RunStatus::Cancelled;
        QVERIFY(m_store->updateRun(run, {}, mine));
        QVERIFY(m_store->journal().entries("r", 1).value().empty());
    }
};

QTEST_GUILESS_MAIN(TestStepJournal)
#include "tst_step_journal.moc"
