#pragma once
// A checkpoint's state as the change from the one before: keys set to a new value, lists
// that grew at their end (the transcript, the errors) as only what was appended, and keys
// removed. Applying the diff to the earlier state gives the later one exactly.

#include "core/Json.h"

namespace orch {

// {"set": {key: value}, "append": {key: [items]}, "remove": [key]}; keys left out are unchanged.
Json stateDiff(const Json& before, const Json& after);
Json applyStateDiff(Json state, const Json& diff);

} // namespace orch
