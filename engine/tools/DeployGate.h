#pragma once
// What must hold before the work goes to an agent that deploys, checked in code on every
// route (a handoff, an edge, the person's choice): the tests passed on exactly the files
// there are now, and everything is committed. The model's word is not enough: tests.passed
// can be left over from before a later edit.

#include "core/Json.h"

#include <QString>

namespace orch::gate {

// A fingerprint of the project's own files (paths and contents, as list_files sees them).
QString workspaceFingerprint(const QString& workspace);
// Why the work may not be deployed yet (what to do about it), or empty when it may.
QString deployProblem(const QString& workspace, const Json& state);

} // namespace orch::gate
