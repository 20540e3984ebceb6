// bench_steps: a seven-agent chain (one model call per agent, no tools) with SQLite
// checkpoints, against an in-process fake model server over loopback HTTP (on its own
// thread) or any OpenAI-compatible server given with --llm-url.
//
//   bench_steps                         sequential, 100 and 1000 concurrent runs, with a
//                                       baseline of bare HTTP calls to the same server
//   bench_steps --runs N --concurrency C [--llm-url URL] [--stream]
//   bench_steps --postgres              the same, stored in a PostgreSQL cluster it starts
//   bench_steps --quick                 the default scenarios, smaller (a few seconds): for
//                                       tests/bench/regression.py
//   bench_steps --serve                 only the fake model server: prints {"llm_url": …}
//                                       and serves until its standard input closes (for
//                                       tests/bench/vs_langgraph.py)
//   bench_steps --profile               where a step's time goes, sequential and 100
//                                       concurrent: each phase's median and total
//
// Each scenario prints one JSON line:
// {"runs":…,"concurrency":…,"steps":…,"seconds":…,"steps_per_s":…,"ms_per_step":…,"rss_mb":…}

#include "FakeLlmServer.h"
#include "PostgresCluster.h"
#include "ProcessStats.h"
#include "TestGraphs.h"
#include "core/AllocatorTuning.h"
#include "core/HeadlessEventLoop.h"
#include "core/StepProfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>

using namespace orch;
using namespace orch::test;

namespace {

struct Scenario
{
    int runs;
    int concurrency;
};

struct Measured
{
    int steps = 0;
    double seconds = 0;
    int failed = 0;
};

// Runs `runs` runs of the chain keeping `concurrency` of them in flight.
Measured runScenario(Engine& engine, GraphPtr graph, Scenario scenario)
{
    Measured result;
    int started = 0;
    int stopped = 0;
    QEventLoop loop;
    auto startOne = [&] {
        auto id = inside(engine).startRun(QStringLiteral("bench run %1").arg(started), graph);
        ++started;
        if (!id) {
            std::fprintf(stderr, "start failed: %s\n", qPrintable(id.error()));
            ++stopped;
            ++result.failed;
        }
    };
    auto connection =
        QObject::connect(&engine, &EngineApi::runStopped, &loop, [&](const RunRecord& run) {
            ++stopped;
            result.steps += run.steps;
            if (run.status != RunStatus::Completed) {
                ++result.failed;
                std::fprintf(stderr, "run %s %s: %s\n", qPrintable(run.id),
                             qPrintable(RunStatus::name(run.status)), qPrintable(run.reason));
            }
            if (started < scenario.runs)
                startOne();
            else if (stopped == scenario.runs)
                loop.quit();
        });
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < std::min(scenario.concurrency, scenario.runs); ++i)
        startOne();
    if (stopped < scenario.runs)
        loop.exec();
    result.seconds = timer.nsecsElapsed() / 1e9;
    QObject::disconnect(connection);
    return result;
}

