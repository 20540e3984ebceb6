// The database setting is text from a file: libpq's several-host URI is read into hosts, ports
// and the few connection parameters a setting may carry; anything else, and anything that is
// not a plain word where one is expected, is refused with the setting's rule, never passed on.

#include "store/PostgresAddress.h"

#include <QTest>

using namespace orch;

class TestPostgresAddress : public QObject
{
    Q_OBJECT

private slots:
    void severalHostsWithTheirPorts()
    {
        auto address = PostgresAddress::parse(
            "postgresql://orch:pw@db1.example.org:5433,db2,[::1]:6543/orchestrator"
            "?target_session_attrs=read-write&connect_timeout=3");
        QVERIFY2(address, qPrintable(address.error()));
        QCOMPARE(address->hosts, QStringList({"db1.example.org", "db2", "::1"}));
        QCOMPARE(address->ports, QList<int>({5433, 5432, 6543}));
        QCOMPARE(address->database, QString("orchestrator"));
        QCOMPARE(address->user, QString("orch"));
        QCOMPARE(address->password, QString("pw"));
        const QString options = address->connectOptions();
        QVERIFY2(options.contains("port=5433,5432,6543"), qPrintable(options));
        QVERIFY(options.contains("target_session_attrs=read-write"));
        QVERIFY(options.contains("connect_timeout=3"));
        QVERIFY(!options.contains("connect_timeout=5")); // the setting's own wins
        // What logs show: no password.
        QCOMPARE(address->display(), QString("postgresql://orch@db1.example.org:5433,db2:5432,"
                                             "[::1]:6543/orchestrator"
                                             "?target_session_attrs=read-write&connect_timeout=3"));
    }

    void oneHostAsBefore()
    {
        auto address = PostgresAddress::parse("postgres://orch@127.0.0.1/db");
        QVERIFY(address);
        QCOMPARE(address->ports, QList<int>({5432}));
        QVERIFY(address->connectOptions().contains("connect_timeout=5"));
    }

    void whatASettingMayNotSayIsRefused_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::newRow("no scheme") << "orch@db/x";
        QTest::newRow("no database") << "postgresql://orch@db:5432";
        QTest::newRow("empty database") << "postgresql://orch@db:5432/";
        QTest::newRow("a path") << "postgresql://orch@db/a/b";
        QTest::newRow("long name") << "postgresql://orch@db/" + QString(64, 'x');
        QTest::newRow("bad port") << "postgresql://orch@db:99999/x";
        QTest::newRow("empty host") << "postgresql://orch@db,/x";
        QTest::newRow("space in host") << "postgresql://orch@db host/x";
        QTest::newRow("open bracket") << "postgresql://orch@[::1:5432/x";
        QTest::newRow("options") << "postgresql://o@db/x?options=-c%20log_statement%3Dall";
        QTest::newRow("sslkey") << "postgresql://o@db/x?sslkey=/etc/codegen/vault.key";
        QTest::newRow("passfile") << "postgresql://o@db/x?passfile=/root/.pgpass";
        QTest::newRow("service") << "postgresql://o@db/x?service=prod";
        QTest::newRow("a second option in a value")
            << "postgresql://o@db/x?application_name=a%20sslmode%3Ddisable";
        QTest::newRow("quote") << "postgresql://o@db/x?application_name=a'b";
        QTest::newRow("huge") << "postgresql://o@db/x?application_name=" + QString(100000, 'a');
    }

    void whatASettingMayNotSayIsRefused()
    {
        QFETCH(QString, uri);
        auto address = PostgresAddress::parse(uri);
        QVERIFY2(!address, qPrintable(uri.left(80)));
        QVERIFY2(address.error().contains("is not a database URL"), qPrintable(address.error()));
        QVERIFY(address.error().size() < 600);
    }
};

QTEST_GUILESS_MAIN(TestPostgresAddress)
#include "tst_postgres_address.moc"
