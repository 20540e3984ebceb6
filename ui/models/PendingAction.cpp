#include "PendingAction.h"

namespace orch::ui {

PendingAction::PendingAction(QString action, QObject* parent)
    : QObject(parent), m_action(std::move(action))
{
}

void PendingAction::finish(bool ok, const QString& error, const QString& value)
{
    if (m_done)
        return;
    m_done = true;
    m_ok = ok;
    m_error = error;
    m_value = value;
    emit finished(ok, error, value);
    deleteLater();
}

} // namespace orch::ui
