#pragma once
// What runs learned from their failures: list, edit, delete.

#include "CommandLine.h"

namespace orch::cli {

int lessonsCommand(const CommandContext& context);

} // namespace orch::cli
