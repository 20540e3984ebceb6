#pragma once
// orchestratord serve: the long-lived process. Resumes unfinished runs at start and drains on
// SIGTERM (steps in flight finish and commit; the rest resumes at the next start).

#include "CommandLine.h"

namespace orch::cli {

int serveCommand(const CommandContext& context);

} // namespace orch::cli
