// The README's bot demo as a person runs it: `scripts/demo --scenario bot` builds a Telegram bot
// from the description with the recorded model, hands it its token through the vault, deploys
// it against the local Bot API stand-in and asks it the time in Tokyo; `--teardown` removes the
// bot and stops the stand-in. The token never shows in the output.

#include "LocalPorts.h"
#include "TestFiles.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace orch::test;

class TestBotDemo : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;

    QString runDemo(const QStringList& arguments, int* exitCode)
    {
        QProcess demo;
        demo.setProcessEnvironment(m_env);
        demo.setProcessChannelMode(QProcess::MergedChannels);
        demo.start(QStringLiteral("bash"),
                   QStringList{QStringLiteral(SOURCE_DIR "/scripts/demo")} + arguments);
        if (!demo.waitForFinished(400000))
            demo.kill();
        *exitCode = demo.exitStatus() == QProcess::NormalExit ? demo.exitCode() : -1;
        return QString::fromUtf8(demo.readAll());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert("BUILD_DIR", QStringLiteral(BINARY_DIR));
        m_env.insert("DEMO_DATA", m_dir.filePath("demo"));
        m_env.insert("DEMO_HTTPS_PORT", QString::number(freePort()));
        m_env.insert("DEMO_HTTP_PORT", QString::number(freePort()));
        m_env.insert("DEMO_ADMIN_PORT", QString::number(freePort()));
        const int first = freePort();
        m_env.insert("DEMO_SERVICE_PORTS", QStringLiteral("%1-%2").arg(first).arg(first));
    }

    void aBotIsBuiltDeployedAndAnswers()
    {
        int code = -1;
        const QString output = runDemo({"--scenario", "bot"}, &code);
        QVERIFY2(code == 0, qPrintable(output.right(4000)));
        QVERIFY2(output.contains("completed after"), qPrintable(output.right(2000)));
        QVERIFY(output.contains("bot:        @"));
        QVERIFY2(output.contains("bot:  Tokyo: ") && output.contains("(Asia/Tokyo)"),
                 qPrintable(output.right(2000)));
        const QByteArray token = readFile(m_dir.filePath("demo/bot-token")).trimmed();
        QVERIFY(token.size() > 10);
        QVERIFY(!output.toUtf8().contains(token));
        QVERIFY(QFile::exists(m_dir.filePath("demo/bot-api.pid")));
        QVERIFY(QFile::exists(m_dir.filePath("demo/deploy/.bot-relay/relay.pid")));
    }

    void teardownStopsTheBotAndTheStandIn()
    {
        int code = -1;
        const QString output = runDemo({"--teardown"}, &code);
        QVERIFY2(code == 0, qPrintable(output.right(2000)));
        QVERIFY(!QFile::exists(m_dir.filePath("demo/bot-api.pid")));
        QVERIFY(!QFile::exists(m_dir.filePath("demo/deploy/city-time-bot")));
        // The host's relay stopped with its last bot.
        QVERIFY(!QFile::exists(m_dir.filePath("demo/deploy/.bot-relay/relay.pid")));
    }
};

QTEST_GUILESS_MAIN(TestBotDemo)
#include "tst_bot_demo.moc"
