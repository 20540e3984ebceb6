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

Json StateView::question() const
{
    const Json& question = member(m_document, "question");
    return question.is_object() ? question : Json();
}

std::optional<StateView::Deployment> StateView::deployment() const
{
    const Json& deployment = member(m_document, "deployment");
    if (!deployment.is_object())
        return std::nullopt;
    return Deployment{toQ(stringOr(deployment, "url")), toQ(stringOr(deployment, "version")),
                      boolOr(deployment, "healthy", false)};
}

QString StateView::repository() const
{
    const Json repo = objectAt(m_document, "repo");
    return toQ(stringOr(repo, "remote", stringOr(repo, "path")));
}

bool StateView::testsPassed() const
{
    return boolOr(objectAt(m_document, "tests"), "passed", false);
}

StateView::Spec StateView::spec() const
{
    const Json& spec = specDocument();
    return Spec{toQ(stringOr(spec, "title")), toQ(stringOr(spec, "summary"))};
}

const Json& StateView::specDocument() const
{
    return member(m_document, "spec");
}

QString StateView::projectName() const
{
    return toQ(stringOr(member(m_document, "project"), "name"));
}

Json StateView::resources() const
{
    return objectAt(m_document, "resources");
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

Json ProjectState::clear(const QString& dottedPath)
{
    const QStringList parts = dottedPath.split(QLatin1Char('.'));
    const std::string top = toStd(parts.front());
    if (!m_document.contains(top) || m_document[top].is_null())
        return Json::array();
    if (parts.size() == 1)
        return apply({{top, nullptr}});
    Json document = m_document[top];
    Json* parent = &document;
    for (qsizetype i = 1; i + 1 < parts.size(); ++i) {
        if (!parent->is_object() || !parent->contains(toStd(parts[i])))
            return Json::array();
        parent = &(*parent)[toStd(parts[i])];
    }
    if (!parent->is_object() || parent->erase(toStd(parts.back())) == 0)
        return Json::array();
    return apply({{top, std::move(document)}});
}

} // namespace orch
