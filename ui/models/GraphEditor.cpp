#include "GraphEditor.h"

#include "GraphEditCommand.h"
#include "GraphLayout.h"
#include "VariantJson.h"

#include <QJsonObject>
#include <QPointF>
#include <QRegularExpression>
#include <cmath>

namespace orch::ui {
namespace {

enum AgentRole
{
    Id = Qt::UserRole,
    Title,
    X,
    Y,
    Prompt,
    Model,
    Temperature,
    Tools,
    Handoffs,
    MaxTurns,
    Terminal,
    Kind,
    Coding
};

QStringList strings(const Json& list)
{
    QStringList result;
    if (list.is_array())
        for (const Json& item : list)
            if (item.is_string())
                result << toQ(item.get<std::string>());
    return result;
}

} // namespace

GraphEditor::GraphEditor(QObject* parent) : QAbstractListModel(parent)
{
    m_verdictDelay.setSingleShot(true);
    m_verdictDelay.setInterval(300);
    connect(&m_verdictDelay, &QTimer::timeout, this, &GraphEditor::askEngineVerdict);
    connect(&m_undo, &QUndoStack::indexChanged, this, &GraphEditor::documentChanged);
    connect(&m_undo, &QUndoStack::cleanChanged, this, &GraphEditor::documentChanged);
}

int GraphEditor::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(agentsOr().size());
}

Json GraphEditor::agentsOr() const
{
    const auto it = m_graph.find("agents");
    return it != m_graph.end() && it->is_array() ? *it : Json::array();
}

QHash<int, QByteArray> GraphEditor::roleNames() const
{
    return {{Id, "agentId"},
            {Title, "title"},
            {X, "posX"},
            {Y, "posY"},
            {Prompt, "prompt"},
            {Model, "model"},
            {Temperature, "temperature"},
            {Tools, "tools"},
            {Handoffs, "handoffs"},
            {MaxTurns, "maxTurns"},
            {Terminal, "terminal"},
            {Kind, "kind"},
            {Coding, "coding"}};
}

QVariant GraphEditor::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Json& agent = m_graph["agents"][size_t(index.row())];
    const Json ui = objectAt(agent, "ui");
    const Json prompt = member(agent, "prompt");
    switch (role) {
    case Qt::DisplayRole:
    case Id:
        return toQ(stringOr(agent, "id"));
    case Title:
        return toQ(stringOr(agent, "title", stringOr(agent, "id")));
    case X:
        return doubleOr(ui, "x", 40.0 + 180.0 * (index.row() % 5));
    case Y:
        return doubleOr(ui, "y", 40.0 + 140.0 * (index.row() / 5));
    case Prompt:
        return prompt.is_object() ? toQ(stringOr(prompt, "text"))
                                  : toQ(prompt.is_string() ? prompt.get<std::string>() : "");
    case Model:
        return toQ(stringOr(agent, "model"));
    case Temperature:
        return doubleOr(agent, "temperature", 0.2);
    case Tools:
        return strings(arrayAt(agent, "tools"));
    case Handoffs:
        return strings(arrayAt(agent, "handoffs"));
    case MaxTurns:
        return int(intOr(agent, "max_turns", 12));
    case Terminal:
        return boolOr(agent, "terminal", false);
    case Kind:
        return toQ(stringOr(agent, "kind", "llm"));
    case Coding:
        return QJsonDocument::fromJson(toBytes(objectAt(agent, "coding"))).object().toVariantMap();
    }
    return {};
}

void GraphEditor::load(const QVariantMap& body)
{
    m_undo.clear();
    setDocument(jsonFromVariant(body));
}

void GraphEditor::setDocument(const Json& graph)
{
    const bool sameShape =
        agentsOr().size() ==
        (graph.contains("agents") && graph["agents"].is_array() ? graph["agents"].size() : 0);
    if (sameShape) {
        m_graph = graph;
        if (rowCount() > 0)
            emit dataChanged(index(0), index(rowCount() - 1));
    } else {
        beginResetModel();
        m_graph = graph;
        endResetModel();
    }
    validate();
    emit documentChanged();
}

