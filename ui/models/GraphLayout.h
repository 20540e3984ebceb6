#pragma once
// Positions for a graph whose agents have none saved: a layered layout that reads left to
// right. Each agent's column is its distance from the entry along edges and handoffs; within
// a column agents are ordered by where their predecessors sit, so few lines cross; agents the
// entry cannot reach get a column of their own at the end.

#include "core/Json.h"

#include <QHash>
#include <QPointF>
#include <QSizeF>

namespace orch::ui {

struct LayoutSpacing
{
    QSizeF node{210, 96};
    double columnGap = 120; // room for the edges' labels between columns
    double rowGap = 46;
    QPointF margin{40, 40};
};

// Agent id → top-left corner, for every agent of the graph document.
QHash<QString, QPointF> layeredLayout(const Json& graph, const LayoutSpacing& spacing = {});

// Whether any agent of the document has a saved position (ui.x and ui.y numbers).
bool hasSavedPositions(const Json& graph);

} // namespace orch::ui
