#pragma once
// The visual agent editor's document: the graph's agents (a list model for the nodes) and
// edges, every change an undoable command, validation by the engine's own loader with each
// problem mapped to its agent and field, save as a new graph version (running runs keep
// theirs), and import/export of graph files.

#include "Session.h"

#include <QAbstractListModel>
#include <QPointF>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace orch::ui {

class GraphEditor : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(orch::ui::Session* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QVariantList edges READ edges NOTIFY documentChanged)
    Q_PROPERTY(QVariantMap errors READ errors NOTIFY documentChanged)
    Q_PROPERTY(bool valid READ valid NOTIFY documentChanged)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY documentChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY documentChanged)
    Q_PROPERTY(bool modified READ modified NOTIFY documentChanged)
    Q_PROPERTY(qint64 versionId READ versionId NOTIFY documentChanged)
    Q_PROPERTY(QStringList availableTools READ availableTools NOTIFY toolsChanged)
    Q_PROPERTY(QStringList modelProfiles READ modelProfiles NOTIFY documentChanged)
    // Prompt parts every agent includes ({{include rules.md}}), by name: shown, not edited here.
    Q_PROPERTY(QVariantMap sharedPrompts READ sharedPrompts NOTIFY documentChanged)

public:
    explicit GraphEditor(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Session* session() const { return m_session; }
    void setSession(Session* session);
    QVariantList edges() const;
    QVariantMap errors() const { return m_errors; }
    bool valid() const { return m_errors.isEmpty(); }
    bool canUndo() const { return m_undo.canUndo(); }
    bool canRedo() const { return m_undo.canRedo(); }
    bool modified() const { return !m_undo.isClean(); }
    qint64 versionId() const { return m_versionId; }
    QStringList availableTools() const { return m_tools; }
    QStringList modelProfiles() const;
    QVariantMap sharedPrompts() const;

    Q_INVOKABLE void reload(); // the version new runs use
    Q_INVOKABLE void load(const QVariantMap& body);
    Q_INVOKABLE void moveNode(int row, double x, double y);
    // Every agent placed by the layered layout (left to right from the entry): one undo step.
    Q_INVOKABLE void arrange();
    Q_INVOKABLE bool addEdge(const QString& from, const QString& to,
                             const QString& when = QStringLiteral("always"));
    Q_INVOKABLE void removeEdge(int index);
    // The edge's condition ("always", "tests.passed", "!probes.passed", …); checked like the rest.
    Q_INVOKABLE void setEdgeCondition(int index, const QString& when);
    // The problem with an edge, or "".
    Q_INVOKABLE QString edgeError(int index) const;
    // field: title, prompt, model, temperature, max_turns, terminal, kind (llm, coding_agent),
    // and a coding agent's coding.program, .model, .command (one line, split as a shell
    // would), .key_secret, .max_minutes, .max_cost_usd
    Q_INVOKABLE void setField(int row, const QString& field, const QVariant& value);
    Q_INVOKABLE void setTool(int row, const QString& tool, bool on);
    Q_INVOKABLE void setHandoff(int row, const QString& target, bool on);
    // Adds an agent at the first free place at or after (x, y), never on top of another.
    Q_INVOKABLE int addAgent(double x, double y);
    Q_INVOKABLE void removeAgent(int row);
    Q_INVOKABLE void undo() { m_undo.undo(); }
    Q_INVOKABLE void redo() { m_undo.redo(); }
    // The problem with an agent's field, or "" (paths like $.agents[2].tools[0] map to "tools").
    Q_INVOKABLE QString fieldError(int row, const QString& field) const;
    Q_INVOKABLE QString toolDescription(const QString& name) const;
    Q_INVOKABLE void save();
    Q_INVOKABLE bool exportTo(const QUrl& file) const;
    Q_INVOKABLE bool importFrom(const QUrl& file);
    Q_INVOKABLE int rowOf(const QString& agentId) const;
    // Every field of one agent by role name (for the field panel).
    Q_INVOKABLE QVariantMap agent(int row) const;

    // Replaces the whole document (undo commands call this).
    void setDocument(const Json& graph);
    const Json& document() const { return m_graph; }

signals:
    void sessionChanged();
    void documentChanged();
    void toolsChanged();
    void saved(qint64 versionId);
    void failed(const QString& message);

private:
    void change(const QString& text, Json after, const QString& mergeKey = {});
    // Adds `value` to or removes it from one of an agent's lists ("tools", "handoffs").
    void setListed(int row, const char* list, const QString& value, bool on, const QString& text);
    void validate();
    QPointF freeSpotNear(double x, double y) const;
    void fetchTools();
    void askEngineVerdict();
    QSet<QString> toolNamesFor(const Json& document) const;
    Json agentsOr() const;

    QPointer<Session> m_session;
    Json m_graph = Json::object();
    QVariantMap m_errors;
    QUndoStack m_undo;
    qint64 m_versionId = 0;
    QStringList m_tools; // the engine's, once it has answered
    QHash<QString, QString> m_toolDescriptions;
    int m_validation = 0; // drops engine verdicts on documents since changed
    QTimer m_verdictDelay;
};

} // namespace orch::ui
