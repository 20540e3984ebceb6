#pragma once
// Commands that move runs: run, change, repair, resume, answer, cancel.

#include "CommandLine.h"

namespace orch::cli {

int runCommand(const CommandContext& context);
int changeCommand(const CommandContext& context);
int repairCommand(const CommandContext& context);
int resumeCommand(const CommandContext& context);
int answerCommand(const CommandContext& context);
int cancelCommand(const CommandContext& context);

} // namespace orch::cli
