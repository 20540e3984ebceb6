#pragma once
// One validator for every tool call: the model's arguments are checked against the tool's own
// JSON Schema before the tool runs. It knows the subset tools declare (type, properties,
// required, items, enum, minimum, maximum, additionalProperties). Where a model quoted a value
// ("5" for an integer, "true" for a boolean, a JSON text for a list) it converts losslessly;
// anything else is an error naming the argument and the type expected, for the model to fix.

#include "core/Json.h"
#include "core/Result.h"

namespace orch {

class ArgumentSchema
{
public:
    // The arguments as the tool should see them, or what is wrong with them.
    static Result<Json> conform(const Json& schema, const Json& arguments);
};

} // namespace orch
