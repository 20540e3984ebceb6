#pragma once
// The live graph: the agents of a graph version as nodes at their saved positions (a layered
// layout when none are saved), its edges with their conditions, and — for a run — each
// agent's state, the tools it calls now, its turns of its limit, its tokens and cost so far,
// and the active agent, driven by the engine's events (no polling). Handoffs are announced
// so the view can animate them.

#include "RowsModel.h"

namespace orch::ui {

class GraphModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT
    // Empty: the version new runs use, without live state.
    Q_PROPERTY(QString runId READ runId WRITE setRunId NOTIFY runIdChanged)
    Q_PROPERTY(QVariantList edges READ edges NOTIFY edgesChanged)
    Q_PROPERTY(QString activeAgent READ activeAgent NOTIFY activeAgentChanged)
    Q_PROPERTY(qint64 graphId READ graphId NOTIFY edgesChanged)
    // The run's project and status, for the view's header (empty without a run).
    Q_PROPERTY(QString projectName READ projectName NOTIFY runChanged)
    Q_PROPERTY(QString statusName READ statusName NOTIFY runChanged)

public:
    explicit GraphModel(QObject* parent = nullptr);

    QString runId() const { return m_runId; }
    void setRunId(const QString& runId);
    QVariantList edges() const { return m_edges; }
    QString activeAgent() const { return m_active; }
    qint64 graphId() const { return m_graphId; }
    QString projectName() const { return m_projectName; }
    QString statusName() const { return m_statusName; }

    // Shows a graph document directly (benchmarks, tests).
    Q_INVOKABLE void showGraph(const QVariantMap& body);
    Q_INVOKABLE void setAgentState(const QString& agentId, const QString& state);
    Q_INVOKABLE void setActiveAgent(const QString& agentId);
    // Applies one event given as {kind, agent, payload} (benchmarks, tests).
    Q_INVOKABLE void replay(const QVariantMap& event);
    Q_INVOKABLE int rowOf(const QString& agentId) const { return m_rowOf.value(agentId, -1); }

signals:
    void runIdChanged();
    void edgesChanged();
    void activeAgentChanged();
    void runChanged();
    void handoff(const QString& from, const QString& to);

protected:
    void fetch() override;
    void connectEngine(EngineApi* engine) override;

private:
    void load(const Json& body, const std::vector<RunEvent>& history);
    void apply(const RunEvent& event);
    // A running run opened mid-step: its current agent shown at work (see the .cpp).
    void showStepInFlight(const RunRecord& run);

    QString m_runId;
    QString m_projectName;
    QString m_statusName;
    qint64 m_graphId = 0;
    QVariantList m_edges;
    QString m_active;
    QHash<QString, int> m_rowOf;
};

} // namespace orch::ui
