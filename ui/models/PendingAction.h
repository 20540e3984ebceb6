#pragma once
// One request a view made through the Session, and its outcome, so the answer reaches the
// view that asked and no other. QML connects to `finished`; the object deletes itself after
// announcing it.

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace orch::ui {

class PendingAction : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Session's actions return one")
    Q_PROPERTY(QString action READ action CONSTANT)
    Q_PROPERTY(bool done READ done NOTIFY finished)
    Q_PROPERTY(bool ok READ ok NOTIFY finished)
    Q_PROPERTY(QString error READ error NOTIFY finished)
    Q_PROPERTY(QString value READ value NOTIFY finished)

public:
    PendingAction(QString action, QObject* parent);

    QString action() const { return m_action; }
    bool done() const { return m_done; }
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    QString value() const { return m_value; }

    // Records the outcome, announces it once, and schedules the object's deletion.
    void finish(bool ok, const QString& error, const QString& value = {});

signals:
    // value: the new run's id for start, fork and change.
    void finished(bool ok, const QString& error, const QString& value);

private:
    QString m_action;
    bool m_done = false;
    bool m_ok = false;
    QString m_error;
    QString m_value;
};

} // namespace orch::ui
