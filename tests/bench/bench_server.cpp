// bench_server: 200 Telegram chats each start a project at once. The bot and the engine run
// in this process on one event loop; the Bot API stand-in and an instant fake model run on
// a thread each and answer over loopback HTTP. Measured per chat: time from the update
// being available to the bot's first reply reaching the Bot API. Baseline, in the same run:
// a bare echo bot (getUpdates + sendMessage, no engine) against the same stand-in.
//
//   bench_server [--chats N]
//
// Prints one JSON line per scenario:
// {"scenario":…,"chats":…,"p50_ms":…,"p99_ms":…,"all_done_s":…,"rss_mb":…}

#include "FakeTelegramServer.h"
#include "ProcessStats.h"
#include "TestGraphs.h"
#include "core/AllocatorTuning.h"
#include "core/HeadlessEventLoop.h"
#include "runtime/GraphCatalog.h"
#include "store/Database.h"
#include "store/RunStore.h"
#include "telegram/TelegramBot.h"
#include "telegram/TelegramOutbox.h"
#include "telegram/TelegramPoller.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace orch;
using namespace orch::test;

namespace {

constexpr qint64 kFirstUser = 100000;
const QByteArray kToken = "1:bench-token";

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct Latencies
{
    double p50 = 0;
    double p99 = 0;
    int answered = 0;
};

// First sendMessage per chat against the time its update was pushed.
Latencies firstReplies(const FakeTelegramServer& telegram, const QHash<qint64, qint64>& pushedAt)
{
    QHash<qint64, qint64> first;
    for (const BotCall& call : telegram.calls(QStringLiteral("sendMessage"))) {
        const qint64 chat = call.params.value("chat_id", qint64(0));
        if (pushedAt.contains(chat) && !first.contains(chat))
            first.insert(chat, call.steadyNs - pushedAt.value(chat));
    }
    std::vector<double> ms;
    for (qint64 ns : std::as_const(first))
        ms.push_back(double(ns) / 1e6);
    std::sort(ms.begin(), ms.end());
    Latencies result;
    result.answered = int(ms.size());
    if (!ms.empty()) {
        result.p50 = ms[ms.size() / 2];
        result.p99 = ms[std::min(ms.size() - 1, size_t(double(ms.size()) * 0.99))];
    }
    return result;
}

QHash<qint64, qint64> pushAll(FakeTelegramServer& telegram, int chats, const QString& text)
{
    QHash<qint64, qint64> pushedAt;
    for (int i = 0; i < chats; ++i) {
        const qint64 user = kFirstUser + i;
        pushedAt.insert(user, steadyNs());
        telegram.pushText(user, text.arg(i));
    }
    return pushedAt;
}

void print(const char* scenario, int chats, const Latencies& l, double allDoneS)
{
    std::printf("{\"scenario\":\"%s\",\"chats\":%d,\"answered\":%d,\"p50_ms\":%.2f,\"p99_ms\":%.2f,"
                "\"all_done_s\":%.2f,\"rss_mb\":%.1f}\n",
                scenario, chats, l.answered, l.p50, l.p99, allDoneS, peakRssMb());
    std::fflush(stdout);
}

// The floor: a bot that answers every update at once, with no engine behind it.
void echoBaseline(FakeTelegramServer& telegram, int chats)
{
    TelegramApi api(telegram.baseUrl(), kToken, nullptr);
    TelegramOutbox outbox(&api, {}, nullptr);
    TelegramPoller poller(
        &api, 0, [](qint64) {}, {1, 100, 1000}, nullptr);
    QObject::connect(&poller, &TelegramPoller::updateReceived, &outbox, [&](const Json& update) {
        const qint64 chat = update["message"]["chat"]["id"].get<qint64>();
        outbox.sendText(chat, QStringLiteral("echo"));
    });
    poller.start();
    const auto pushedAt = pushAll(telegram, chats, QStringLiteral("hello %1"));
    QElapsedTimer clock;
    clock.start();
    (void)QTest::qWaitFor([&] { return firstReplies(telegram, pushedAt).answered == chats; },
                          60000);
    print("echo_baseline", chats, firstReplies(telegram, pushedAt), double(clock.elapsed()) / 1000);
    poller.stop();
}

} // namespace

int main(int argc, char** argv)
{
    tuneAllocator(argv);    // as orchestratord
    useQtEventDispatcher(); // as orchestratord
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("chats"), QStringLiteral("Chats starting a project at once."),
                      QStringLiteral("N"), QStringLiteral("200")});
    parser.process(app);
    const int chats = parser.value(QStringLiteral("chats")).toInt();

    // The stand-ins on threads of their own, as Telegram and the model provider are machines of
    // their own: the model's traffic never slows the Bot API's answers.
    QThread servers;
    QThread modelThread;
    auto* model = new FakeLlmServer;
    auto* baselineTelegram = new FakeTelegramServer(kToken);
    auto* telegram = new FakeTelegramServer(kToken);
    if (!model->listen() || !telegram->listen() || !baselineTelegram->listen())
        return 1;
    model->setRecording(false);
    model->setHandler([](const RecordedRequest&) { return FakeReply::openAiText("done"); });
    for (QObject* server :
         {static_cast<QObject*>(telegram), static_cast<QObject*>(baselineTelegram)}) {
        server->moveToThread(&servers);
        QObject::connect(&servers, &QThread::finished, server, &QObject::deleteLater);
    }
    model->moveToThread(&modelThread);
    QObject::connect(&modelThread, &QThread::finished, model, &QObject::deleteLater);
    servers.start();
    modelThread.start();

    echoBaseline(*baselineTelegram, chats);

    TestEngine engine(*model);
    if (!engine.engine || !inside(*engine.engine).graphs().save(chainGraph(3)))
        return 1;
    TelegramConfig config;
    config.apiBase = telegram->baseUrl();
    config.admins = {kFirstUser};
    for (int i = 0; i < chats; ++i)
        config.users.insert(kFirstUser + i);
    config.longPollS = 1;
    TelegramBot bot(*engine.engine, inside(*engine.engine).store().database(), config, kToken,
                    nullptr);
    bot.setDigestEveryHours(0);
    if (!bot.start())
        return 1;
    int finished = 0;
    QObject::connect(engine.engine.get(), &EngineApi::runStopped,
                     [&](const RunRecord&) { ++finished; });
    const auto pushedAt = pushAll(*telegram, chats, QStringLiteral("/new project number %1"));
    QElapsedTimer clock;
    clock.start();
    (void)QTest::qWaitFor([&] { return finished >= chats; }, 300000);
    const double allDone = double(clock.elapsed()) / 1000;
    (void)QTest::qWaitFor([&] { return firstReplies(*telegram, pushedAt).answered == chats; },
                          10000);
    print("orchestrator_new_project", chats, firstReplies(*telegram, pushedAt), allDone);
    std::printf("{\"runs_finished\":%d}\n", finished);
    bot.stop();
    servers.quit();
    modelThread.quit();
    servers.wait();
    modelThread.wait();
    return finished >= chats ? 0 : 1;
}
