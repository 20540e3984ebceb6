// RFC 2136 updates signed with TSIG against a real authoritative server (Debian's knotd on
// loopback): a name gets its address, a second change replaces it (never two records), the
// same change repeated is harmless, removal leaves nothing; a wrong secret, an unknown key, a
// name outside the zone, a server that is down and one that never answers each fail with
// the cause named, and change nothing.

#include "KnotServer.h"
#include "LocalPorts.h"
#include "dns/DnsLookup.h"
#include "dns/DnsMessage.h"
#include "dns/Rfc2136Provider.h"
#include "dns/Tsig.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace orch;
using namespace orch::dns;
using namespace orch::test;

class TestDnsUpdate : public QObject
{
    Q_OBJECT

    KnotServer m_knot;

    Result<void> change(DnsProvider& provider, const QString& name, const QString& address)
    {
        return changeRecord(provider, name, address);
    }

    QStringList records(const QString& name, quint16 type)
    {
        return lookupRecords(m_knot.server(), name, type);
    }

    Rfc2136Settings settings() const { return {m_knot.zone(), m_knot.server(), m_knot.key(), 60}; }

private slots:
    void initTestCase()
    {
        if (const QString why = KnotServer::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        const QString started = m_knot.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
    }

    void aNameGetsOneAddressAndLosesIt()
    {
        Rfc2136Provider provider(settings());
        const QString name = "city-time.apps.test";
        QCOMPARE(records(name, A), QStringList());
        auto first = change(provider, name, "127.0.0.10");
        QVERIFY2(first, qPrintable(first.error()));
        QCOMPARE(records(name, A), QStringList{"127.0.0.10"});
        // Moved to another server: replaced, not added beside.
        QVERIFY(change(provider, name, "127.0.0.11"));
        QCOMPARE(records(name, A), QStringList{"127.0.0.11"});
        // The same change again (a retry after a crash) leaves the same single record.
        QVERIFY(change(provider, "City-Time.apps.test.", "127.0.0.11"));
        QCOMPARE(records(name, A), QStringList{"127.0.0.11"});
        // An IPv6 address replaces the IPv4 one.
        QVERIFY(change(provider, name, "::1"));
        QCOMPARE(records(name, A), QStringList());
        QCOMPARE(records(name, AAAA), QStringList{"::1"});
        // Removed; removing again is no error.
        QVERIFY(change(provider, name, QString()));
        QCOMPARE(records(name, AAAA), QStringList());
        QVERIFY(change(provider, name, QString()));
        // The zone's own records are untouched.
        QCOMPARE(records("ns.apps.test", A), QStringList{"127.0.0.1"});
    }

    void refusedChangesNameTheCauseAndChangeNothing()
    {
        const QString name = "kept.apps.test";
        Rfc2136Provider good(settings());
        QVERIFY(change(good, name, "127.0.0.20"));

        Rfc2136Settings wrongSecret = settings();
        wrongSecret.key.secret = QByteArray(32, 'x');
        Rfc2136Provider forged(wrongSecret);
        auto refused = change(forged, name, "127.0.0.66");
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains("BADSIG"), qPrintable(refused.error()));

        Rfc2136Settings unknownKey = settings();
        unknownKey.key.name = "someone-else";
        Rfc2136Provider stranger(unknownKey);
        auto unknown = change(stranger, name, "127.0.0.66");
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().contains("BADKEY") || unknown.error().contains("NOTAUTH"),
                 qPrintable(unknown.error()));

        auto outside = change(good, "evil.example.com", "127.0.0.66");
        QCOMPARE(outside.code(), ErrorCode::Invalid);
        QVERIFY(!change(good, "bad..name.apps.test", "127.0.0.66"));
        QVERIFY(!change(good, QString(300, 'a') + ".apps.test", "127.0.0.66"));
        QCOMPARE(records(name, A), QStringList{"127.0.0.20"});
    }

    // The server's signed answer verifies; one changed byte, or a request signed with a clock
    // far off, does not.
    void answersAreCheckedAgainstTheKey()
    {
        auto exchangeSigned = [this](qint64 signedAt) -> std::pair<QByteArray, QByteArray> {
            MessageWriter out(42, 5 << 11);
            out.add(0, m_knot.zone(), SOA, IN, 0, {}, true).ok();
            auto request = signRequest(out.bytes(), m_knot.key(), signedAt);
            std::optional<Result<QByteArray>> answer;
            exchange(m_knot.server(), request->bytes, this,
                     [&answer](Result<QByteArray> got) { answer = std::move(got); });
            if (!QTest::qWaitFor([&] { return answer.has_value(); }, 10000) || !*answer)
                return {};
            return {answer->value(), request->mac};
        };
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        auto [answer, mac] = exchangeSigned(now);
        QVERIFY(!answer.isEmpty());
        auto verified = verifyResponse(answer, m_knot.key(), mac, now);
        QVERIFY2(verified, qPrintable(verified.error()));
        QByteArray tampered = answer;
        tampered[3] = char(tampered[3] ^ 0x01); // another rcode
        auto forged = verifyResponse(tampered, m_knot.key(), mac, now);
        QVERIFY(!forged);
        QVERIFY2(forged.error().contains("does not match"), qPrintable(forged.error()));

        auto [late, lateMac] = exchangeSigned(now - 3600);
        QVERIFY(!late.isEmpty());
        auto skewed = verifyResponse(late, m_knot.key(), lateMac, now);
        QVERIFY(!skewed);
        QVERIFY2(skewed.error().contains("BADTIME"), qPrintable(skewed.error()));
    }

    void aServerDownOrSilentIsNamedWithinItsTimeout()
    {
        Rfc2136Settings down = settings();
        down.server.port = quint16(freePort());
        Rfc2136Provider nobody(down);
        auto refused = change(nobody, "x.apps.test", "127.0.0.1");
        QCOMPARE(refused.code(), ErrorCode::Unavailable);
        QVERIFY2(refused.error().contains("cannot reach"), qPrintable(refused.error()));

        QTcpServer silent; // accepts and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        Rfc2136Settings mute = settings();
        mute.server.port = silent.serverPort();
        mute.server.timeoutMs = 1500;
        Rfc2136Provider quiet(mute);
        QElapsedTimer waited;
        waited.start();
        auto timedOut = change(quiet, "x.apps.test", "127.0.0.1");
        QCOMPARE(timedOut.code(), ErrorCode::Unavailable);
        QVERIFY2(timedOut.error().contains("did not answer"), qPrintable(timedOut.error()));
        QVERIFY(waited.elapsed() < 10000);
    }

    void cleanupTestCase() { m_knot.stop(); }
};

QTEST_GUILESS_MAIN(TestDnsUpdate)
#include "tst_dns_update.moc"
