// What the editor exchanges with the engine it talks to and with files: the tool catalogue,
// the engine's verdict on a graph, loading and saving versions, import and export.
#include "GraphEditor.h"
#include "graph/GraphLoader.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace orch::ui {

void GraphEditor::setSession(Session* session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
    fetchTools();
    reload();
}

// The tools of the engine this editor talks to, so a graph is checked against what will run it.
void GraphEditor::fetchTools()
{
    if (!m_session || !m_session->engine())
        return;
    m_session->engine()->toolCatalogue(
        {}, [self = QPointer<GraphEditor>(this)](Result<std::vector<ToolInfo>> catalogue) {
            if (!self || !catalogue)
                return;
            self->m_tools.clear();
            self->m_toolDescriptions.clear();
            for (const ToolInfo& tool : catalogue.value()) {
                self->m_tools << tool.name;
                self->m_toolDescriptions.insert(tool.name, tool.description);
            }
            self->m_tools.sort();
            emit self->toolsChanged();
            self->validate();
            emit self->documentChanged();
        });
}

void GraphEditor::reload()
{
    if (!m_session || !m_session->engine())
        return;
    m_session->engine()->graph({0},
                               [self = QPointer<GraphEditor>(this)](Result<GraphVersion> version) {
                                   if (!self)
                                       return;
                                   if (!version)
                                       return emit self->failed(version.error());
                                   self->m_versionId = version->id;
                                   self->m_undo.clear();
                                   self->setDocument(version->body);
                               });
}

// At once with the graph format's own checks and the engine's tool names; the engine's verdict
// is asked once edits pause (a drag is many edits, and each request carries the whole graph)
// and added when it arrives, unless the document changed in the meantime.
void GraphEditor::validate()
{
    const LoadedGraph loaded = GraphLoader(toolNamesFor(m_graph), {}).loadJson(m_graph, {});
    m_errors.clear();
    for (const GraphIssue& issue : loaded.issues)
        m_errors.insert(issue.path, issue.message);
    ++m_validation;
    m_verdictDelay.stop();
    if (m_session && m_session->engine() && loaded.issues.empty() && !m_tools.isEmpty())
        m_verdictDelay.start();
}

void GraphEditor::askEngineVerdict()
{
    if (!m_session || !m_session->engine())
        return;
    const int generation = m_validation;
    m_session->engine()->validateGraph({m_graph}, [self = QPointer<GraphEditor>(this), generation](
                                                      Result<std::vector<GraphIssue>> issues) {
        if (!self || generation != self->m_validation || !issues || issues->empty())
            return;
        for (const GraphIssue& issue : issues.value())
            self->m_errors.insert(issue.path, issue.message);
        emit self->documentChanged();
    });
}

// The engine's tools; before its catalogue arrives (or with no engine), the document's own,
// so tool names are not checked rather than all refused.
QSet<QString> GraphEditor::toolNamesFor(const Json& document) const
{
    QSet<QString> tools(m_tools.begin(), m_tools.end());
    if (m_tools.isEmpty())
        for (const Json& agent : arrayAt(document, "agents"))
            for (const Json& tool : arrayAt(agent, "tools"))
                if (tool.is_string())
                    tools.insert(toQ(tool.get<std::string>()));
    return tools;
}

QString GraphEditor::toolDescription(const QString& name) const
{
    return m_toolDescriptions.value(name);
}

void GraphEditor::save()
{
    if (!valid())
        return emit failed(tr("The graph has problems; fix them before saving."));
    if (!m_session || !m_session->engine())
        return emit failed(tr("Not connected."));
    m_session->engine()->saveGraph(
        {m_graph}, [self = QPointer<GraphEditor>(this)](Result<GraphVersion> version) {
            if (!self)
                return;
            if (!version)
                return emit self->failed(version.error());
            self->m_versionId = version->id;
            self->m_undo.setClean();
            emit self->documentChanged();
            emit self->saved(version->id);
        });
}

bool GraphEditor::exportTo(const QUrl& file) const
{
    QSaveFile out(file.isLocalFile() ? file.toLocalFile() : file.toString());
    const QByteArray bytes = QByteArray::fromStdString(m_graph.dump(2)) + '\n';
    return out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size() && out.commit();
}

bool GraphEditor::importFrom(const QUrl& file)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QFile source(path);
    if (!source.open(QIODevice::ReadOnly)) {
        emit failed(tr("Cannot read %1: %2").arg(path, source.errorString()));
        return false;
    }
    const QByteArray bytes = source.readAll();
    // The loader resolves prompt files next to the graph and keeps them inline.
    const LoadedGraph loaded = GraphLoader(toolNamesFor(parseJson(bytes)), {})
                                   .loadBytes(bytes, QFileInfo(path).absolutePath());
    if (!loaded.ok()) {
        emit failed(loaded.errorText());
        return false;
    }
    change(tr("Import graph"), loaded.graph->source);
    return true;
}

} // namespace orch::ui
