// The transport under hostile replies, for both protocols (OpenAI and Anthropic stand-ins):
// a body that is not JSON, 40 MB, a drip that never ends, 30,000 calls in one reply, and tool
// results too long to keep. Each run ends failed or completed with the reason.

#include "HostileReplies.h"
#include "ScriptedModel.h"

#include <QElapsedTimer>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestHostileTransport : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;

private slots:
    void initTestCase() { QVERIFY(m_fake.listen()); }
    void init() { m_fake.reset(); }

    void thousandsOfCallsInOneReply_data() { protocolRows(); }
    void thousandsOfCallsInOneReply()
    {
        QFETCH(QString, kind);
        const Protocol protocol{kind};
        // The next request carries 30,000 results (6 MB), served by a stand-in on this thread.
        TestEngine t(m_fake.server, false, 1, 60000, protocol.adjust());
        std::vector<ToolCall> calls;
        for (int i = 0; i < 30000; ++i)
            calls.push_back({"c" + std::to_string(i), "read_file", "{\"path\": \"missing.txt\"}"});
        m_fake.model.script("a", {protocol.calls(calls), protocol.text("done")});
        const RunRecord run = t.runToEnd(protocol.graph(), "test project", 60000);
        QCOMPARE(run.status, RunStatus::Completed);
        const auto results = toolResults(m_fake.lastRequest());
        QCOMPARE(results.size(), size_t(30000));
        QVERIFY(results.at("c31").find("cannot read") != std::string::npos);
        QVERIFY(results.at("c32").find("at most 32 tool calls") != std::string::npos);
        QVERIFY(results.at("c29999").find("at most 32 tool calls") != std::string::npos);
    }

    // A 200 KB tool result stays in the conversation as its head and tail, with the size left out.
    void longToolResultsAreElided()
    {
        TestEngine t(m_fake.server);
        const std::string big(200 * 1024, 'q');
        m_fake.model.script(
            "a", {FakeReply::openAiToolCalls(
                      {toolCall("write_file", {{"path", "big.txt"}, {"content", big}}, "w"),
                       toolCall("read_file", {{"path", "big.txt"}}, "r")}),
                  FakeReply::openAiText("done")});
        const RunRecord run = t.runToEnd(everyToolGraph());
        QCOMPARE(run.status, RunStatus::Completed);
        const std::string result = toolResults(m_fake.lastRequest()).at("r");
        QVERIFY2(result.size() < 34 * 1024, std::to_string(result.size()).c_str());
        QVERIFY(result.find("bytes left out") != std::string::npos);
        QVERIFY(result.rfind("qqqq") > result.find("bytes left out")); // the tail is there too
    }

    void replyThatIsNotJson_data() { protocolRows(); }
    void replyThatIsNotJson()
    {
        QFETCH(QString, kind);
        const Protocol protocol{kind};
        TestEngine t(m_fake.server, false, 2, 5000, protocol.adjust());
        m_fake.model.script("a", {FakeReply::raw(200, "<html>gateway says hi</html>")});
        const RunRecord run = t.runToEnd(protocol.graph());
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("malformed reply") && run.reason.contains("not JSON"),
                 qPrintable(run.reason));
    }

    void oversizedReplyFailsWithTheReason_data() { protocolRows(); }
    void oversizedReplyFailsWithTheReason()
    {
        QFETCH(QString, kind);
        const Protocol protocol{kind};
        TestEngine t(m_fake.server, false, 2, 5000, protocol.adjust());
        const FakeReply huge = protocol.text(std::string(40 * 1024 * 1024, 'x'));
        m_fake.model.script("a", {huge, huge});
        const RunRecord run = t.runToEnd(protocol.graph(), "test project", 60000);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("larger than 8388608 bytes") &&
                     run.reason.contains("gave up after 2 attempts"),
                 qPrintable(run.reason));
    }

    // One byte every 300 ms keeps the idle timer happy for ever; the deadline ends it.
    void dripEndsAtTheDeadline_data() { protocolRows(); }
    void dripEndsAtTheDeadline()
    {
        QFETCH(QString, kind);
        const Protocol protocol{kind};
        TestEngine t(m_fake.server, true, 1, 5000, protocol.adjust([](EngineOptions& o) {
            o.llm.overrideEndpoint->deadlineMs = 1500;
        }));
        FakeReply drip = sseReply({});
        for (int i = 0; i < 100; ++i)
            drip.chunks << QByteArray(1, ' ');
        drip.chunkDelayMs = 300;
        m_fake.model.script("a", {drip});
        QElapsedTimer clock;
        clock.start();
        const RunRecord run = t.runToEnd(protocol.graph());
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("took longer than 1500 ms"), qPrintable(run.reason));
        qInfo("a drip fails after %lld ms with a 1500 ms deadline and one attempt",
              clock.elapsed());
        QVERIFY(clock.elapsed() < 10000);
    }
};

QTEST_GUILESS_MAIN(TestHostileTransport)
#include "tst_hostile_transport.moc"
