#pragma once
// orchestratord prune: the retention policy of the settings file applied now.

#include "CommandLine.h"
#include "api/EngineTypes.h"

namespace orch::cli {

int pruneCommand(const CommandContext& context);
// "database: 12.4 MB (1.2 MB free), pruned 2026-11-30 03:00"
QString storageLine(const StorageStatus& storage);

} // namespace orch::cli
