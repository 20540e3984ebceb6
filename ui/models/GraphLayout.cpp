#include "GraphLayout.h"

#include <QQueue>
#include <algorithm>

namespace orch::ui {

bool hasSavedPositions(const Json& graph)
{
    for (const Json& agent : arrayAt(graph, "agents")) {
        const Json& ui = objectAt(agent, "ui");
        if (member(ui, "x").is_number() && member(ui, "y").is_number())
            return true;
    }
    return false;
}

QHash<QString, QPointF> layeredLayout(const Json& graph, const LayoutSpacing& spacing)
{
    // The agents in document order, and who each one can pass work to.
    QStringList agents;
    QHash<QString, QStringList> next;
    for (const Json& agent : arrayAt(graph, "agents")) {
        const QString id = toQ(stringOr(agent, "id"));
        if (id.isEmpty() || next.contains(id))
            continue;
        agents << id;
        next[id];
        for (const Json& target : arrayAt(agent, "handoffs"))
            if (target.is_string())
                next[id] << toQ(target.get<std::string>());
    }
    for (const Json& edge : arrayAt(graph, "edges")) {
        const QString from = toQ(stringOr(edge, "from"));
        if (next.contains(from))
            next[from] << toQ(stringOr(edge, "to"));
    }
    if (agents.isEmpty())
        return {};

    // Columns: breadth-first distance from the entry (or the first agent).
    QString entry = toQ(stringOr(graph, "entry"));
    if (!next.contains(entry))
        entry = agents.first();
    QHash<QString, int> column{{entry, 0}};
    QQueue<QString> queue;
    queue.enqueue(entry);
    int deepest = 0;
    while (!queue.isEmpty()) {
        const QString at = queue.dequeue();
        for (const QString& to : next.value(at))
            if (next.contains(to) && !column.contains(to)) {
                column[to] = column[at] + 1;
                deepest = std::max(deepest, column[to]);
                queue.enqueue(to);
            }
    }
    for (const QString& id : agents)
        if (!column.contains(id))
            column[id] = deepest + 1;

    // Rows: each column ordered by the mean row of its predecessors in earlier columns.
    QList<QStringList> columns(*std::max_element(column.cbegin(), column.cend()) + 1);
    for (const QString& id : agents)
        columns[column[id]] << id;
    QHash<QString, double> row;
    for (QStringList& ids : columns) {
        QHash<QString, double> weight;
        for (int i = 0; i < ids.size(); ++i) {
            double sum = 0;
            int count = 0;
            for (auto from = next.cbegin(); from != next.cend(); ++from)
                if (from->contains(ids[i]) && row.contains(from.key()) &&
                    column[from.key()] < column[ids[i]]) {
                    sum += row[from.key()];
                    ++count;
                }
            weight[ids[i]] = count > 0 ? sum / count : i;
        }
        std::stable_sort(ids.begin(), ids.end(),
                         [&](const QString& a, const QString& b) { return weight[a] < weight[b]; });
        for (int i = 0; i < ids.size(); ++i)
            row[ids[i]] = i;
    }

    // Columns are centred on the tallest one.
    qsizetype tallest = 0;
    for (const QStringList& ids : columns)
        tallest = std::max(tallest, ids.size());
    const double pitchX = spacing.node.width() + spacing.columnGap;
    const double pitchY = spacing.node.height() + spacing.rowGap;
    QHash<QString, QPointF> positions;
    for (int c = 0; c < columns.size(); ++c) {
        const double offset = double(tallest - columns[c].size()) * pitchY / 2;
        for (int r = 0; r < columns[c].size(); ++r)
            positions[columns[c][r]] =
                QPointF(spacing.margin.x() + c * pitchX, spacing.margin.y() + offset + r * pitchY);
    }
    return positions;
}

} // namespace orch::ui
