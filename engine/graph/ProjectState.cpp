#include "graph/ProjectState.h"

namespace orch {

ProjectState::ProjectState(Json document)
    : m_document(document.is_object() ? std::move(document) : Json::object())
{
}

bool ProjectState::appends(const std::string& key)
{
    return key == "messages" || key == "errors";
}

Json ProjectState::apply(const Json& update)
{
    Json diff = Json::array();
    if (!update.is_object())
        return diff;
    for (auto it = update.begin(); it != update.end(); ++it) {
        const std::string& key = it.key();
        if (appends(key)) {
            Json added = it->is_array() ? *it : Json::array({*it});
            if (added.empty())
                continue;
            Json& list = m_document[key];
            if (!list.is_array())
                list = Json::array();
            for (const auto& item : added)
                list.push_back(item);
            diff.push_back({{"key", key}, {"op", "append"}, {"added", std::move(added)}});
            continue;
        }
        const auto existing = m_document.find(key);
        Json old = existing != m_document.end() ? *existing : Json();
        if (old == *it)
            continue;
        m_document[key] = *it;
        diff.push_back({{"key", key}, {"op", "set"}, {"old", std::move(old)}, {"new", *it}});
    }
    return diff;
}

} // namespace orch
