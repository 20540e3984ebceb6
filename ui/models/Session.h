#pragma once
// The connection the views work through: an in-process engine or a remote orchestratord,
// behind EngineApi, so no view can tell them apart. Actions report back through
// actionFinished; a lost remote connection shows in `connected` and is retried.

#include "api/EngineApi.h"

#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace orch::ui {

class Session : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The app creates the session")
    Q_PROPERTY(bool connected READ connected NOTIFY connectedChanged)
    Q_PROPERTY(QString connectionError READ connectionError NOTIFY connectedChanged)
    Q_PROPERTY(bool remote READ remote CONSTANT)
    Q_PROPERTY(QString location READ location CONSTANT)

public:
    Session(EngineApi* engine, bool remote, QString location, QObject* parent = nullptr);

    EngineApi* engine() const { return m_engine; }
    bool connected() const { return m_connected; }
    QString connectionError() const { return m_connectionError; }
    bool remote() const { return m_remote; }
    QString location() const { return m_location; }
    // For the remote engine's connection signal.
    void setConnected(bool connected, const QString& reason);

    Q_INVOKABLE void startRun(const QString& description);
    Q_INVOKABLE void answer(const QString& runId, const QString& text);
    Q_INVOKABLE void cancel(const QString& runId);
    Q_INVOKABLE void resume(const QString& runId);
    Q_INVOKABLE void fork(const QString& runId, int step);
    Q_INVOKABLE void topUp(const QString& scope, double amount);

signals:
    void connectedChanged();
    // action: "start", "answer", …; for start and fork `value` is the new run id.
    void actionFinished(const QString& action, bool ok, const QString& message, const QString& value);

private:
    Reply<void> reportTo(const QString& action);

    QPointer<EngineApi> m_engine;
    bool m_remote;
    QString m_location;
    bool m_connected = true;
    QString m_connectionError;
};

} // namespace orch::ui
