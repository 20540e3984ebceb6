#pragma once
// One edit of the agent editor as the graph before and after; consecutive edits with the same
// key merge (a drag is one step to undo, not hundreds).

#include "GraphEditor.h"

#include <QUndoCommand>

namespace orch::ui {

class SnapshotCommand final : public QUndoCommand
{
public:
    SnapshotCommand(GraphEditor* editor, Json before, Json after, const QString& text,
                    const QString& mergeKey)
        : QUndoCommand(text), m_editor(editor), m_before(std::move(before)),
          m_after(std::move(after)),
          m_mergeId(mergeKey.isEmpty() ? -1 : int(qHash(mergeKey) & 0x7fffffff))
    {
    }
    void undo() override { m_editor->setDocument(m_before); }
    void redo() override { m_editor->setDocument(m_after); }
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand* other) override
    {
        m_after = static_cast<const SnapshotCommand*>(other)->m_after;
        return true;
    }

private:
    GraphEditor* m_editor;
    Json m_before;
    Json m_after;
    int m_mergeId;
};

} // namespace orch::ui
