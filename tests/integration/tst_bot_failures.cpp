// What goes wrong when a Telegram bot is deployed, and who is told: what a person must fix (a
// token Telegram refuses, the Bot API out of reach) is asked of the person, through DevOps's
// deploy tool too; what the code must fix (a bot that never answers, one that crashes on a
// message) goes to the Developer. A first release that fails is stopped, not left running.

#include "BotDeploySetup.h"
#include "JsonCompare.h"
#include "graph/GraphDefinition.h"
#include "tools/DeployTools.h"
#include "tools/ToolRegistry.h"

using namespace orch;
using namespace orch::test;

namespace {
const QByteArray kToken = "8181:bot-failures-token-secret";
const Json kResources = {{"env", {{"BOT_TOKEN", "bot:clock"}}}};
} // namespace

class TestBotFailures : public QObject
{
    Q_OBJECT

    BotDeploySetup m_bot{kToken};
    DeploySettings& m_settings = m_bot.settings;
    DeployHarness& m_harness = m_bot.harness;
    bool running(const QString& name) const { return m_bot.running(name); }

private slots:
    void initTestCase() { QVERIFY(m_bot.start()); }

    void aRefusedTokenGoesToThePersonAndTheReleaseIsStopped()
    {
        m_harness.commit("refused", DeployHarness::bundled("python-telegram-bot"));
        const DeployOutcome outcome = m_harness.deploy("refused", {{"BOT_TOKEN", "8181:revoked"}});
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.botFault, BotFault::TokenRefused);
        QVERIFY2(outcome.reason.contains("refuses the bot's token"), qPrintable(outcome.reason));
        QVERIFY(outcome.stopped);
        QVERIFY(!running("refused"));
        const auto ask = personQuestionFor(outcome, kResources, "devops");
        QVERIFY(ask.has_value());
        QCOMPARE((*ask)["kind"], "secret");
        QCOMPARE((*ask)["handle"], "bot:clock");
        QVERIFY(!toQ(ask->dump()).contains("8181:revoked"));
        // Written for the person: what happened and what to do, not the agents' reason.
        const QString text = toQ((*ask)["text"].get<std::string>());
        QVERIFY2(text.contains("stopped until then") && !text.contains("ask the person"),
                 qPrintable(text));
        QVERIFY(m_harness.teardown("refused"));
    }

    // Through DevOps's deploy tool: the run waits for the person's new token instead of
    // handing the failure to the Developer.
    void theDeployToolAsksThePersonForANewToken()
    {
        ToolSettings settings;
        settings.deploy.settings = m_settings;
        settings.deploy.revealSecret = [](const QString& handle,
                                          const QString&) -> Result<QByteArray> {
            if (handle == QLatin1String("bot:clock"))
                return QByteArray("8181:revoked-again");
            return Error{QStringLiteral("no secret %1").arg(handle)};
        };
        auto tools = ToolRegistry::withBuiltins(settings);
        m_harness.commit("asking", DeployHarness::bundled("python-telegram-bot"));
        const Json state = {{"spec", {{"title", "Asking"}}}, {"resources", kResources}};
        static const AgentDefinition devops{QStringLiteral("devops")};
        ToolResult result;
        bool answered = false;
        tools->find("deploy")->invoke(
            Json::object(), {state, devops, "run", m_harness.workspace("asking"), nullptr},
            [&](ToolResult r) {
                result = std::move(r);
                answered = true;
            });
        QVERIFY(QTest::qWaitFor([&] { return answered; }, 120000));
        QVERIFY2(result.question.has_value(), result.output.dump().c_str());
        QCOMPARE((*result.question)["kind"], "secret");
        QCOMPARE((*result.question)["handle"], "bot:clock");
        QCOMPARE((*result.question)["agent"], "devops");
        QVERIFY(toQ((*result.question)["text"].get<std::string>()).contains("@BotFather"));
        QCOMPARE(result.stateUpdate["question"], *result.question);
        QCOMPARE(result.stateUpdate["deployment"]["healthy"], false);
        QVERIFY(result.output.dump().find("revoked-again") == std::string::npos);
        QVERIFY(!running("asking"));
        QVERIFY(m_harness.teardown("asking"));
    }

    void theBotApiOutOfReachGoesToThePerson()
    {
        DeploySettings away = m_settings;
        away.telegramApiBase = QStringLiteral("http://127.0.0.1:%1").arg(freePort());
        away.healthTimeoutMs = 2000;
        DeployHarness harness(m_bot.dir.path());
        harness.start(away);
        harness.commit("away", DeployHarness::bundled("python-telegram-bot"));
        const DeployOutcome outcome = harness.deploy("away", {{"BOT_TOKEN", kToken}});
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.botFault, BotFault::ApiUnreachable);
        QVERIFY2(outcome.reason.contains("cannot be reached"), qPrintable(outcome.reason));
        QVERIFY(outcome.stopped);
        QVERIFY(personQuestionFor(outcome, kResources, "devops").has_value());
        QVERIFY(harness.teardown("away"));
    }

    void aBotThatNeverAnswersGoesToTheDeveloper()
    {
        m_bot.commitBot("mute", "time.sleep(3600)");
        const DeployOutcome outcome = m_harness.deploy("mute", {{"BOT_TOKEN", kToken}});
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.botFault, BotFault::NoReply);
        QVERIFY2(outcome.reason.contains("answered nothing"), qPrintable(outcome.reason));
        QVERIFY(outcome.stopped);
        QVERIFY(!running("mute"));
        QVERIFY(!personQuestionFor(outcome, kResources, "devops").has_value());
        QVERIFY(m_harness.teardown("mute"));
    }

    void aBotThatCrashesOnAMessageGoesToTheDeveloper()
    {
        m_bot.commitBot("crashy", "os._exit(3)");
        const DeployOutcome outcome = m_harness.deploy("crashy", {{"BOT_TOKEN", kToken}});
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.reason.contains("stopped") && outcome.reason.contains("read_service_log"),
                 qPrintable(outcome.reason));
        QVERIFY(!personQuestionFor(outcome, kResources, "devops").has_value());
        QVERIFY(!running("crashy"));
        QVERIFY(m_harness.teardown("crashy"));
    }

    void cleanupTestCase()
    {
        for (const QString name : {"refused", "asking", "away", "mute", "crashy"})
            if (QFile::exists(m_bot.dir.filePath("root/" + name)))
                m_harness.teardown(name);
    }
};

QTEST_GUILESS_MAIN(TestBotFailures)
#include "tst_bot_failures.moc"
