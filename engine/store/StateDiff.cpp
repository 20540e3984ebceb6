#include "store/StateDiff.h"

namespace orch {
namespace {

// Whether `after` is `before` with items added at its end.
bool extends(const Json& before, const Json& after)
{
    if (!before.is_array() || !after.is_array() || after.size() < before.size())
        return false;
    for (size_t i = before.size(); i-- > 0;) // the newest items differ first, if any do
        if (before[i] != after[i])
            return false;
    return true;
}

} // namespace

Json stateDiff(const Json& before, const Json& after)
{
    Json set = Json::object();
    Json append = Json::object();
    Json remove = Json::array();
    const Json& old = before.is_object() ? before : Json::object();
    for (auto it = after.begin(); after.is_object() && it != after.end(); ++it) {
        const auto previous = old.find(it.key());
        if (previous != old.end() && *previous == *it)
            continue;
        if (previous != old.end() && !previous->empty() && extends(*previous, *it))
            append[it.key()] = Json(it->begin() + std::ptrdiff_t(previous->size()), it->end());
        else
            set[it.key()] = *it;
    }
    for (auto it = old.begin(); it != old.end(); ++it)
        if (!after.is_object() || !after.contains(it.key()))
            remove.push_back(it.key());
    Json diff = Json::object();
    if (!set.empty())
        diff["set"] = std::move(set);
    if (!append.empty())
        diff["append"] = std::move(append);
    if (!remove.empty())
        diff["remove"] = std::move(remove);
    return diff;
}

Json applyStateDiff(Json state, const Json& diff)
{
    if (!state.is_object())
        state = Json::object();
    for (const Json& key : arrayAt(diff, "remove"))
        if (key.is_string())
            state.erase(key.get<std::string>());
    const Json& set = objectAt(diff, "set");
    for (auto it = set.begin(); it != set.end(); ++it)
        state[it.key()] = *it;
    const Json& append = objectAt(diff, "append");
    for (auto it = append.begin(); it != append.end(); ++it) {
        Json& list = state[it.key()];
        if (!list.is_array())
            list = Json::array();
        for (const Json& item : *it)
            list.push_back(item);
    }
    return state;
}

} // namespace orch
