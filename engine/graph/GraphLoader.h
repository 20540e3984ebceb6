#pragma once
// Reads a graph file (format 1), validates it completely and reports every problem with
// its JSON path. A graph with any issue is never returned, so it can never start a run.

#include "api/GraphIssue.h"
#include "graph/GraphDefinition.h"

#include <QSet>
#include <QString>
#include <vector>

namespace orch {

struct LoadedGraph
{
    GraphPtr graph; // null when issues is non-empty
    std::vector<GraphIssue> issues;

    bool ok() const { return graph != nullptr; }
    QString errorText() const; // one "path: message" per line
};

class GraphLoader
{
public:
    // knownTools: names the tool registry offers; builtinActions: C++ actions for builtin agents.
    GraphLoader(QSet<QString> knownTools, QSet<QString> builtinActions);

    LoadedGraph loadFile(const QString& path) const;
    // baseDir resolves relative prompt paths.
    LoadedGraph loadBytes(const QByteArray& bytes, const QString& baseDir) const;
    LoadedGraph loadJson(const Json& document, const QString& baseDir) const;

private:
    QSet<QString> m_knownTools;
    QSet<QString> m_builtinActions;
};

} // namespace orch
