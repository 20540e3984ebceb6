// A Telegram bot built by the bundled graph with the realistic model, every flaw switched on:
// prose first in every agent, a mis-copied edit, a bug its tests catch, a wrong first check,
// dependent calls at once, a half-remembered tool, a reply cut at the output cap and Russian
// words. Zavhoz attaches the bot's token from the vault; the bot is deployed on this machine
// against the Telegram-faithful stand-in, and the Tester talks to it through the host's relay.

#include "BotDeploySetup.h"
#include "RealisticRun.h"
#include "vault/Vault.h"

#include <QProcess>

using namespace orch;
using namespace orch::test;

class TestRealisticBot : public QObject
{
    Q_OBJECT

    BotDeploySetup m_bot{"4242:realistic-adder-token"};

private slots:
    void initTestCase()
    {
        QVERIFY(m_bot.start());
        m_bot.settings.healthTimeoutMs = 60000; // CI runs other deploys at the same time
    }

    void aBotWithEveryFlawIsBuiltDeployedAndAnswers()
    {
        const ProjectKit kit = telegramBotKit("bot:adder");
        auto s = RealisticScenario::make(kit, kEveryFlaw, m_bot.settings);
        QVERIFY(s);
        Vault* vault = inside(*s->engine->engine).vault().value();
        QVERIFY(vault->put("bot:adder", m_bot.token, kSharedScope));
        QVERIFY(vault->grant("bot:adder", kEveryProject, "test"));

        const RealisticOutcome o = s->run(kit.description);
        reportOutcome("telegram bot", "every flaw", o);
        QCOMPARE(o.record.status, RunStatus::Completed);
        QCOMPARE(o.state["deployment"]["kind"], "telegram-bot");
        QCOMPARE(o.state["deployment"]["healthy"], true);
        QCOMPARE(o.state["probes"]["passed"], true);
        QCOMPARE(o.state["probes"]["checks"].size(), kit.checks.size());
        QVERIFY(o.questions.isEmpty());
        QVERIFY(!o.stepped("developer", "devops"));
        // The checks talked to the bot; no check message reached a person on Telegram.
        QVERIFY(m_bot.running(toQ(o.state["deployment"]["service"])));
        for (const RecordedRequest& request : s->server.requests())
            QVERIFY2(!request.body.contains(m_bot.token), "a model request carries the token");
    }

    void cleanupTestCase() { QProcess::execute("pkill", {"-f", m_bot.dir.path()}); }
};

QTEST_GUILESS_MAIN(TestRealisticBot)
#include "tst_realistic_bot.moc"
