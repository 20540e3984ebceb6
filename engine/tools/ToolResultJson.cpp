#include "tools/Tool.h"

namespace orch {

Json toolResultToJson(const ToolResult& result)
{
    Json json = {{"ok", result.ok},
                 {"output", result.output},
                 {"state_update", result.stateUpdate},
                 {"finishes", result.finishes}};
    if (result.handoffTo)
        json["handoff_to"] = toStd(*result.handoffTo);
    if (result.question)
        json["question"] = *result.question;
    return json;
}

ToolResult toolResultFromJson(const Json& json)
{
    ToolResult result;
    result.ok = boolOr(json, "ok", false);
    result.output = member(json, "output");
    const Json update = member(json, "state_update");
    result.stateUpdate = update.is_object() ? update : Json::object();
    result.finishes = boolOr(json, "finishes", false);
    if (const Json to = member(json, "handoff_to"); to.is_string())
        result.handoffTo = toQ(to.get<std::string>());
    if (const Json question = member(json, "question"); question.is_object())
        result.question = question;
    return result;
}

} // namespace orch
