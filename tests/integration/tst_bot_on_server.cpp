// A Telegram bot deployed to a production server over SSH (Debian's sshd on loopback): the
// server gets its own Bot API relay, the health check talks to the bot through it over the same
// SSH connection, a person on the Telegram-faithful stand-in gets answers, and the relay stops
// with the server's last bot.

#include "DeployHarness.h"
#include "FakeTelegramServer.h"
#include "JsonCompare.h"
#include "LocalPorts.h"
#include "SshServer.h"
#include "TestFiles.h"
#include "deploy/ServerAccess.h"
#include "store/Database.h"
#include "store/ServerRegistry.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

namespace {
const QByteArray kToken = "6060:bot-on-server-token-secret";
constexpr qint64 kPerson = 3003;
} // namespace

class TestBotOnServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SshServer m_sshd;
    FakeTelegramServer m_telegram{kToken};
    std::unique_ptr<Database> m_db;
    std::shared_ptr<ServerAccess> m_access;
    DeployHarness m_harness{m_dir.path()};

    QString remoteRoot() const { return m_dir.filePath("server-root"); }

private slots:
    void initTestCase()
    {
        if (const QString why = SshServer::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        qRegisterMetaType<orch::DeployOutcome>();
        QVERIFY(letOthersThrough(m_dir.path()));
        QCOMPARE(m_sshd.start(), QString());
        QVERIFY(m_telegram.listen());
        m_telegram.setUsername("server_clock_bot");
        auto db = Database::open(m_dir.filePath("store.db"));
        QVERIFY(db);
        m_db = std::move(db.value());
        ServerRegistry registry(*m_db);
        QVERIFY(registry.add(m_sshd.record("prod-1", remoteRoot())));
        QVERIFY(registry.pinHostKeys("prod-1", m_sshd.scanHostKeys()));
        QVERIFY(QDir().mkpath(remoteRoot())); // what the server's bootstrap makes
        auto access = ServerAccess::open(registry.get("prod-1").value(), m_sshd.clientPrivateKey());
        QVERIFY2(access, access ? "" : qPrintable(access.error()));
        m_access = access.value();
        DeploySettings local;
        local.deployRoot = m_dir.filePath("local-root");
        local.healthTimeoutMs = 30000;
        local.telegramApiBase = m_telegram.baseUrl().toString();
        m_harness.start(local.forServer(m_access));
    }

    void theBotGoesLiveOnTheServerAndAnswersAPerson()
    {
        m_harness.commit("srv-bot", DeployHarness::bundled("python-telegram-bot"));
        const DeployOutcome outcome = m_harness.deploy("srv-bot", {{"BOT_TOKEN", kToken}});
        QVERIFY2(outcome.ok, qPrintable(outcome.reason));
        QCOMPARE(outcome.server, QStringLiteral("prod-1"));
        const Json evidence = parseJson(outcome.healthBody);
        QCOMPARE(evidence["bot"], "@server_clock_bot");
        QVERIFY(toQ(evidence["reply"].get<std::string>()).contains("Hello! I am Clock"));
        // The relay is the server's, under its deploy root; none was started here.
        QVERIFY(QFileInfo::exists(remoteRoot() + "/.bot-relay/control.sock"));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("local-root/.bot-relay")));
        QVERIFY(m_telegram.calls("sendMessage").isEmpty());
        m_telegram.pushText(kPerson, "hello from Telegram");
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.said(kPerson, "hello from Telegram"), 15000);
        QVERIFY(!outcome.reason.toUtf8().contains(kToken));
    }

    void theRelayStopsWithTheServersLastBot()
    {
        QVERIFY(m_harness.teardown("srv-bot"));
        QVERIFY(!QFileInfo::exists(remoteRoot() + "/srv-bot"));
        QVERIFY(!QFileInfo::exists(remoteRoot() + "/.bot-relay/relay.pid"));
    }
};

QTEST_GUILESS_MAIN(TestBotOnServer)
#include "tst_bot_on_server.moc"
