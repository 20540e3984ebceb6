#pragma once
// orchestratord teardown: remove a deployed service (process, Caddy site, files);
// orchestratord deployments: what runs where and how the watcher found it, redeploy, rollback.

#include "CommandLine.h"

namespace orch::cli {

int teardownCommand(const CommandContext& context);
int deploymentsCommand(const CommandContext& context);

} // namespace orch::cli
