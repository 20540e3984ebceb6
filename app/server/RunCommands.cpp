#include "RunCommands.h"

#include "StepPrinter.h"
#include "api/AwaitAnswer.h"
#include "api/WireFormat.h"
#include "money/Usd.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QThread>

namespace orch::cli {
namespace {

using api::awaitAnswer;

// The run a command names by its id or a unique prefix.
Result<RunRecord> namedRun(Engine& engine, const QString& idOrPrefix)
{
    auto overview = awaitAnswer(engine, &EngineApi::runOverview, {idOrPrefix});
    if (!overview)
        return overview.failure();
    return overview->run;
}

// Collects the runs that stop from the moment it exists, so a run that stops while a command
// still waits for an answer (whose local event loop lets runs move) is not missed.
class StoppedRuns
{
public:
    explicit StoppedRuns(Engine& engine)
    {
        QObject::connect(&engine, &EngineApi::runStopped, &engine, [this](const RunRecord& run) {
            m_stopped.insert(run.id, run);
            if (m_pending.remove(run.id) && m_pending.isEmpty() && m_waiting)
                QCoreApplication::exit(0);
        });
    }

    // Runs the event loop until every run in `ids` stopped; the exit code says how they ended.
    int waitFor(const QStringList& ids)
    {
        m_pending.clear();
        for (const QString& id : ids)
            if (!m_stopped.contains(id))
                m_pending.insert(id);
        if (!m_pending.isEmpty()) {
            m_waiting = true;
            QCoreApplication::exec();
            m_waiting = false;
        }
        int code = Completed;
        for (const QString& id : ids) {
            const RunRecord run = m_stopped.value(id);
            if (run.status == RunStatus::Completed)
                continue;
            if (RunStatus::isWaiting(run.status)) {
                if (code == Completed)
                    code = Waiting;
                continue;
            }
            printError(QStringLiteral("run %1 %2: %3")
                           .arg(run.id, RunStatus::name(run.status), run.reason));
            code = Failed;
        }
        return code;
    }

private:
    QHash<QString, RunRecord> m_stopped;
    QSet<QString> m_pending;
    bool m_waiting = false;
};

QString forecastText(const RunForecast& f)
{
    if (!f.known())
        return f.basis;
    return QStringLiteral("%1 (%2–%3) and %4 min of work (%5–%6), from %7")
        .arg(usd(f.costMid, 4), usd(f.costLow, 4), usd(f.costHigh, 4),
             QString::number(double(f.msMid) / 60000.0, 'f', 1),
             QString::number(double(f.msLow) / 60000.0, 'f', 1),
             QString::number(double(f.msHigh) / 60000.0, 'f', 1), f.basis);
}

} // namespace

int runCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Start a project: run the agent graph on a description until it completes, stops, "
        "or waits for a human.\nExit codes: 0 completed, 1 failed/stalled, 2 bad arguments "
        "or invalid graph, 3 waiting for a human or a budget."));
    addCommonOptions(parser);
    addEngineOptions(parser);
    parser.addOption(
        {QStringLiteral("description"), QStringLiteral("What to build."), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("graph"),
                      QStringLiteral("Graph file (default: the bundled seven-agent graph)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per line.")});
    parser.addOption(
        {QStringLiteral("anyway"),
         QStringLiteral("Start even when the forecast is more than the budget left.")});
    if (!parse(parser, context))
        return BadArguments;
    const QString description = parser.value(QStringLiteral("description")).trimmed();
    if (description.isEmpty()) {
        printError(QStringLiteral("run needs --description TEXT"));
        return BadArguments;
    }
    auto engine = makeEngine(parser, true);
    if (!engine)
        return BadArguments;
    StepPrinter printer(*engine, parser.isSet(QStringLiteral("json")));
    StoppedRuns stopped(*engine);
    if (parser.isSet(QStringLiteral("llm-replay")) && !parser.isSet(QStringLiteral("json")))
        std::printf(
            "model: offline demo model (recorded replies from %s; no network, no real model)\n",
            qPrintable(parser.value(QStringLiteral("llm-replay"))));
    // What such a run cost and took before; more than the budget left asks for --anyway.
    if (auto forecast = awaitAnswer(*engine, &EngineApi::forecast, {description, {}});
        forecast && !parser.isSet(QStringLiteral("json"))) {
        std::printf("forecast: %s\n", qPrintable(forecastText(forecast.value())));
        if (forecast->exceedsBudget && !parser.isSet(QStringLiteral("anyway"))) {
            printError(QStringLiteral("the forecast is more than the budget left (%1): top it up "
                                      "or start with --anyway")
                           .arg(usd(forecast->budgetLeft.value_or(0), 4)));
            return Waiting;
        }
    }
    auto runId = engine->startRunFromFile(description, parser.value(QStringLiteral("graph")));
    if (!runId) {
        printError(runId.code() == ErrorCode::InvalidGraph
                       ? QStringLiteral("invalid graph:\n%1").arg(runId.error())
                       : runId.error());
        return BadArguments;
    }
    return stopped.waitFor({runId.value()});
}

int changeCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Ask for a change to an existing project: a new run on its workspace, repository and "
        "deployment, starting at the architect with the current spec and last report.\nExit "
        "codes as for run."));
    addCommonOptions(parser);
    addEngineOptions(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per line.")});
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("Project id, id prefix or name."));
    parser.addPositionalArgument(QStringLiteral("text"), QStringLiteral("What to change."));
    if (!parse(parser, context))
        return BadArguments;
    if (parser.positionalArguments().size() != 2 ||
        parser.positionalArguments().at(1).trimmed().isEmpty()) {
        printError(QStringLiteral("change needs PROJECT and TEXT"));
        return BadArguments;
    }
    auto engine = makeEngine(parser, true);
    if (!engine)
        return BadArguments;
    StepPrinter printer(*engine, parser.isSet(QStringLiteral("json")));
    StoppedRuns stopped(*engine);
    auto runId =
        awaitAnswer(*engine, &EngineApi::changeProject,
                    {parser.positionalArguments().at(0), parser.positionalArguments().at(1)});
    if (!runId) {
        printError(runId.error());
        return runId.code() == ErrorCode::NotFound || runId.code() == ErrorCode::Invalid
                   ? BadArguments
                   : Failed;
    }
    return stopped.waitFor({runId.value()});
}

int repairCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A project's repairs. With --policy or --budget (or --show): what it may do when "
        "restarts and rollbacks do not end an incident (off, ask: with the person's approval, "
        "auto) and its repair budget a month. Otherwise: starts a repair run for its incident "
        "(from the Developer, given the evidence) and follows it. Exit codes as for run."));
    addCommonOptions(parser);
    addEngineOptions(parser);
    parser.addOption(
        {QStringLiteral("policy"), QStringLiteral("off, ask or auto."), QStringLiteral("POLICY")});
    parser.addOption({QStringLiteral("budget"), QStringLiteral("USD a month for repair runs."),
                      QStringLiteral("USD")});
    parser.addOption({QStringLiteral("show"), QStringLiteral("Only show the policy.")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per line.")});
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("Project id, id prefix or name."));
    if (!parse(parser, context))
        return BadArguments;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("repair needs PROJECT"));
        return BadArguments;
    }
    const QString project = parser.positionalArguments().at(0);
    bool number = true;
    const double budget = parser.isSet(QStringLiteral("budget"))
                              ? parser.value(QStringLiteral("budget")).toDouble(&number)
                              : -1;
    if (!number || (parser.isSet(QStringLiteral("budget")) && budget < 0)) {
        printError(QStringLiteral("--budget is an amount in USD, 0 or more"));
        return BadArguments;
    }
    auto engine = makeEngine(parser, true);
    if (!engine)
        return BadArguments;
    const bool json = parser.isSet(QStringLiteral("json"));
    if (parser.isSet(QStringLiteral("policy")) || parser.isSet(QStringLiteral("budget")) ||
        parser.isSet(QStringLiteral("show"))) {
        auto standing = awaitAnswer(*engine, &EngineApi::repairPolicy,
                                    {project, parser.value(QStringLiteral("policy")), budget});
        if (!standing) {
            printError(standing.error());
            return BadArguments;
        }
        if (json)
            std::printf("%s\n", dumpJson(wire::toJson(standing.value())).c_str());
        else
            std::printf("repairs: %s; this month %s of %s spent in %d run(s)\n",
                        qPrintable(standing->policy), qPrintable(usd(standing->spentThisMonth, 2)),
                        qPrintable(usd(standing->monthlyBudget, 2)), standing->runsThisMonth);
        return Completed;
    }
    StepPrinter printer(*engine, json);
    StoppedRuns stopped(*engine);
    auto runId = awaitAnswer(*engine, &EngineApi::repairNow, {project});
    if (!runId) {
        printError(runId.error());
        return runId.code() == ErrorCode::Failed ? Failed : BadArguments;
    }
    return stopped.waitFor({runId.value()});
}

int resumeCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Resume every unfinished run from its last checkpoint (or one run, also a failed one, "
        "with --run). Exit codes as for run."));
    addCommonOptions(parser);
    addEngineOptions(parser);
    parser.addOption(
        {QStringLiteral("run"), QStringLiteral("Resume only this run."), QStringLiteral("RUN")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per line.")});
    if (!parse(parser, context))
        return BadArguments;
    auto engine = makeEngine(parser, true);
    if (!engine)
        return BadArguments;
    StepPrinter printer(*engine, parser.isSet(QStringLiteral("json")));
    StoppedRuns stopped(*engine);
    QStringList ids;
    if (parser.isSet(QStringLiteral("run"))) {
        auto run = namedRun(*engine, parser.value(QStringLiteral("run")));
        if (!run) {
            printError(run.error());
            return BadArguments;
        }
        if (auto resumed = awaitAnswer(*engine, &EngineApi::resumeRun, {run->id}); !resumed) {
            printError(resumed.error());
            return Failed;
        }
        if (RunStatus::isWaiting(run->status)) {
            std::printf("run %s is still waiting: %s\n", qPrintable(run->id),
                        qPrintable(run->reason));
            return Waiting;
        }
        ids << run->id;
    } else {
        auto resumed = engine->resumeUnfinished();
        if (!resumed) {
            printError(resumed.error());
            return Failed;
        }
        ids = resumed->resumed;
        std::printf("resuming %lld run(s)\n", static_cast<long long>(ids.size()));
        std::fflush(stdout);
        for (const QString& problem : resumed->problems)
            printError(QStringLiteral("not resumed: %1").arg(problem));
        const int code = stopped.waitFor(ids);
        return resumed->problems.isEmpty() ? code : Failed;
    }
    return stopped.waitFor(ids);
}

int answerCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Answer the question a waiting run asked, and continue the run."));
    addCommonOptions(parser);
    addEngineOptions(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per line.")});
    parser.addPositionalArgument(QStringLiteral("run"), QStringLiteral("Run id (or prefix)."));
    parser.addPositionalArgument(
        QStringLiteral("text"),
        QStringLiteral("The answer; - reads it from stdin (for a secret, which a command line "
                       "would show to every user of the machine)."));
    if (!parse(parser, context))
        return BadArguments;
    if (parser.positionalArguments().size() != 2) {
        printError(QStringLiteral("answer needs RUN and TEXT"));
        return BadArguments;
    }
    QString text = parser.positionalArguments().at(1);
    if (text == QLatin1String("-")) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly)) {
            printError(QStringLiteral("cannot read the answer from stdin"));
            return BadArguments;
        }
        text = QString::fromUtf8(input.read(64 * 1024)).trimmed();
    }
    auto engine = makeEngine(parser, true);
    if (!engine)
        return BadArguments;
    StepPrinter printer(*engine, parser.isSet(QStringLiteral("json")));
    StoppedRuns stopped(*engine);
    auto run = namedRun(*engine, parser.positionalArguments().at(0));
    if (!run) {
        printError(run.error());
        return BadArguments;
    }
    if (auto answered = awaitAnswer(*engine, &EngineApi::answer, {run->id, text}); !answered) {
        printError(answered.error());
        return Failed;
    }
    // Another queued question stops the run again at once, before there is anything to wait for.
    if (auto after = namedRun(*engine, run->id); after && RunStatus::isWaiting(after->status))
        return Waiting;
    return stopped.waitFor({run->id});
}

// How long `cancel` waits for the process that drives a run to honour the request.
constexpr qint64 kCancelWaitMs = 30000;

int cancelCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Cancel a run that is not finished."));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("run"), QStringLiteral("Run id (or prefix)."));
    if (!parse(parser, context))
        return BadArguments;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("cancel needs RUN"));
        return BadArguments;
    }
    auto engine = makeEngine(parser, false);
    if (!engine)
        return BadArguments;
    auto run = namedRun(*engine, parser.positionalArguments().at(0));
    if (!run) {
        printError(run.error());
        return BadArguments;
    }
    if (auto cancelled = awaitAnswer(*engine, &EngineApi::cancel, {run->id}); !cancelled) {
        printError(cancelled.error());
        return Failed;
    }
    // A run driven by another process is cancelled by that process: wait until it has.
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        auto now = namedRun(*engine, run->id);
        if (now && RunStatus::isFinished(now->status)) {
            std::printf("%s\n", qPrintable(RunStatus::name(now->status)));
            return now->status == RunStatus::Cancelled ? Completed : Failed;
        }
        if (waited.elapsed() > kCancelWaitMs) {
            printError(
                QStringLiteral("run %1: the process driving it did not cancel it within %2 s")
                    .arg(run->id)
                    .arg(kCancelWaitMs / 1000));
            return Failed;
        }
        QThread::msleep(100);
    }
}

} // namespace orch::cli
