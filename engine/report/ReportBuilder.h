#pragma once
// The run report in Markdown: what was asked, the spec, the code and its tests, where it runs
// with the probe evidence, each step, tokens and cost, time taken, problems met, and the
// Documentator's own summary. Built from recorded facts, so it cannot drift from them.

#include "api/Records.h"

#include <QString>
#include <vector>

namespace orch {

// A run's steps (without their diffs) and ledger entries as the process that drove it from
// its start holds them, the same as its store has them (Run::history).
struct RunHistory
{
    std::vector<StepRecord> steps;
    std::vector<LedgerEntry> ledger;
};

struct ReportInput
{
    RunRecord run;
    ProjectRecord project;
    Json state;
    std::vector<StepRecord> steps;
    std::vector<LedgerEntry> ledger;
};

QString buildReport(const ReportInput& input);

} // namespace orch
