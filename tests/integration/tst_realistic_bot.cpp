// A Telegram bot built by the bundled graph with the realistic model (see tst_realistic_runs):
// prose first in every agent, then every flaw and a release that does not start. Zavhoz
// attaches the bot's token from the vault; the bot is deployed on this machine against the
// Telegram-faithful stand-in, and the Tester talks to it through the host's relay. A token
// Telegram refuses is the person's to fix: one clear question, and the right token finishes.

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

    void aBotEndsDeployedAndChecked_data()
    {
        QTest::addColumn<unsigned>("flaws");
        QTest::newRow("prose first") << unsigned(ProseFirst);
        QTest::newRow("every flaw + deploy bug") << (kEveryFlaw | DeployBug);
    }

    void aBotEndsDeployedAndChecked()
    {
        QFETCH(unsigned, flaws);
        const ProjectKit kit = telegramBotKit("bot:adder");
        auto s = RealisticScenario::make(kit, flaws, m_bot.settings);
        QVERIFY(s);
        Vault* vault = inside(*s->engine->engine).vault().value();
        QVERIFY(vault->put("bot:adder", m_bot.token, kSharedScope));
        QVERIFY(vault->grant("bot:adder", kEveryProject, "test"));

        const RealisticOutcome o = s->run(kit.description);
        reportOutcome("telegram bot", QTest::currentDataTag(), o);
        QCOMPARE(o.record.status, RunStatus::Completed);
        QCOMPARE(o.state["deployment"]["kind"], "telegram-bot");
        QCOMPARE(o.state["deployment"]["healthy"], true);
        QCOMPARE(o.state["probes"]["passed"], true);
        QCOMPARE(o.state["probes"]["checks"].size(), kit.checks.size());
        QVERIFY(o.questions.isEmpty());
        QCOMPARE(o.stepped("developer", "devops"), bool(flaws & DeployBug));
        QVERIFY(m_bot.running(toQ(o.state["deployment"]["service"])));
        for (const RecordedRequest& request : s->server.requests())
            QVERIFY2(!request.body.contains(m_bot.token), "a model request carries the token");
        // Two bots polling one token get 409s: the next run's bot gets the token alone.
        QVERIFY(m_bot.harness.teardown(toQ(o.state["deployment"]["service"])));
    }

    // The person pastes a token with a typo: Telegram refuses it, which no agent can fix. The
    // one question after the deploy asks for the token again; the right one finishes the run.
    void aRefusedTokenEndsInOneClearQuestion()
    {
        ProjectKit kit = telegramBotKit("bot:adder-own");
        kit.spec["title"] = "Adder Two";
        kit.zavhozCalls = {{{"name", "request_secret"},
                            {"arguments",
                             {{"handle", "bot:adder-own"},
                              {"env", "BOT_TOKEN"},
                              {"text", "Send the token of your bot from @BotFather."}}}}};
        auto s = RealisticScenario::make(kit, ProseFirst, m_bot.settings);
        QVERIFY(s);
        RealisticOutcome o = s->run(kit.description);
        QCOMPARE(o.record.status, RunStatus::WaitingHuman); // Zavhoz asks for the token
        RunRecord record =
            s->engine->answerAndWait(o.record.id, "4242:realistic-adder-tokem", 240000);
        o = collectOutcome(*s->engine, record, *s->model);
        QCOMPARE(record.status, RunStatus::WaitingHuman);
        QCOMPARE(o.state["question"]["kind"], "secret");
        QVERIFY2(o.questions.back().contains("Telegram refused the bot's token"),
                 qPrintable(o.questions.back()));
        QCOMPARE(o.state["failure"]["class"], "environment");
        QVERIFY(!o.stepped("developer", "devops"));

        record = s->engine->answerAndWait(o.record.id, QString::fromUtf8(m_bot.token), 240000);
        o = collectOutcome(*s->engine, record, *s->model);
        reportOutcome("telegram bot, refused token", "prose first", o);
        QCOMPARE(record.status, RunStatus::Completed);
        QCOMPARE(o.state["deployment"]["healthy"], true);
        QCOMPARE(o.questions.size(), 2); // the token, and the token again after the refusal
        QVERIFY(!o.stepped("developer", "devops"));
        for (const QString& question : o.questions)
            QVERIFY(!question.contains(QString::fromUtf8(m_bot.token)));
    }

    void cleanupTestCase() { QProcess::execute("pkill", {"-f", m_bot.dir.path()}); }
};

QTEST_GUILESS_MAIN(TestRealisticBot)
#include "tst_realistic_bot.moc"
