#pragma once
// orchestratord servers: the production servers projects are deployed to over SSH (add,
// list, remove, check, trust).

#include "CommandLine.h"

namespace orch::cli {

int serversCommand(const CommandContext& context);

} // namespace orch::cli
