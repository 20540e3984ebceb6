#include "ServeCommand.h"

#include "SignalWatcher.h"
#include "StepPrinter.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

namespace orch::cli {

int serveCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run headless: resume every unfinished run, keep driving runs, and on SIGTERM or SIGINT "
        "let steps in flight finish and commit before exiting (the rest resumes at the next "
        "start). Takes the same model, deploy and folder options as run."));
    addCommonOptions(parser);
    addEngineOptions(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per line.")});
    if (!parse(parser, context))
        return BadArguments;
    auto engine = makeEngine(parser, true);
    if (!engine)
        return BadArguments;
    StepPrinter printer(*engine, parser.isSet(QStringLiteral("json")));
    SignalWatcher termination;
    bool stopping = false;
    QObject::connect(&termination, &SignalWatcher::terminationRequested, engine.get(), [&](int number) {
        if (stopping)
            return;
        stopping = true;
        std::printf("signal %d: finishing the steps in flight\n", number);
        std::fflush(stdout);
        engine->drain();
    });
    QObject::connect(engine.get(), &EngineApi::drained, engine.get(), [] { QCoreApplication::exit(0); });
    auto resumed = engine->resumeUnfinished();
    if (!resumed) {
        printError(resumed.error());
        return Failed;
    }
    for (const QString& problem : resumed->problems)
        printError(QStringLiteral("not resumed: %1").arg(problem));
    std::printf("serving; resumed %lld run(s)\n", static_cast<long long>(resumed->resumed.size()));
    std::fflush(stdout);
    const int code = QCoreApplication::exec();
    std::printf("stopped cleanly\n");
    return code;
}

} // namespace orch::cli