// The same number of model calls without the engine: bare HTTP requests, `concurrency` at a time.
Measured runBaseline(const QUrl& baseUrl, const QString& model, int calls, int concurrency)
{
    QNetworkAccessManager network;
    const QByteArray body =
        toBytes({{"model", toStd(model)}, {"messages", {{{"role", "user"}, {"content", "hi"}}}}});
    QNetworkRequest request(QUrl(baseUrl.toString() + QStringLiteral("/chat/completions")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    Measured result;
    int sent = 0;
    int done = 0;
    QEventLoop loop;
    std::function<void()> sendOne = [&] {
        ++sent;
        QNetworkReply* reply = network.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            reply->readAll();
            reply->deleteLater();
            ++done;
            ++result.steps;
            if (sent < calls)
                sendOne();
            else if (done == calls)
                loop.quit();
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < std::min(concurrency, calls); ++i)
        sendOne();
    loop.exec();
    result.seconds = timer.nsecsElapsed() / 1e9;
    return result;
}

void printLine(const char* label, Scenario scenario, const Measured& m, double baselineMsPerStep)
{
    const double msPerStep = m.steps ? m.seconds * 1000.0 / m.steps : 0;
    Json line = {{"runs", scenario.runs},
                 {"concurrency", scenario.concurrency},
                 {"steps", m.steps},
                 {"seconds", std::round(m.seconds * 1000) / 1000},
                 {"steps_per_s", std::round(m.steps / std::max(m.seconds, 1e-9))},
                 {"ms_per_step", std::round(msPerStep * 10000) / 10000},
                 {"rss_mb", std::round(peakRssMb() * 10) / 10}};
    if (label)
        line["scenario"] = label;
    if (baselineMsPerStep > 0)
        line["vs_bare_http"] = std::round(msPerStep / baselineMsPerStep * 100) / 100;
    if (m.failed)
        line["failed_runs"] = m.failed;
    std::printf("%s\n", dumpJson(line).c_str());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[])
{
    tuneAllocator(argv);    // as orchestratord
    useQtEventDispatcher(); // as orchestratord
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Steps per second of the agent runtime."));
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("runs"), QStringLiteral("Runs to complete."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("concurrency"), QStringLiteral("Runs in flight at once."),
                      QStringLiteral("C"), QStringLiteral("1")});
    parser.addOption(
        {QStringLiteral("llm-url"),
         QStringLiteral("An external OpenAI-compatible server instead of the in-process fake."),
         QStringLiteral("URL")});
    parser.addOption({QStringLiteral("llm-model"),
                      QStringLiteral("Model name to ask for (default: fake-model)."),
                      QStringLiteral("NAME"), QStringLiteral("fake-model")});
    parser.addOption({QStringLiteral("stream"), QStringLiteral("Ask for streamed replies (SSE).")});
    parser.addOption(
        {QStringLiteral("quick"),
         QStringLiteral("Sequential and 100 concurrent with their baselines, smaller.")});
    parser.addOption({QStringLiteral("serve"),
                      QStringLiteral("Only serve the fake model until standard input closes.")});
    parser.addOption({QStringLiteral("profile"),
                      QStringLiteral("Where a step's time goes: the median of each phase "
                                     "(sequential, then 100 concurrent).")});
    parser.addOption({QStringLiteral("postgres"),
                      QStringLiteral("Store in a PostgreSQL cluster started for the benchmark "
                                     "instead of SQLite files.")});
    parser.process(app);

    PostgresCluster postgres;
    const bool onPostgres = parser.isSet(QStringLiteral("postgres"));
    if (onPostgres)
        if (const QString failed = postgres.start(); !failed.isEmpty())
            qFatal("%s", qPrintable(failed));

    FakeLlmServer* server = nullptr;
    QThread serverThread;
    QUrl url(parser.value(QStringLiteral("llm-url")));
    if (url.isEmpty()) {
        server = new FakeLlmServer;
        server->setRecording(false);
        // Built once: the fake's own work per request is in both sides' time, so the less of
        // it, the more of the comparison is the runtimes' own.
        const FakeReply answer = FakeReply::openAiText("done", 50, 5);
        server->setHandler([answer](const RecordedRequest&) { return answer; });
        if (!server->listen())
            qFatal("fake server cannot listen");
        server->moveToThread(&serverThread);
        QObject::connect(&serverThread, &QThread::finished, server, &QObject::deleteLater);
        serverThread.start();
        url = server->baseUrl();
    }

    if (parser.isSet(QStringLiteral("serve"))) {
        std::printf("%s\n", dumpJson({{"llm_url", toStd(url.toString())}}).c_str());
        std::fflush(stdout);
        // The fake serves on its own thread; this one waits for the caller to go.
        char ignored[256];
        while (std::fread(ignored, 1, sizeof ignored, stdin) > 0) {
        }
        serverThread.quit();
        serverThread.wait();
        return 0;
    }

    QTemporaryDir dir;
    auto makeEngine = [&](const QString& name) {
        EngineOptions options;
        options.databasePath = dir.filePath(name + QStringLiteral(".db"));
        if (onPostgres) {
            const QString database = name.toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
            if (const QString failed = postgres.createDatabase(database); !failed.isEmpty())
                qFatal("%s", qPrintable(failed));
            options.databasePath = postgres.url(database);
        }
        options.workspaceRoot = dir.filePath(QStringLiteral("ws"));
        options.reportsDir = dir.filePath(QStringLiteral("reports"));
        options.tools.git.remoteRoot = dir.filePath(QStringLiteral("remotes"));
        ProviderEndpoint endpoint;
        endpoint.baseUrl = url;
        endpoint.timeoutMs = 60000;
        options.llm.overrideEndpoint = endpoint;
        options.llm.stream = parser.isSet(QStringLiteral("stream"));
        options.llm.overrideModel = parser.value(QStringLiteral("llm-model"));
        return Engine::create(std::move(options)).value();
    };

    int exitCode = 0;
    auto runOne = [&](const char* label, Scenario scenario, double baseline) {
        auto engine =
            makeEngine(QStringLiteral("bench-%1-%2").arg(scenario.runs).arg(scenario.concurrency));
        GraphPtr graph = inside(*engine).graphLoader().loadJson(chainGraph(7), {}).graph;
        const Measured m = runScenario(*engine, graph, scenario);
        if (m.failed)
            exitCode = 1;
        printLine(label, scenario, m, baseline);
        return m;
    };

    if (parser.isSet(QStringLiteral("profile"))) {
        for (const auto& [label, scenario] : {std::pair{"sequential", Scenario{100, 1}},
                                              std::pair{"100 concurrent", Scenario{100, 100}}}) {
            (void)profile::take();
            profile::setEnabled(true);
            const Measured m = runOne(label, scenario, 0);
            profile::setEnabled(false);
            for (const profile::PhaseSummary& phase : profile::take())
                std::printf("%s\n", dumpJson({{"profile", label},
                                              {"phase", phase.phase},
                                              {"samples", phase.samples},
                                              {"per_step", std::round(double(phase.samples) /
                                                                      std::max(m.steps, 1) * 100) /
                                                               100},
                                              {"median_us", std::round(phase.medianUs * 10) / 10},
                                              {"total_ms", std::round(phase.totalMs * 10) / 10}})
                                        .c_str());
        }
    } else if (parser.isSet(QStringLiteral("runs"))) {
        runOne(nullptr,
               {parser.value(QStringLiteral("runs")).toInt(),
                parser.value(QStringLiteral("concurrency")).toInt()},
               0);
    } else if (parser.isSet(QStringLiteral("quick"))) {
        // Each ratio from a baseline measured right before its scenario, three times over,
        // after a warm-up (connections, the page cache): the median of the three is printed.
        const QString model = parser.value(QStringLiteral("llm-model"));
        (void)runBaseline(url, model, 100, 1);
        {
            auto warm = makeEngine(QStringLiteral("warm-up"));
            (void)runScenario(*warm, inside(*warm).graphLoader().loadJson(chainGraph(7), {}).graph,
                              {10, 1});
        }
        for (const Scenario scenario : {Scenario{50, 1}, Scenario{100, 100}}) {
            const int calls = scenario.concurrency == 1 ? 350 : 700;
            std::vector<double> ratios;
            Measured last;
            for (int i = 0; i < 3; ++i) {
                const Measured bare = runBaseline(url, model, calls, scenario.concurrency);
                last = runOne(nullptr, scenario, bare.seconds * 1000.0 / bare.steps);
                const double ms = last.seconds * 1000.0 / std::max(last.steps, 1);
                ratios.push_back(ms / (bare.seconds * 1000.0 / bare.steps));
            }
            std::sort(ratios.begin(), ratios.end());
            std::printf(
                "%s\n",
                dumpJson({{"scenario", scenario.concurrency == 1 ? "sequential" : "100 concurrent"},
                          {"quick", true},
                          {"vs_bare_http", std::round(ratios[1] * 100) / 100}})
                    .c_str());
        }
    } else {
        const int sequentialRuns = 200;
        const Measured bare =
            runBaseline(url, parser.value(QStringLiteral("llm-model")), sequentialRuns * 7, 1);
        printLine("baseline: bare HTTP calls, sequential", {sequentialRuns * 7, 1}, bare, 0);
        const double bareMs = bare.seconds * 1000.0 / bare.steps;
        runOne("sequential", {sequentialRuns, 1}, bareMs);
        const Measured bareConcurrent =
            runBaseline(url, parser.value(QStringLiteral("llm-model")), 700, 100);
        printLine("baseline: bare HTTP calls, 100 in flight", {700, 100}, bareConcurrent, 0);
        const double bareConcurrentMs = bareConcurrent.seconds * 1000.0 / bareConcurrent.steps;
        runOne("100 concurrent", {100, 100}, bareConcurrentMs);
        runOne("1000 concurrent", {1000, 1000}, bareConcurrentMs);
    }
    serverThread.quit();
    serverThread.wait();
    return exitCode;
}
