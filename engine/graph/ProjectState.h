#pragma once
// The shared project state every agent sees: a JSON object whose top-level keys merge by
// reducer. "messages" and "errors" append; every other key is replaced. Applying an update
// returns the diff of what it changed, which each step records next to its checkpoint.

#include "core/Json.h"

#include <QString>
#include <optional>

namespace orch {

class ProjectState
{
public:
    ProjectState() : m_document(Json::object()) {}
    explicit ProjectState(Json document);

    const Json& document() const { return m_document; }

    // Merges `update` (an object of top-level keys) and returns the diff:
    // [{"key": k, "op": "append", "added": [...]}, {"key": k, "op": "set", "old": .., "new": ..}]
    // Keys whose value did not change are left out.
    Json apply(const Json& update);

    static bool appends(const std::string& key);

    // Typed reads of the keys several modules share, so their names and shapes live here;
    // each checks the shape and treats a wrong one as absent.
    struct Deployment
    {
        QString url;
        QString version;
        bool healthy = false;
    };
    Json question() const; // the question shown to the person {text, options?, kind?} or null
    std::optional<Deployment> deployment() const;
    QString repository() const; // the pushed remote, else the local repository's path
    bool testsPassed() const;

private:
    Json m_document;
};

} // namespace orch
