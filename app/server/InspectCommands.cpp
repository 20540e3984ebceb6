#include "InspectCommands.h"

#include "StepPrinter.h"
#include "api/AwaitAnswer.h"
#include "tools/ToolRegistry.h"

#include <QDateTime>
#include <cstdio>
#include <map>

namespace orch::cli {
namespace {

QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(Qt::ISODate);
}

Json runJson(const RunRecord& run)
{
    return {{"id", toStd(run.id)},
            {"project", toStd(run.projectId)},
            {"graph_id", run.graphId},
            {"status", toStd(RunStatus::name(run.status))},
            {"reason", toStd(run.reason)},
            {"current_agent", toStd(run.currentAgent)},
            {"steps", run.steps},
            {"prompt_tokens", run.promptTokens},
            {"completion_tokens", run.completionTokens},
            {"started", run.createdAt},
            {"updated", run.updatedAt}};
}

void print(const QString& line)
{
    std::fprintf(stdout, "%s\n", line.toLocal8Bit().constData());
}

} // namespace

int runsCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List runs, oldest first."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per line.")});
    if (!parse(parser, context))
        return BadArguments;
    auto engine = makeEngine(parser, false);
    if (!engine)
        return BadArguments;
    auto runs = api::awaitAnswer(*engine, &EngineApi::runs, {});
    if (!runs) {
        printError(runs.error());
        return Failed;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    if (!json)
        print(QStringLiteral("%1  %2 %3 %4  %5  %6")
                  .arg(QStringLiteral("RUN"), -8)
                  .arg(QStringLiteral("STATUS"), -14)
                  .arg(QStringLiteral("STEPS"), 5)
                  .arg(QStringLiteral("TOKENS"), 13)
                  .arg(QStringLiteral("STARTED"), -19)
                  .arg(QStringLiteral("UPDATED")));
    for (const RunRecord& run : runs.value()) {
        if (json) {
            std::fprintf(stdout, "%s\n", dumpJson(runJson(run)).c_str());
            continue;
        }
        print(QStringLiteral("%1  %2 %3 %4  %5  %6")
                  .arg(shortId(run.id), -8)
                  .arg(RunStatus::name(run.status), -14)
                  .arg(run.steps, 5)
                  .arg(QStringLiteral("%1/%2").arg(run.promptTokens).arg(run.completionTokens), 13)
                  .arg(when(run.createdAt), -19)
                  .arg(when(run.updatedAt)));
    }
    return Completed;
}

int showCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Show a run: its steps, their checkpoints and the final state."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON document.")});
    parser.addPositionalArgument(QStringLiteral("run"), QStringLiteral("Run id (or prefix)."));
    if (!parse(parser, context))
        return BadArguments;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("show needs RUN"));
        return BadArguments;
    }
    auto engine = makeEngine(parser, false);
    if (!engine)
        return BadArguments;
    auto detail =
        api::awaitAnswer(*engine, &EngineApi::runDetail, {parser.positionalArguments().at(0)});
    if (!detail) {
        printError(detail.error());
        const bool named =
            detail.code() == ErrorCode::NotFound || detail.code() == ErrorCode::Invalid;
        return named ? BadArguments : Failed;
    }
    const RunRecord& run = detail->run;
    const std::vector<StepRecord>& steps = detail->steps;
    const std::vector<Checkpoint>& checkpoints = detail->checkpoints;
    const Json finalState = checkpoints.empty() ? Json::object() : checkpoints.back().state;
    if (parser.isSet(QStringLiteral("json"))) {
        std::map<int, const Checkpoint*> byStep;
        for (const Checkpoint& c : checkpoints)
            byStep[c.stepNo] = &c;
        Json stepList = Json::array();
        for (const StepRecord& step : steps) {
            Json checkpoint;
            if (const auto it = byStep.find(step.stepNo); it != byStep.end()) {
                const Checkpoint& c = *it->second;
                checkpoint = {{"step", c.stepNo},
                              {"cursor_agent", stringOr(c.cursor, "agent")},
                              {"state_keys", Json::array()}};
                for (auto key = c.state.begin(); key != c.state.end(); ++key)
                    checkpoint["state_keys"].push_back(key.key());
            }
            stepList.push_back({{"step", step.stepNo},
                                {"agent", toStd(step.agent)},
                                {"kind", toStd(step.kind)},
                                {"outcome", toStd(step.outcome)},
                                {"detail", step.detail},
                                {"diff", step.diff},
                                {"prompt_tokens", step.usage.prompt},
                                {"completion_tokens", step.usage.completion},
                                {"duration_ms", step.durationMs},
                                {"checkpoint", checkpoint}});
        }
        const Json document = {
            {"run", runJson(run)}, {"steps", stepList}, {"final_state", finalState}};
        std::fprintf(stdout, "%s\n", dumpJson(document, 2).c_str());
        return Completed;
    }
    print(QStringLiteral("run %1").arg(run.id));
    print(QStringLiteral("status %1%2")
              .arg(RunStatus::name(run.status),
                   run.reason.isEmpty() ? QString() : QStringLiteral(": ") + run.reason));
    print(QStringLiteral("steps %1, tokens %2/%3, graph version %4")
              .arg(run.steps)
              .arg(run.promptTokens)
              .arg(run.completionTokens)
              .arg(run.graphId));
    for (const StepRecord& step : steps) {
        QStringList changed;
        for (const auto& change : step.diff)
            changed << toQ(stringOr(change, "key")) + QLatin1Char(':') +
                           toQ(stringOr(change, "op"));
        print(QStringLiteral("  step %1 %2 %3 %4 -> checkpoint %1 (changed: %5)")
                  .arg(step.stepNo, 3)
                  .arg(step.agent, -12)
                  .arg(step.kind, -6)
                  .arg(step.outcome, -15)
                  .arg(changed.isEmpty() ? QStringLiteral("nothing") : changed.join(", ")));
    }
    print(QStringLiteral("final state:"));
    Json shown = finalState;
    if (shown.contains("messages"))
        shown["messages"] =
            QStringLiteral("(%1 messages)").arg(shown["messages"].size()).toStdString();
    print(toQ(dumpJson(shown, 2)));
    return Completed;
}

int validateCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Validate a graph file; prints every problem with its JSON path."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("log-level"), QStringLiteral("Log level."),
                      QStringLiteral("LEVEL"), QStringLiteral("warn")});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Graph file."));
    if (!parse(parser, context))
        return BadArguments;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("validate needs FILE"));
        return BadArguments;
    }
    auto tools = ToolRegistry::withBuiltins();
    GraphLoader loader(tools->names(), {});
    LoadedGraph graph = loader.loadFile(parser.positionalArguments().at(0));
    if (!graph.ok()) {
        std::fprintf(stderr, "%s\n", graph.errorText().toLocal8Bit().constData());
        return BadArguments;
    }
    print(QStringLiteral("ok: graph %1, %2 agents, %3 edges")
              .arg(graph.graph->name)
              .arg(graph.graph->agents.size())
              .arg(graph.graph->edges.size()));
    return Completed;
}

} // namespace orch::cli
