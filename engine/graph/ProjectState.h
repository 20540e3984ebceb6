#pragma once
// The shared project state every agent sees: a JSON object whose top-level keys merge by
// reducer. "messages" and "errors" append; every other key is replaced. Applying an update
// returns the diff of what it changed, which each step records next to its checkpoint.

#include "core/Json.h"

#include <QString>
#include <optional>

namespace orch {

// Typed reads of a state document, without copying it: the keys several modules share, so
// their names and shapes live here. Each checks the shape and treats a wrong one as absent.
class StateView
{
public:
    explicit StateView(const Json& document) : m_document(document) {}

    struct Deployment
    {
        QString url;
        QString version;
        bool healthy = false;
    };
    // What the product agent agreed with the person (write_spec); empty texts when absent.
    struct Spec
    {
        QString title;
        QString summary;
    };

    Json question() const; // the question shown to the person {text, options?, kind?} or null
    std::optional<Deployment> deployment() const;
    QString repository() const; // the pushed remote, else the local repository's path
    bool testsPassed() const;
    Spec spec() const;
    const Json& specDocument() const; // the whole spec object (null when absent)
    QString projectName() const;
    // The vault handles reserved for the deployment: {"port": handle, "env": {NAME: handle}};
    // an object, empty when nothing was reserved.
    Json resources() const;

private:
    const Json& m_document;
};

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

    // Removes the value at a dotted path ("tests", "deployment.healthy"), keeping the rest of
    // its top-level document; the diff is empty when there was nothing there.
    Json clear(const QString& dottedPath);

    static bool appends(const std::string& key);

    StateView read() const { return StateView(m_document); }
    using Deployment = StateView::Deployment;
    Json question() const { return read().question(); }
    std::optional<Deployment> deployment() const { return read().deployment(); }
    QString repository() const { return read().repository(); }
    bool testsPassed() const { return read().testsPassed(); }

private:
    Json m_document;
};

} // namespace orch
