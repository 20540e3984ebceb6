#pragma once
// The connection the views work through: an in-process engine or a remote orchestratord,
// behind EngineApi, so no view can tell them apart. Each action returns a PendingAction that
// reports to the view that asked; a lost remote connection shows in `connected` and is retried.

#include "PendingAction.h"
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
    // The run the person last acted on here (started, answered, resumed, forked, changed):
    // the live graph follows it.
    Q_PROPERTY(QString actedRun READ actedRun NOTIFY actedRunChanged)

public:
    Session(EngineApi* engine, bool remote, QString location, QObject* parent = nullptr);

    EngineApi* engine() const { return m_engine; }
    bool connected() const { return m_connected; }
    QString connectionError() const { return m_connectionError; }
    bool remote() const { return m_remote; }
    QString location() const { return m_location; }
    QString actedRun() const { return m_actedRun; }
    // For the remote engine's connection signal.
    void setConnected(bool connected, const QString& reason);

    Q_INVOKABLE orch::ui::PendingAction* startRun(const QString& description);
    Q_INVOKABLE orch::ui::PendingAction* answer(const QString& runId, const QString& text);
    Q_INVOKABLE orch::ui::PendingAction* cancel(const QString& runId);
    Q_INVOKABLE orch::ui::PendingAction* resume(const QString& runId);
    Q_INVOKABLE orch::ui::PendingAction* fork(const QString& runId, int step);
    // A fork whose state has values edited first: {"/json/pointer": value} (time travel).
    orch::ui::PendingAction* forkWithEdits(const QString& runId, int step, const Json& edits);
    // A new run that changes an existing project (same workspace, repository, deployment).
    Q_INVOKABLE orch::ui::PendingAction* changeProject(const QString& projectId,
                                                       const QString& text);
    Q_INVOKABLE orch::ui::PendingAction* topUp(const QString& scope, double amount);
    // The project's running release installed and started again, or the one before it put
    // back; the action's value is the release that runs after it.
    Q_INVOKABLE orch::ui::PendingAction* redeploy(const QString& projectId);
    Q_INVOKABLE orch::ui::PendingAction* rollback(const QString& projectId);
    // Stops the project's service and removes it; the code, runs and reports stay.
    Q_INVOKABLE orch::ui::PendingAction* teardown(const QString& projectId);
    // Its value: the URL the service answers at now ("" until its next deploy); a domain that
    // does not point at the project's server yet fails with the record to create.
    Q_INVOKABLE orch::ui::PendingAction* claimDomain(const QString& projectId,
                                                     const QString& domain);

signals:
    void connectedChanged();
    // A top-up went through: views showing budgets reload.
    void budgetsChanged();
    void actedRunChanged();

private:
    PendingAction* pending(const QString& action);
    // Once the action succeeds, runId (or, empty, the new run it reports) is the acted-on run.
    PendingAction* actingOn(PendingAction* action, const QString& runId = {});

    QPointer<EngineApi> m_engine;
    bool m_remote;
    QString m_location;
    bool m_connected = true;
    QString m_connectionError;
    QString m_actedRun;
};

} // namespace orch::ui
