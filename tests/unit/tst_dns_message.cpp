// The DNS wire format as the updater writes and reads it: canonical names, messages that
// parse back, and replies treated as hostile (pointer loops, forward pointers, records past
// the end, absurd counts, random bytes) failing with a reason and never a crash; an answer
// without the key's signature, or with the server's TSIG error, is named.

#include "dns/DnsMessage.h"
#include "dns/Tsig.h"

#include <QRandomGenerator>
#include <QTest>

using namespace orch;
using namespace orch::dns;

namespace {
QByteArray header(quint16 id, quint16 flags, quint16 qd, quint16 an, quint16 ns, quint16 ar)
{
    QByteArray out;
    for (quint16 value : {id, flags, qd, an, ns, ar})
        putU16(out, value);
    return out;
}
} // namespace

class TestDnsMessage : public QObject
{
    Q_OBJECT

private slots:
    void namesAreCanonicalAndBounded()
    {
        QCOMPARE(encodeName("Apps.Example.COM.").value(), QByteArray("\x04"
                                                                     "apps"
                                                                     "\x07"
                                                                     "example"
                                                                     "\x03"
                                                                     "com"
                                                                     "\x00",
                                                                     18));
        QCOMPARE(encodeName("").value(), QByteArray(1, '\0')); // the root
        QVERIFY(!encodeName("a..b"));
        QVERIFY(!encodeName(QString(64, 'a') + ".test"));
        QStringList labels(5, QString(60, 'a'));
        QVERIFY(!encodeName(labels.join('.')));
        QVERIFY(isHostName("city-time.apps.test"));
        QVERIFY(!isHostName("-bad.apps.test"));
        QVERIFY(!isHostName("bad name.test"));
        QVERIFY(!isHostName("a..b"));
    }

    void messagesParseBack()
    {
        MessageWriter out(0x1234, 5 << 11);
        QVERIFY(out.add(0, "apps.test", SOA, IN, 0, {}, true));
        QVERIFY(out.add(2, "x.apps.test", A, CLASS_ANY));
        QByteArray address;
        putU32(address, 0x7f000001);
        QVERIFY(out.add(2, "x.apps.test", A, IN, 300, address));
        auto parsed = parseMessage(out.bytes());
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QCOMPARE(parsed->id, quint16(0x1234));
        QCOMPARE(parsed->questions.size(), size_t(1));
        QCOMPARE(parsed->questions[0].name, QString("apps.test"));
        QCOMPARE(parsed->authority.size(), size_t(2));
        QCOMPARE(parsed->authority[1].ttl, quint32(300));
        QCOMPARE(parsed->authority[1].data, address);
    }

    void hostileRepliesFailWithAReason_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("short") << QByteArray("\x00\x01", 2) << "shorter than its header";
        QTest::newRow("pointer to itself")
            << header(1, 0x8000, 1, 0, 0, 0) + QByteArray("\xc0\x0c\x00\x01\x00\x01", 6)
            << "does not point back";
        QTest::newRow("pointer forward")
            << header(1, 0x8000, 1, 0, 0, 0) + QByteArray("\xc0\x20\x00\x01\x00\x01", 6)
            << "does not point back";
        QTest::newRow("label past the end") << header(1, 0x8000, 1, 0, 0, 0) + QByteArray("\x3f"
                                                                                          "abc",
                                                                                          4)
                                            << "past the end";
        QTest::newRow("data past the end")
            << header(1, 0x8000, 0, 1, 0, 0) +
                   QByteArray("\x00\x00\x01\x00\x01\x00\x00\x00\x3c\xff\xff\x7f", 12)
            << "past the end";
        QTest::newRow("absurd count")
            << header(1, 0x8000, 0, 60000, 0, 0) << "records in one section";
        QTest::newRow("reserved label type")
            << header(1, 0x8000, 1, 0, 0, 0) + QByteArray("\x80\x00\x00\x01\x00\x01", 6)
            << "unknown label type";
    }

    void hostileRepliesFailWithAReason()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        auto parsed = parseMessage(bytes);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().contains(reason), qPrintable(parsed.error()));
    }

    void randomBytesNeverCrash()
    {
        auto* random = QRandomGenerator::global();
        int parsed = 0;
        for (int round = 0; round < 5000; ++round) {
            QByteArray bytes(int(random->bounded(200)), Qt::Uninitialized);
            for (char& byte : bytes)
                byte = char(random->bounded(256));
            if (bytes.size() >= 12) // small counts, so parsing gets past the header
                for (int i = 4; i < 12; ++i)
                    bytes[i] = char(i % 2 ? random->bounded(3) : 0);
            parsed += parseMessage(bytes) ? 1 : 0;
            TsigKey key{"k", "secret"};
            QVERIFY(!verifyResponse(bytes, key, "mac", 0)); // a random MAC never matches
        }
        qInfo("%d of 5000 random messages parsed", parsed);
    }

    void unsignedOrRefusedAnswersAreNamed()
    {
        const TsigKey key{"orchestrator", QByteArray(32, 's')};
        MessageWriter request(7, 5 << 11);
        QVERIFY(request.add(0, "apps.test", SOA, IN, 0, {}, true));
        auto signedRequest = signRequest(request.bytes(), key, 1'700'000'000);
        QVERIFY(signedRequest);
        auto parsed = parseMessage(signedRequest->bytes);
        QVERIFY(parsed);
        QCOMPARE(parsed->additional.size(), size_t(1));
        QCOMPARE(parsed->additional[0].type, quint16(TSIG));
        QCOMPARE(parsed->additional[0].name, QString("orchestrator"));
        QCOMPARE(signedRequest->mac.size(), 32);

        // Unsigned REFUSED: the rcode is named.
        const QByteArray refused = header(7, 0x8000 | (5 << 11) | REFUSED, 0, 0, 0, 0);
        auto refusal = verifyResponse(refused, key, signedRequest->mac, 1'700'000'000);
        QVERIFY(!refusal);
        QVERIFY2(refusal.error().contains("REFUSED"), qPrintable(refusal.error()));
        // A TSIG record carrying BADSIG and no MAC (RFC 8945 §5.3.2).
        QByteArray badsig = header(7, 0x8000 | (5 << 11) | NOTAUTH, 0, 0, 0, 1);
        badsig += encodeName("orchestrator").value();
        QByteArray data = encodeName("hmac-sha256").value();
        putU16(data, 0);
        putU32(data, 1'700'000'000);
        putU16(data, 300);
        putU16(data, 0); // no MAC
        putU16(data, 7);
        putU16(data, BADSIG);
        putU16(data, 0);
        putU16(badsig, TSIG);
        putU16(badsig, CLASS_ANY);
        putU32(badsig, 0);
        putU16(badsig, quint16(data.size()));
        badsig += data;
        auto bad = verifyResponse(badsig, key, signedRequest->mac, 1'700'000'000);
        QVERIFY(!bad);
        QVERIFY2(bad.error().contains("BADSIG"), qPrintable(bad.error()));
        // Cut short anywhere: a reason, never a read past the end.
        for (int size = 12; size < badsig.size(); ++size)
            QVERIFY(!verifyResponse(badsig.left(size), key, signedRequest->mac, 1'700'000'000));
    }
};

QTEST_GUILESS_MAIN(TestDnsMessage)
#include "tst_dns_message.moc"
