#pragma once
// A run as forecasts see it: its features (kind, template, size of what was asked, the graph's
// models) read from its state, and, once it completed, what it cost and the time its steps
// worked, kept for the forecasts of later runs.

#include "money/Forecasts.h"

#include <optional>

namespace orch {

class RunStore;
struct GraphDefinition;
struct ReportInput;

namespace runOutcome {

// The features of a run whose state is `state` on `graph` (a new run: a state with only its
// project; a change or a repair: what it carries).
RunFeatures featuresOf(const Json& state, const Json& graphDocument);
// Keeps a completed run's outcome from what its report is made of; failures are logged, never
// in the run's way, and returned (a caller inside a transaction rolls its part back). `began`: the
// features of its first state, when the run knows them; else they are read from its first
// checkpoint and its graph. `memory`: the process's outcomes kept for forecasts, told of this one.
Result<void> record(RunStore& store, const ReportInput& finished,
                    const std::optional<RunFeatures>& began = std::nullopt,
                    OutcomeMemory* memory = nullptr);

} // namespace runOutcome
} // namespace orch
