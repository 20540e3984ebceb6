#pragma once
// Edits a person makes to a checkpoint's state before forking a run from it (time travel):
// an object of JSON pointers to new values. They come from outside (the desktop, the remote
// API), so each is checked and a refusal names the edit and why.

#include "core/Json.h"
#include "core/Result.h"

#include <QStringList>

namespace orch {

struct EditedState
{
    Json state;
    QStringList paths; // the pointers edited, in the order given
};

constexpr int kMaxStateEdits = 32;
constexpr qsizetype kMaxEditedValueBytes = 64 * 1024;

// `edits` null or {} leaves the state as it is. A pointer must name a member of an existing
// object (new or replaced) or an existing array element; the keys the engine records itself
// (resources, repo, deployment) cannot be edited.
Result<EditedState> applyStateEdits(const Json& state, const Json& edits);

} // namespace orch
