#include "ServeCommand.h"

#include "LeaderGate.h"
#include "SignalWatcher.h"
#include "StepPrinter.h"
#include "config/ServerConfig.h"
#include "core/Log.h"
#include "facade/LocalVault.h"
#include "remote/RemoteServer.h"
#include "telegram/TelegramBot.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTimer>
#include <algorithm>
#include <cstdio>

namespace orch::cli {
namespace {

Result<QByteArray> revealSecret(Vault& vault, const QString& handle, const QString& setting)
{
    auto value = vault.reveal(handle);
    if (!value)
        return Error{QStringLiteral("%1: %2").arg(setting, value.error())};
    return value;
}

} // namespace

int serveCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run headless: resume every unfinished run, serve Telegram and the remote API as the "
        "settings file says, and on SIGTERM or SIGINT let steps in flight finish and commit "
        "before exiting (the rest resumes at the next start). Without --config it takes the "
        "same model, deploy and folder options as run."));
    addCommonOptions(parser);
    addEngineOptions(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per line.")});
    parser.addOption({QStringLiteral("adopt-every"),
                      QStringLiteral("How often to look for running runs whose worker stopped, "
                                     "in milliseconds (default 5000)."),
                      QStringLiteral("MS"), QStringLiteral("5000")});
    parser.addOption({QStringLiteral("wait-for-database"),
                      QStringLiteral("How long to wait at start for a database server that is "
                                     "away (PostgreSQL restarting, a host still booting), in "
                                     "seconds (default 120)."),
                      QStringLiteral("S"), QStringLiteral("120")});
    if (!parse(parser, context))
        return BadArguments;
    bool badSettings = false;
    const std::optional<ServerConfig> config = settingsFile(parser, &badSettings);
    if (badSettings)
        return BadArguments;
    bool waitIsNumber = false;
    const int waitS = parser.value(QStringLiteral("wait-for-database")).toInt(&waitIsNumber);
    if (!waitIsNumber || waitS < 0) {
        printError(QStringLiteral("--wait-for-database must be a number of seconds"));
        return BadArguments;
    }
    auto engine = makeEngine(parser, true, waitS);
    if (!engine)
        return BadArguments;
    StepPrinter printer(*engine, parser.isSet(QStringLiteral("json")));
    engine->watchBudgets(15000);
    engine->watchResources(15000, 5 * 60 * 1000);
    engine->pruneDaily();
    const int adoptEveryMs = parser.isSet(QStringLiteral("adopt-every")) || !config
                                 ? parser.value(QStringLiteral("adopt-every")).toInt()
                                 : config->adoptEveryMs;
    engine->watchOrphans(std::clamp(adoptEveryMs, 100, 3600000));
    // The front ends get a database connection of their own (the bot keeps its records there)
    // and the vault their tokens are in; the engine hands out neither.
    std::optional<LocalVault> services;
    if (config && (config->telegram || config->remote)) {
        auto opened = LocalVault::open(config->engine);
        if (!opened) {
            printError(opened.error());
            return BadArguments;
        }
        // The bot's offset waits where the engine's writes wait while the database is away.
        opened->database->setSpool(engine->writeSpool());
        services = std::move(opened).value();
    }
    std::unique_ptr<TelegramBot> bot;
    if (config && config->telegram) {
        auto token = revealSecret(*services->vault, config->telegram->tokenSecret,
                                  QStringLiteral("telegram.token_secret"));
        if (!token) {
            printError(token.error());
            return BadArguments;
        }
        bot = std::make_unique<TelegramBot>(*engine, *services->database, *config->telegram,
                                            token.value(), nullptr);
        bot->setDigestEveryHours(config->digest.everyHours);
        bot->setAwayEveryDays(config->digest.awayEveryDays);
    }

    std::unique_ptr<RemoteServer> remote;
    if (config && config->remote) {
        auto token = revealSecret(*services->vault, config->remote->tokenSecret,
                                  QStringLiteral("remote_api.token_secret"));
        if (!token) {
            printError(token.error());
            return BadArguments;
        }
        RemoteServerSettings settings{config->remote->bind,
                                      config->remote->port,
                                      token.value(),
                                      config->remote->certificateFile,
                                      config->remote->privateKeyFile,
                                      config->remote->maxMessageBytes};
        remote = std::make_unique<RemoteServer>(*engine, settings, nullptr);
        if (auto listening = remote->listen(); !listening) {
            printError(listening.error());
            return Failed;
        }
    }

    // Telegram polling, the digest and the deployment watcher run on one worker of the
    // database at a time; without a bot, every serve process watches.
    const int watchMs = (config ? config->watch.everySeconds : WatchConfig().everySeconds) * 1000;
    if (!bot)
        engine->watchDeployments(watchMs);
    std::unique_ptr<LeaderGate> leader;
    bool botStarted = false;
    if (bot)
        leader = std::make_unique<LeaderGate>(
            *services->database, QStringLiteral("telegram"),
            [&] {
                // The offset a leader spooled during an outage is in before it is read.
                if (auto replayed = engine->applySpooledWrites(); !replayed)
                    log::get("store")->warn("spooled writes wait: {}", replayed.error());
                auto started = bot->start();
                botStarted = started.ok();
                if (!started)
                    printError(started.error());
                // The watcher's alerts reach chats through this process's bot.
                engine->watchDeployments(watchMs);
            },
            [&] {
                bot->stop();
                botStarted = false;
                engine->watchDeployments(0);
            },
            nullptr);

    SignalWatcher termination;
    bool stopping = false;
    QObject::connect(&termination, &SignalWatcher::terminationRequested, engine.get(),
                     [&](int number) {
                         if (stopping)
                             return;
                         stopping = true;
                         std::printf("signal %d: finishing the steps in flight\n", number);
                         std::fflush(stdout);
                         if (bot)
                             bot->stop();
                         if (leader)
                             leader->release();
                         engine->drain();
                     });
    QObject::connect(engine.get(), &EngineApi::drained, engine.get(), [&] {
        // Messages already queued for Telegram get a few seconds to go out.
        auto deadline = std::make_shared<QDeadlineTimer>(5000);
        auto* wait = new QTimer(engine.get());
        QObject::connect(wait, &QTimer::timeout, engine.get(), [&, deadline] {
            if (!bot || bot->undelivered() == 0 || deadline->hasExpired())
                QCoreApplication::exit(0);
        });
        wait->start(50);
    });
    auto resumed = engine->resumeUnfinished();
    if (!resumed) {
        printError(resumed.error());
        return Failed;
    }
    for (const QString& problem : resumed->problems)
        printError(QStringLiteral("not resumed: %1").arg(problem));
    if (leader)
        leader->start();
    if (bot && leader->leading() && !botStarted)
        return Failed; // the bot could not start (the reason is printed)
    std::printf(
        "serving; resumed %lld run(s)%s%s\n", static_cast<long long>(resumed->resumed.size()),
        !bot                ? ""
        : leader->leading() ? "; Telegram on"
                            : "; Telegram on standby (another worker leads)",
        remote ? qPrintable(QStringLiteral("; remote API on port %1").arg(remote->port())) : "");
    std::fflush(stdout);
    const int code = QCoreApplication::exec();
    std::printf("stopped cleanly\n");
    return code;
}

} // namespace orch::cli
