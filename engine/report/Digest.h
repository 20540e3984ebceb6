#pragma once
// The Documentator's periodic digest: runs finished, failed and waiting since the last one,
// the deployments and their health, and spend against the budget. Built from the store.

#include "core/Result.h"

#include <QString>

namespace orch {

class Budgets;
class RunStore;
class Spend;

Result<QString> buildDigest(RunStore& store, Budgets& budgets, Spend& spend, qint64 sinceMs,
                            qint64 nowMs);

} // namespace orch