void GraphEditor::change(const QString& text, Json after, const QString& mergeKey)
{
    m_undo.push(
        new SnapshotCommand(this, m_graph, std::move(after), text, mergeKey)); // the stack owns it
}

QString GraphEditor::fieldError(int row, const QString& field) const
{
    const QString prefix = QStringLiteral("$.agents[%1].%2").arg(row).arg(field);
    for (auto it = m_errors.begin(); it != m_errors.end(); ++it)
        if (it.key() == prefix || it.key().startsWith(prefix + QLatin1Char('[')) ||
            it.key().startsWith(prefix + QLatin1Char('.')))
            return it.value().toString();
    return {};
}

QVariantList GraphEditor::edges() const
{
    QVariantList list;
    for (const Json& edge : arrayAt(m_graph, "edges"))
        list.append(QVariantMap{{"from", toQ(stringOr(edge, "from"))},
                                {"to", toQ(stringOr(edge, "to"))},
                                {"when", toQ(stringOr(edge, "when", "always"))}});
    return list;
}

QStringList GraphEditor::modelProfiles() const
{
    QStringList profiles;
    const Json models = objectAt(m_graph, "models");
    for (auto it = models.begin(); it != models.end(); ++it)
        profiles << toQ(it.key());
    return profiles;
}

QVariantMap GraphEditor::sharedPrompts() const
{
    QVariantMap shared;
    const Json prompts = objectAt(m_graph, "shared_prompts");
    for (auto it = prompts.begin(); it != prompts.end(); ++it)
        if (it->is_string())
            shared.insert(toQ(it.key()), toQ(it->get<std::string>()));
    return shared;
}

int GraphEditor::rowOf(const QString& agentId) const
{
    const Json agents = agentsOr();
    for (size_t i = 0; i < agents.size(); ++i)
        if (toQ(stringOr(agents[i], "id")) == agentId)
            return int(i);
    return -1;
}

QVariantMap GraphEditor::agent(int row) const
{
    QVariantMap values;
    if (row < 0 || row >= rowCount())
        return values;
    const auto names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        values.insert(QString::fromUtf8(it.value()), data(index(row), it.key()));
    return values;
}

void GraphEditor::moveNode(int row, double x, double y)
{
    if (row < 0 || row >= rowCount())
        return;
    Json after = m_graph;
    after["agents"][size_t(row)]["ui"] = {{"x", std::round(x)}, {"y", std::round(y)}};
    change(tr("Move agent"), std::move(after), QStringLiteral("move:%1").arg(row));
}

void GraphEditor::arrange()
{
    // The editor's nodes are 150×56; the layout's spacing leaves room for the edges' labels.
    LayoutSpacing spacing;
    spacing.node = QSizeF(150, 56);
    spacing.columnGap = 110;
    spacing.rowGap = 60;
    const QHash<QString, QPointF> at = layeredLayout(m_graph, spacing);
    Json after = m_graph;
    for (Json& agent : after["agents"]) {
        const auto place = at.constFind(toQ(stringOr(agent, "id")));
        if (place != at.cend())
            agent["ui"] = {{"x", std::round(place->x())}, {"y", std::round(place->y())}};
    }
    if (after != m_graph)
        change(tr("Arrange"), std::move(after));
}

bool GraphEditor::addEdge(const QString& from, const QString& to, const QString& when)
{
    if (from == to || rowOf(from) < 0 || rowOf(to) < 0)
        return false;
    for (const QVariant& edge : edges())
        if (edge.toMap().value("from") == from && edge.toMap().value("to") == to)
            return false;
    Json after = m_graph;
    if (!after.contains("edges"))
        after["edges"] = Json::array();
    after["edges"].push_back({{"from", toStd(from)}, {"to", toStd(to)}, {"when", toStd(when)}});
    change(tr("Add edge"), std::move(after));
    return true;
}

