// Server-sent events arrive in arbitrary pieces; the parser must give the same events.

#include "llm/SseParser.h"

#include <QTest>

using namespace orch;

class TestSseParser : public QObject
{
    Q_OBJECT
private slots:
    void sameEventsForAnySplit()
    {
        const QByteArray stream = ": keep-alive\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\n"
                                  "data: line one\ndata: line two\n\ndata: [DONE]\n\n";
        for (int piece : {1, 2, 3, 7, 1000}) {
            SseParser parser;
            std::vector<SseEvent> events;
            for (int i = 0; i < stream.size(); i += piece)
                for (auto& e : parser.feed(stream.mid(i, piece)))
                    events.push_back(e);
            QCOMPARE(events.size(), size_t(3));
            QCOMPARE(events[0].event, QByteArray("message_start"));
            QCOMPARE(events[0].data, QByteArray("{\"a\":1}"));
            QCOMPARE(events[1].data, QByteArray("line one\nline two"));
            QCOMPARE(events[2].data, QByteArray("[DONE]"));
        }
    }

    void incompleteEventIsHeldBack()
    {
        SseParser parser;
        QVERIFY(parser.feed("data: {\"partial\":").empty());
        QVERIFY(parser.feed("true}\n").empty());
        QCOMPARE(parser.feed("\n").size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sse_parser.moc"
