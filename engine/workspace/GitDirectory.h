#pragma once
// Whether a workspace's `.git` may be opened by the orchestrator's own git. Whoever runs
// commands in the workspace can write there, and libgit2 follows what it finds: a `.git`
// file (`gitdir:`) or link opens another project's repository, `commondir` and
// `objects/info/alternates` borrow another repository's refs and objects, a link inside
// `.git` reads or writes outside it. Only a plain folder with none of these is accepted.

#include "core/Result.h"

#include <QString>

namespace orch::gitdir {

// NotFound when there is no `.git` at all (the caller may create one); Forbidden, naming the
// entry and the rule, for anything that would redirect the repository.
Result<void> checkPlain(const QString& workspace);

} // namespace orch::gitdir
