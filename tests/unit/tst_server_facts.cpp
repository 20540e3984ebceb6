// What a server's shell prints about itself is read as data: "key=value" lines with plain
// keys, values cut to 200 characters, at most 64 facts, numbers as numbers; anything else is
// skipped. What the facts lack decides whether the server is ready.

#include "JsonCompare.h"
#include "deploy/ServerCheck.h"

#include <QTest>

using namespace orch;

class TestServerFacts : public QObject
{
    Q_OBJECT

private slots:
    void readsPlainFacts()
    {
        const Json facts = ServerCheck::parseFacts("os=Debian GNU/Linux 12\nmemory_mb=2048\n"
                                                   "has_python3=yes\n");
        QCOMPARE(facts["os"], "Debian GNU/Linux 12");
        QCOMPARE(facts["memory_mb"], 2048);
        QCOMPARE(facts["has_python3"], "yes");
    }

    void hostileOutputIsSkippedOrCut()
    {
        QByteArray output = "=novalue\nno equals sign\nBad Key=1\n__proto__x=1\n"
                            "key.with.dots=1\n\x01\x02=3\nlong=" +
                            QByteArray(100000, 'x') + "\n";
        for (int i = 0; i < 500; ++i)
            output += "k" + QByteArray::number(i) + "=v\n";
        const Json facts = ServerCheck::parseFacts(output);
        QVERIFY(facts.is_object());
        QVERIFY(!facts.contains("Bad Key"));
        QVERIFY(!facts.contains("key.with.dots"));
        QVERIFY(!facts.contains(""));
        QCOMPARE(facts["long"].get<std::string>().size(), size_t(200));
        QVERIFY(facts.size() <= 64);
    }

    void whatAServerLacksIsNamed()
    {
        QCOMPARE(ServerCheck::missingFor(ServerCheck::parseFacts(
                     "has_python3=yes\nhas_caddy=yes\nhas_tar=yes\nhas_start-stop-daemon=yes\n"
                     "has_venv=yes\nsystemd=yes\nprivileges=sudo\n")),
                 QString());
        const QString missing = ServerCheck::missingFor(ServerCheck::parseFacts(
            "has_python3=yes\nsystemd=no\nhas_bwrap=no\nprivileges=none\n"));
        QVERIFY(missing.contains("caddy"));
        QVERIFY(missing.contains("bwrap"));
        QVERIFY(missing.contains("root or passwordless sudo"));
        QVERIFY(!ServerCheck::missingFor(Json::object()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServerFacts)
#include "tst_server_facts.moc"
