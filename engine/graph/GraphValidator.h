#pragma once
// Walks a graph document once, building the definition and collecting every issue with
// its JSON path. Internal to GraphLoader.

#include "graph/GraphLoader.h"

#include <memory>

namespace orch {

class GraphValidator
{
public:
    GraphValidator(const QSet<QString>& knownTools, const QSet<QString>& builtinActions,
                   QString baseDir);

    std::shared_ptr<GraphDefinition> build(const Json& document);
    const std::vector<GraphIssue>& issues() const { return m_issues; }

private:
    void readModels(const Json& models, GraphDefinition& graph);
    void readAgent(const Json& agent, const QString& path, GraphDefinition& graph);
    // A coding_agent node's "coding" (GraphCodingAgent.cpp).
    void readCodingAgent(const Json& coding, const QString& path, AgentDefinition& agent);
    void readEdge(const Json& edge, const QString& path, GraphDefinition& graph);
    void checkReferences(const Json& document, const GraphDefinition& graph);
    void readSharedPrompts(const Json& shared, const QString& path, GraphDefinition& graph);
    // The prompt's expanded text; `source` gets the agent's own text with includes kept.
    QString readPrompt(const Json& prompt, const QString& path, GraphDefinition& graph,
                       QString* source);
    // Includes come from the document's shared prompts, else from `folder` (then kept).
    QString withIncludes(const QString& text, const QString& folder, const QString& path,
                         GraphDefinition& graph);

    // Reports keys of `object` that are not in `allowed`.
    void rejectUnknownKeys(const Json& object, const QString& path,
                           std::initializer_list<const char*> allowed);
    enum class Type
    {
        String,
        Integer,
        Number,
        Boolean,
        Array,
        Object
    };
    // True when `key` is present with the right type; reports a missing required key or a
    // wrong type.
    bool expect(const Json& object, const char* key, Type type, const QString& path, bool required);
    void fail(const QString& path, const QString& message);

    const QSet<QString>& m_knownTools;
    const QSet<QString>& m_builtinActions;
    QString m_baseDir;
    std::vector<GraphIssue> m_issues;
};

} // namespace orch
