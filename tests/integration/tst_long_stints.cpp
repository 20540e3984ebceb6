// Long stints against a small context window: old results are shortened, what is still too
// much is condensed by the model into a note (a step of its own), and a provider's "context
// too long" error condenses once and retries. Every request stays inside the window.

#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "store/RunStore.h"

#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {

constexpr int kWindow = 8192;
constexpr int kOutput = 1024;

// One agent on a profile with a small window; it finishes with `finish`.
Json smallWindowGraph(int maxTurns = 60)
{
    Json graph = testGraph("a",
                           {testAgent("a", {{"tools", {"write_file", "record_tests", "finish"}},
                                            {"terminal", true},
                                            {"max_turns", maxTurns}})},
                           Json::array());
    graph["models"]["default"]["context_window"] = kWindow;
    graph["models"]["default"]["max_output_tokens"] = kOutput;
    return graph;
}

// The requests' sizes as the provider would count them, roughly: bytes over four.
long long largestRequestTokens(const FakeLlmServer& server)
{
    long long largest = 0;
    for (const RecordedRequest& request : server.requests())
        largest = std::max<long long>(largest, request.body.size() / 4);
    return largest;
}

QStringList stepKinds(TestEngine& t, const QString& runId)
{
    QStringList kinds;
    for (const StepRecord& step : inside(*t.engine).store().steps(runId).value())
        kinds << step.kind;
    return kinds;
}

} // namespace

class TestLongStints : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;

private slots:
    void initTestCase() { QVERIFY(m_fake.listen()); }
    void init() { m_fake.reset(); }

    void writingManyFilesShortensOldCallsAndStaysInTheWindow()
    {
        TestEngine t(m_fake.server);
        const int files = 30;
        m_fake.model.setFallback([turn = std::make_shared<int>(0)](const QString&, const Json&) {
            if (++*turn > files)
                return FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "written"}})});
            const std::string name = "module" + std::to_string(*turn) + ".py";
            const std::string body(4096, char('a' + *turn % 26));
            return FakeReply::openAiToolCalls(
                {toolCall("write_file", {{"path", name}, {"content", "X = '" + body + "'\n"}})});
        });
        const RunRecord run = t.runToEnd(smallWindowGraph(), "many files", 60000);
        QCOMPARE(run.status, RunStatus::Completed);
        QCOMPARE(m_fake.server.requestCount(), files + 1);
        QVERIFY2(largestRequestTokens(m_fake.server) <= kWindow - kOutput,
                 qPrintable(QString::number(largestRequestTokens(m_fake.server))));
        // The latest file's content is sent whole; old ones are marked as shortened.
        const std::string last = m_fake.server.requests().last().body.toStdString();
        QVERIFY(last.find(std::string(4096, char('a' + files % 26))) != std::string::npos);
        QVERIFY(last.find("shortened to save context") != std::string::npos);
    }

    void talkativeTurnsAreCondensedIntoANoteAndTheWorkGoesOn()
    {
        TestEngine t(m_fake.server);
        // Long prose each turn: shortening results is not enough, the model condenses.
        m_fake.model.setFallback([turn = std::make_shared<int>(0)](const QString& agent,
                                                                   const Json&) {
            if (agent.isEmpty())
                return FakeReply::openAiText("NOTE: wrote the plan for modules 1-9; next: tests.");
            if (++*turn > 14)
                return FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "planned"}})});
            const std::string thoughts(3000, 'r');
            return FakeReply::openAiToolCalls(
                {toolCall("record_tests",
                          {{"passed", false}, {"summary", "attempt " + std::to_string(*turn)}})},
                "Thinking about module " + std::to_string(*turn) + ": " + thoughts);
        });
        const RunRecord run = t.runToEnd(smallWindowGraph(), "talkative", 60000);
        QCOMPARE(run.status, RunStatus::Completed);
        const QStringList kinds = stepKinds(t, run.id);
        QVERIFY2(kinds.contains("compaction"), qPrintable(kinds.join(',')));
        QVERIFY(largestRequestTokens(m_fake.server) <= kWindow - kOutput);
        // The request after a condensing carries the note instead of the older turns.
        bool noteSent = false;
        for (const RecordedRequest& request : m_fake.server.requests())
            noteSent = noteSent || request.body.contains("NOTE: wrote the plan for modules 1-9");
        QVERIFY(noteSent);
        // Condensing takes none of the agent's turns: 14 turns and the finish.
        QCOMPARE(m_fake.model.callsFor("a"), 15);
    }

    void aContextTooLongErrorCondensesOnceAndRetries()
    {
        TestEngine t(m_fake.server);
        Json graph = smallWindowGraph();
        graph["models"]["default"]["context_window"] = 200000; // the estimate thinks it fits
        graph["models"]["default"]["max_output_tokens"] = 4096;
        std::vector<FakeReply> replies;
        for (int i = 1; i <= 3; ++i)
            replies.push_back(FakeReply::openAiToolCalls({toolCall(
                "record_tests", {{"passed", false}, {"summary", "try " + std::to_string(i)}})}));
        replies.push_back(FakeReply::error(
            400, "This model's maximum context length is 8192 tokens. However, your messages "
                 "resulted in 9000 tokens. (context_length_exceeded)"));
        replies.push_back(FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "ok"}})}));
        m_fake.model.script("a", replies);
        m_fake.model.script("", {FakeReply::openAiText("NOTE: three test runs failed.")});
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Completed);
        QVERIFY(stepKinds(t, run.id).contains("compaction"));
        QVERIFY(m_fake.server.requests().last().body.contains("NOTE: three test runs failed."));
    }

    void anOverflowThatCondensingCannotFixFailsWithTheReason()
    {
        TestEngine t(m_fake.server);
        Json graph = smallWindowGraph();
        graph["models"]["default"]["context_window"] = 200000;
        graph["models"]["default"]["max_output_tokens"] = 4096;
        m_fake.model.script(
            "a", {FakeReply::error(400, "prompt is too long: 250000 tokens > 200000 maximum")});
        const RunRecord run = t.runToEnd(graph);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("does not fit the model's context window"),
                 qPrintable(run.reason));
    }
};

QTEST_GUILESS_MAIN(TestLongStints)
#include "tst_long_stints.moc"
