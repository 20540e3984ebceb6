#pragma once
// orchestratord teardown: remove a deployed service (process, Caddy site, files).

#include "CommandLine.h"

namespace orch::cli {

int teardownCommand(const CommandContext& context);

} // namespace orch::cli
