#include "GraphModel.h"

#include "GraphLayout.h"
#include "VariantJson.h"
#include "api/RunEvents.h"

namespace orch::ui {

GraphModel::GraphModel(QObject* parent)
    : RowsModel({"agentId", "title", "posX", "posY", "agentState", "active", "model", "terminal",
                 "tools", "tool", "turns", "maxTurns", "tokens", "cost", "costKnown", "simulated"},
                parent)
{
}

void GraphModel::setRunId(const QString& runId)
{
    if (m_runId == runId)
        return;
    m_runId = runId;
    m_projectName.clear();
    m_statusName.clear();
    emit runIdChanged();
    emit runChanged();
    reload();
}

void GraphModel::connectEngine(EngineApi* engine)
{
    connect(engine, &EngineApi::event, this, [this](const RunEvent& e) {
        if (!m_runId.isEmpty() && e.runId == m_runId)
            apply(e);
    });
    connect(engine, &EngineApi::runStopped, this, [this](const RunRecord& run) {
        if (run.id != m_runId)
            return;
        m_statusName = RunStatus::name(run.status);
        emit runChanged();
    });
}

void GraphModel::fetch()
{
    auto withGraph = [self = QPointer<GraphModel>(this)](qint64 id, std::vector<RunEvent> history,
                                                         RunRecord run = {}) {
        self->session()->engine()->graph(
            {id}, [self, history = std::move(history), run](Result<GraphVersion> version) {
                if (!self)
                    return;
                if (!version)
                    return self->setError(version.error());
                self->m_graphId = version->id;
                self->load(version->body, history);
                self->showStepInFlight(run);
            });
    };
    if (m_runId.isEmpty())
        return withGraph(0, {});
    // The run's graph version and its events: what the canvas shows, not every checkpoint.
    session()->engine()->runOverview(
        {m_runId}, [self = QPointer<GraphModel>(this), withGraph](Result<RunOverview> overview) {
            if (!self)
                return;
            if (!overview)
                return self->setError(overview.error());
            self->m_projectName = overview->project.name;
            self->m_statusName = RunStatus::name(overview->run.status);
            emit self->runChanged();
            self->session()->engine()->runEvents(
                {overview->run.id, 0},
                [self, withGraph, run = overview->run](Result<std::vector<RunEvent>> events) {
                    if (!self)
                        return;
                    if (!events)
                        return self->setError(events.error());
                    withGraph(run.graphId, std::move(events).value(), run);
                });
        });
}

void GraphModel::showGraph(const QVariantMap& body)
{
    load(jsonFromVariant(body), {});
}

void GraphModel::load(const Json& body, const std::vector<RunEvent>& history)
{
    QList<QVariantMap> nodes;
    m_rowOf.clear();
    const Json agents = arrayAt(body, "agents");
    const QHash<QString, QPointF> laidOut =
        hasSavedPositions(body) ? QHash<QString, QPointF>() : layeredLayout(body);
    for (size_t i = 0; i < agents.size(); ++i) {
        const Json& agent = agents[i];
        QStringList tools;
        for (const Json& tool : arrayAt(agent, "tools"))
            if (tool.is_string())
                tools << toQ(tool.get<std::string>());
        const Json& ui = objectAt(agent, "ui");
        const QString id = toQ(stringOr(agent, "id"));
        m_rowOf.insert(id, int(i));
        const QPointF at =
            laidOut.value(id, QPointF(40.0 + 240.0 * double(i % 5), 40.0 + 130.0 * double(i / 5)));
        nodes.append(
            {{"agentId", id},
             {"title", toQ(stringOr(agent, "title", stringOr(agent, "id")))},
             {"posX", doubleOr(ui, "x", at.x())},
             {"posY", doubleOr(ui, "y", at.y())},
             {"agentState", QStringLiteral("idle")},
             {"active", false},
             {"model", toQ(stringOr(agent, "model"))},
             {"terminal", boolOr(agent, "terminal", false)},
             {"tools", tools.join(QStringLiteral(", "))},
             {"tool", QString()},
             {"turns", 0},
             {"maxTurns", int(std::clamp<long long>(intOr(agent, "max_turns", 0), 0, 100000))},
             {"tokens", 0.0},
             {"cost", 0.0},
             {"costKnown", true},
             {"simulated", false}});
    }
    m_edges.clear();
    for (const Json& edge : arrayAt(body, "edges"))
        m_edges.append(QVariantMap{{"from", toQ(stringOr(edge, "from"))},
                                   {"to", toQ(stringOr(edge, "to"))},
                                   {"when", toQ(stringOr(edge, "when", "always"))}});
    m_active.clear();
    setRows(nodes);
    emit edgesChanged();
    for (const RunEvent& e : history) // the run so far
        apply(e);
    emit activeAgentChanged();
}

void GraphModel::showStepInFlight(const RunRecord& run)
{
    // A step's events are stored with the step, so a view opened mid-step has not seen the
    // running step start: the run's current agent is at work on a turn, not idle at turn 0.
    if (run.status != RunStatus::Running || run.currentAgent.isEmpty())
        return;
    const int row = rowOf(run.currentAgent);
    if (row < 0)
        return;
    setActiveAgent(run.currentAgent);
    const QVariantMap& now = rows().at(row);
    const QString state = now.value(QStringLiteral("agentState")).toString();
    QVariantMap shown{{"turns", std::max(1, now.value(QStringLiteral("turns")).toInt())}};
    if (state == QLatin1String("idle") || state == QLatin1String("done"))
        shown.insert(QStringLiteral("agentState"), QStringLiteral("thinking"));
    updateRow(row, shown);
}

void GraphModel::setAgentState(const QString& agentId, const QString& state)
{
    updateRow(rowOf(agentId), {{"agentState", state}});
}

void GraphModel::setActiveAgent(const QString& agentId)
{
    if (m_active == agentId)
        return;
    updateRow(rowOf(m_active), {{"active", false}});
    m_active = agentId;
    updateRow(rowOf(agentId), {{"active", true}});
    emit activeAgentChanged();
}

void GraphModel::replay(const QVariantMap& event)
{
    RunEvent e;
    e.kind = EventKind::fromName(event.value(QStringLiteral("kind")).toString());
    e.agent = event.value(QStringLiteral("agent")).toString();
    e.payload = jsonFromVariant(event.value(QStringLiteral("payload")));
    if (!e.payload.is_object())
        e.payload = Json::object(); // as the engine's events always carry one
    apply(e);
}

void GraphModel::apply(const RunEvent& e)
{
    if (auto moved = AgentMoved::from(e)) {
        updateRow(rowOf(moved->agent), {{"agentState", moved->after},
                                        {"tool", moved->tools.join(QStringLiteral(", "))}});
    } else if (auto started = StepStarted::from(e)) {
        // A new activation starts counting turns again; the same agent going on adds one.
        const int row = rowOf(started->agent);
        const int turns = started->agent == m_active && row >= 0
                              ? rows().at(row).value(QStringLiteral("turns")).toInt() + 1
                              : 1;
        updateRow(row, {{"turns", turns}});
        setActiveAgent(started->agent);
    } else if (e.kind == EventKind::LedgerEntry) {
        const int row = rowOf(e.agent);
        if (row < 0)
            return;
        const QVariantMap& now = rows().at(row);
        const auto charge = LedgerCharge::from(e);
        const double tokens = double(std::max(0LL, intOr(e.payload, "prompt_tokens", 0))) +
                              double(std::max(0LL, intOr(e.payload, "completion_tokens", 0)));
        const bool known = charge && charge->cost && *charge->cost >= 0;
        updateRow(row, {{"tokens", now.value(QStringLiteral("tokens")).toDouble() + tokens},
                        {"cost", now.value(QStringLiteral("cost")).toDouble() +
                                     (known ? *charge->cost : 0.0)},
                        {"costKnown", now.value(QStringLiteral("costKnown")).toBool() && known},
                        {"simulated", now.value(QStringLiteral("simulated")).toBool() ||
                                          (charge && charge->simulated)}});
    } else if (auto passed = AgentHandoff::from(e)) {
        updateRow(rowOf(passed->toAgent), {{"turns", 0}}); // its activation starts afresh
        emit handoff(passed->fromAgent, passed->toAgent);
        setActiveAgent(passed->toAgent);
    } else if (e.kind == EventKind::RunFinished) {
        setActiveAgent({});
    }
}

} // namespace orch::ui
