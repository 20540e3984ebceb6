#pragma once
// A Telegram bot in-process on a test engine, against the local Bot API stand-in: an admin
// and users on the allow-list, one-second long polls, no digest.

#include "FakeTelegramServer.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "runtime/GraphCatalog.h"
#include "store/Database.h"
#include "store/RunStore.h"
#include "telegram/TelegramBot.h"

#include <QTest>
#include <memory>

namespace orch::test {

struct BotHarness
{
    static constexpr qint64 kAdmin = 111;
    static constexpr qint64 kUser = 222;
    static constexpr qint64 kStranger = 999;
    static constexpr qint64 kCrowd = 3000; // kCrowd … kCrowd + kCrowdSize - 1: allowed users
    static constexpr int kCrowdSize = 20;

    std::unique_ptr<FakeTelegramServer> telegram;
    std::unique_ptr<TestEngine> engine;
    std::unique_ptr<TelegramBot> bot;

    // Starts the stand-in, the engine and the bot; false when one of them did not come up.
    bool start(const FakeLlmServer& model, const TestEngine::Adjust& adjust = {})
    {
        telegram = std::make_unique<FakeTelegramServer>("123:secret-token");
        if (!telegram->listen())
            return false;
        engine = std::make_unique<TestEngine>(model, false, 2, 5000, adjust);
        return engine->engine && startBot();
    }
    // A new bot on the same engine and stand-in, as after a restart.
    bool startBot()
    {
        bot.reset();
        TelegramConfig config;
        config.apiBase = telegram->baseUrl();
        config.admins = {kAdmin};
        config.users = {kUser};
        for (int i = 0; i < kCrowdSize; ++i)
            config.users.insert(kCrowd + i);
        config.longPollS = 1;
        bot = std::make_unique<TelegramBot>(*engine->engine,
                                            inside(*engine->engine).store().database(), config,
                                            "123:secret-token", nullptr);
        bot->setDigestEveryHours(0);
        return bot->start().ok();
    }
    void stop()
    {
        bot.reset();
        engine.reset();
        telegram.reset();
    }
    // Makes `graph` the version new runs use.
    bool useGraph(const Json& graph) { return inside(*engine->engine).graphs().save(graph).ok(); }
};

// What the in-process bot test classes share (they derive from it): a model stand-in scripted
// afresh for each test, the harness, and shortcuts to its Bot API stand-in and engine.
class BotTestCase : public QObject
{
protected:
    FakeLlmServer m_model;
    ScriptedModel m_script;
    BotHarness m_h;
    FakeTelegramServer* m_telegram = nullptr;
    TestEngine* m_engine = nullptr;

    void startBot(const TestEngine::Adjust& adjust = {})
    {
        QVERIFY(m_h.start(m_model, adjust));
        m_telegram = m_h.telegram.get();
        m_engine = m_h.engine.get();
        QTRY_COMPARE(m_telegram->calls("setMyCommands").size(), 2);
    }
    // Makes `graph` the version new runs use.
    void useGraph(const Json& graph) { QVERIFY(m_h.useGraph(graph)); }
    // For init(): a new script, nothing recorded.
    void scriptModelAfresh()
    {
        m_script = ScriptedModel();
        m_model.reset();
        m_model.setHandler(m_script.handler());
    }
};

} // namespace orch::test
