#pragma once
// orchestratord balance and topup: spend against budgets, and raising a budget. The runs
// waiting for it resume in the serving process (within its budget check interval).

#include "CommandLine.h"

namespace orch::cli {

int balanceCommand(const CommandContext& context);
int topupCommand(const CommandContext& context);

} // namespace orch::cli