void GraphEditor::removeEdge(int index)
{
    Json after = m_graph;
    if (!after.contains("edges") || index < 0 || size_t(index) >= after["edges"].size())
        return;
    after["edges"].erase(size_t(index));
    change(tr("Remove edge"), std::move(after));
}

void GraphEditor::setEdgeCondition(int index, const QString& when)
{
    Json after = m_graph;
    if (!after.contains("edges") || index < 0 || size_t(index) >= after["edges"].size())
        return;
    const std::string condition = when.trimmed().isEmpty() ? "always" : toStd(when.trimmed());
    if (stringOr(after["edges"][size_t(index)], "when", "always") == condition)
        return;
    after["edges"][size_t(index)]["when"] = condition;
    change(tr("Edit condition"), std::move(after), QStringLiteral("edge:%1").arg(index));
}

QString GraphEditor::edgeError(int index) const
{
    const QString prefix = QStringLiteral("$.edges[%1]").arg(index);
    for (auto it = m_errors.begin(); it != m_errors.end(); ++it)
        if (it.key() == prefix || it.key().startsWith(prefix + QLatin1Char('.')))
            return it.value().toString();
    return {};
}

QPointF GraphEditor::freeSpotNear(double x, double y) const
{
    // A node is 150×56 on the canvas; keep a gap so edges and labels have room between them.
    constexpr double kWidth = 150 + 40;
    constexpr double kHeight = 56 + 40;
    auto taken = [this](double px, double py) {
        for (int row = 0; row < rowCount(); ++row) {
            const double ax = data(index(row), X).toDouble();
            const double ay = data(index(row), Y).toDouble();
            if (std::abs(ax - px) < kWidth && std::abs(ay - py) < kHeight)
                return true;
        }
        return false;
    };
    // Down the column first, then the next column, as far as the canvas goes.
    for (int column = 0; column < 12; ++column)
        for (int row = 0; row < 14; ++row) {
            const double px = x + column * kWidth;
            const double py = y + row * kHeight;
            if (!taken(px, py))
                return {px, py};
        }
    return {x, y};
}

int GraphEditor::addAgent(double x, double y)
{
    const QPointF spot = freeSpotNear(x, y);
    x = spot.x();
    y = spot.y();
    int n = rowCount() + 1;
    while (rowOf(QStringLiteral("agent%1").arg(n)) >= 0)
        ++n;
    const std::string id = "agent" + std::to_string(n);
    Json after = m_graph;
    const QStringList profiles = modelProfiles();
    after["agents"].push_back({{"id", id},
                               {"title", id},
                               {"kind", "llm"},
                               {"model", toStd(profiles.value(0, QStringLiteral("default")))},
                               {"prompt", {{"text", ""}}},
                               {"tools", Json::array()},
                               {"ui", {{"x", std::round(x)}, {"y", std::round(y)}}}});
    change(tr("Add agent"), std::move(after));
    return rowCount() - 1;
}

void GraphEditor::removeAgent(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    Json after = m_graph;
    const std::string id = stringOr(after["agents"][size_t(row)], "id");
    after["agents"].erase(size_t(row));
    Json edges = Json::array();
    for (const Json& edge : arrayAt(after, "edges"))
        if (stringOr(edge, "from") != id && stringOr(edge, "to") != id)
            edges.push_back(edge);
    after["edges"] = edges;
    for (Json& agent : after["agents"])
        if (agent.contains("handoffs") && agent["handoffs"].is_array()) {
            Json kept = Json::array();
            for (const Json& target : agent["handoffs"])
                if (target != id)
                    kept.push_back(target);
            agent["handoffs"] = kept;
        }
    change(tr("Remove agent"), std::move(after));
}

} // namespace orch::ui
