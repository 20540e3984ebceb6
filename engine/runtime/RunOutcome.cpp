#include "runtime/RunOutcome.h"

#include "core/Log.h"
#include "report/ReportBuilder.h"
#include "store/RunStore.h"

namespace orch::runOutcome {

RunFeatures featuresOf(const Json& state, const Json& graphDocument)
{
    RunFeatures features;
    const Json& change = objectAt(state, "change");
    features.kind = state.contains("repair") ? QStringLiteral("repair")
                    : !change.empty()        ? QStringLiteral("change")
                                             : QStringLiteral("new");
    features.templateName = toQ(stringOr(objectAt(state, "scaffold"), "template"));
    features.descriptionChars = int(toQ(features.kind == QLatin1String("new")
                                            ? stringOr(objectAt(state, "project"), "description")
                                            : stringOr(change, "request"))
                                        .size());
    features.profiles = RunFeatures::profilesOf(graphDocument);
    return features;
}

Result<void> record(RunStore& store, const ReportInput& finished,
                    const std::optional<RunFeatures>& began, OutcomeMemory* memory)
{
    const RunRecord& run = finished.run;
    // The kind and the request as it began, the template as it ended.
    RunFeatures features;
    if (began) {
        features = *began;
    } else {
        auto first = store.checkpointAt(run.id, 0);
        auto graph = store.graphBody(run.graphId);
        if (!first || !graph) {
            log::get("graph")->warn("run {}: its outcome is not kept for forecasts", run.id);
            return {}; // nothing written
        }
        features = featuresOf(first->state, graph.value());
    }
    features.templateName = toQ(stringOr(objectAt(finished.state, "scaffold"), "template"));
    qint64 workMs = 0;
    for (const StepRecord& step : finished.steps)
        workMs += step.durationMs;
    double cost = 0;
    for (const LedgerEntry& charge : finished.ledger)
        cost += charge.cost.value_or(0.0);
    auto kept = Forecasts(store.database(), memory)
                    .recordOutcome(run.id, features, cost, workMs, run.updatedAt);
    if (!kept)
        log::get("graph")->warn("run {}: {}", run.id, kept.error());
    return kept;
}

} // namespace orch::runOutcome
