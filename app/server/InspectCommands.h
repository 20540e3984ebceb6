#pragma once
// Read-only commands: runs, show, validate.

#include "CommandLine.h"

namespace orch::cli {

int runsCommand(const CommandContext& context);
int showCommand(const CommandContext& context);
int validateCommand(const CommandContext& context);

} // namespace orch::cli
