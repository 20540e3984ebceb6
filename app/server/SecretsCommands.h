#pragma once
// orchestratord secrets set|list|remove: values go in through stdin and never come out.

#include "CommandLine.h"

namespace orch::cli {

int secretsCommand(const CommandContext& context);

} // namespace orch::cli
