#pragma once
// What the bot deploy tests share: the Telegram-faithful stand-in for one bot token, deploy
// settings on this machine aimed at it (loopback ports, an 8 s health timeout), a harness, and
// ways to make a bot that misbehaves.

#include "DeployHarness.h"
#include "FakeTelegramServer.h"
#include "LocalPorts.h"
#include "TestFiles.h"
#include "deploy/HttpProbe.h"
#include "deploy/ServiceHealth.h"

#include <QTemporaryDir>
#include <QTest>

namespace orch::test {

struct BotDeploySetup
{
    explicit BotDeploySetup(const QByteArray& token) : telegram(token), token(token) {}

    // In initTestCase: false when something did not come up.
    bool start()
    {
        if (!letOthersThrough(dir.path()) || !telegram.listen())
            return false;
        qRegisterMetaType<orch::DeployOutcome>();
        qRegisterMetaType<orch::ProbeResult>();
        telegram.setUsername("clock_test_bot");
        settings.deployRoot = dir.filePath("root");
        settings.httpPort = freePort();
        settings.httpsPort = freePort();
        settings.healthTimeoutMs = 8000;
        settings.telegramApiBase = telegram.baseUrl().toString();
        harness.start(settings);
        return true;
    }
    bool running(const QString& name) const { return ServiceHealth::processAlive(settings, name); }
    bool leaksNoToken(const DeployOutcome& outcome) const
    {
        return !outcome.reason.toUtf8().contains(token) && !outcome.healthBody.contains(token);
    }
    // A bot whose handler does `body` with each message.
    QString commitBot(const QString& name, const QByteArray& body)
    {
        auto files = DeployHarness::bundled("python-telegram-bot");
        files["handlers.py"] = "import os, time\n\ndef reply(text):\n    " + body + "\n";
        return harness.commit(name, files);
    }

    QTemporaryDir dir;
    FakeTelegramServer telegram;
    QByteArray token;
    DeploySettings settings;
    DeployHarness harness{dir.path()};
};

} // namespace orch::test
