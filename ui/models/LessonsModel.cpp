#include "LessonsModel.h"

#include <QDateTime>

namespace orch::ui {

LessonsModel::LessonsModel(QObject* parent)
    : RowsModel({"lessonId", "templateName", "tool", "failure", "fix", "uses", "misses",
                 "recoveries", "dropped", "edited", "updatedAt"},
                parent)
{
}

void LessonsModel::setShowDropped(bool show)
{
    if (show == m_showDropped)
        return;
    m_showDropped = show;
    emit showDroppedChanged();
    reload();
}

void LessonsModel::fetch()
{
    session()->engine()->lessons({m_showDropped}, [self = QPointer<LessonsModel>(this)](
                                                      Result<std::vector<Lesson>> lessons) {
        if (!self)
            return;
        if (!lessons)
            return self->setError(lessons.error());
        QList<QVariantMap> rows;
        for (const Lesson& l : lessons.value())
            rows.append({{"lessonId", l.id},
                         {"templateName", l.templateName},
                         {"tool", l.tool},
                         {"failure", l.failure},
                         {"fix", l.fix},
                         {"uses", l.uses},
                         {"misses", l.misses},
                         {"recoveries", l.recoveries},
                         {"dropped", l.dropped()},
                         {"edited", l.edited},
                         {"updatedAt", QDateTime::fromMSecsSinceEpoch(l.updatedAt)}});
        self->setRows(rows);
    });
}

PendingAction* LessonsModel::started(const QString& action)
{
    auto* pending = new PendingAction(action, this);
    if (!session() || !session()->engine())
        pending->finish(false, tr("Not connected to an orchestrator"));
    return pending;
}

PendingAction* LessonsModel::edit(qint64 id, const QString& failure, const QString& fix)
{
    PendingAction* action = started(QStringLiteral("edit"));
    if (action->done())
        return action;
    session()->engine()->editLesson(
        {id, failure.trimmed(), fix.trimmed()},
        [self = QPointer<LessonsModel>(this),
         action = QPointer<PendingAction>(action)](Result<Lesson> edited) {
            if (action)
                action->finish(edited.ok(), edited ? QString() : edited.error());
            if (self)
                self->reload();
        });
    return action;
}

PendingAction* LessonsModel::remove(qint64 id)
{
    PendingAction* action = started(QStringLiteral("remove"));
    if (action->done())
        return action;
    session()->engine()->deleteLesson(
        {id}, [self = QPointer<LessonsModel>(this),
               action = QPointer<PendingAction>(action)](Result<void> removed) {
            if (action)
                action->finish(removed.ok(), removed ? QString() : removed.error());
            if (self)
                self->reload();
        });
    return action;
}

} // namespace orch::ui
