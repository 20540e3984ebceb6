#pragma once
// What runs learned from the failures they recovered from: each lesson's template, the tool
// that found the failure, what failed and what fixed it, how often it was given and missed;
// the person corrects one (their wording is given from then on) or forgets it. `showDropped`
// lists the dropped ones too (two runs given them failed the same way again).

#include "PendingAction.h"
#include "RowsModel.h"

namespace orch::ui {

class LessonsModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool showDropped READ showDropped WRITE setShowDropped NOTIFY showDroppedChanged)

public:
    explicit LessonsModel(QObject* parent = nullptr);

    bool showDropped() const { return m_showDropped; }
    void setShowDropped(bool show);

    // `failure` empty: as it was.
    Q_INVOKABLE orch::ui::PendingAction* edit(qint64 id, const QString& failure,
                                              const QString& fix);
    Q_INVOKABLE orch::ui::PendingAction* remove(qint64 id);

signals:
    void showDroppedChanged();

protected:
    void fetch() override;

private:
    PendingAction* started(const QString& action);

    bool m_showDropped = false;
};

} // namespace orch::ui
