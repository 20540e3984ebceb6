#include "Session.h"

#include <QtQml/qqml.h>

namespace orch::ui {
namespace {

// The engine's shared enums as QML types (RunStatus.Running, EventKind.RunFinished), so views
// compare enums, never strings. Registered while the program loads, before any QML engine;
// here because every view works through a Session, so this file is always linked.
void registerVocabulary()
{
    const QString onlyEnums = QStringLiteral("only its values are used");
    qmlRegisterUncreatableMetaObject(RunStatus::staticMetaObject, "Orchestrator.Ui", 1, 0,
                                     "RunStatus", onlyEnums);
    qmlRegisterUncreatableMetaObject(EventKind::staticMetaObject, "Orchestrator.Ui", 1, 0,
                                     "EventKind", onlyEnums);
}
Q_CONSTRUCTOR_FUNCTION(registerVocabulary)

} // namespace

Session::Session(EngineApi* engine, bool remote, QString location, QObject* parent)
    : QObject(parent), m_engine(engine), m_remote(remote), m_location(std::move(location)),
      m_connected(!remote)
{
}

void Session::setConnected(bool connected, const QString& reason)
{
    if (m_connected == connected && m_connectionError == reason)
        return;
    m_connected = connected;
    m_connectionError = reason;
    emit connectedChanged();
}

PendingAction* Session::pending(const QString& action)
{
    return new PendingAction(action, this);
}

PendingAction* Session::actingOn(PendingAction* action, const QString& runId)
{
    connect(action, &PendingAction::finished, this,
            [this, runId](bool ok, const QString&, const QString& value) {
                const QString acted = runId.isEmpty() ? value : runId;
                if (!ok || acted.isEmpty() || acted == m_actedRun)
                    return;
                m_actedRun = acted;
                emit actedRunChanged();
            });
    return action;
}

namespace {

// Reports a call's outcome to its PendingAction, if the view still cares.
template <typename T, typename Value> Reply<T> reportTo(PendingAction* action, Value valueOf)
{
    return [action = QPointer<PendingAction>(action), valueOf](Result<T> result) {
        if (!action)
            return;
        if (!result)
            return action->finish(false, result.error());
        action->finish(true, {}, valueOf(result));
    };
}

Reply<void> reportTo(PendingAction* action)
{
    return reportTo<void>(action, [](const Result<void>&) { return QString(); });
}

Reply<QString> reportRunId(PendingAction* action)
{
    return reportTo<QString>(action, [](const Result<QString>& id) { return id.value(); });
}

Reply<DeploymentRecord> reportRelease(PendingAction* action)
{
    return reportTo<DeploymentRecord>(
        action, [](const Result<DeploymentRecord>& deployment) { return deployment->version; });
}

} // namespace

PendingAction* Session::startRun(const QString& description)
{
    PendingAction* action = actingOn(pending(QStringLiteral("start")), {});
    m_engine->startRun({description}, reportRunId(action));
    return action;
}

PendingAction* Session::changeProject(const QString& projectId, const QString& text)
{
    PendingAction* action = actingOn(pending(QStringLiteral("change")), {});
    m_engine->changeProject({projectId, text}, reportRunId(action));
    return action;
}

PendingAction* Session::redeploy(const QString& projectId)
{
    PendingAction* action = pending(QStringLiteral("redeploy"));
    m_engine->redeploy({projectId}, reportRelease(action));
    return action;
}

PendingAction* Session::rollback(const QString& projectId)
{
    PendingAction* action = pending(QStringLiteral("rollback"));
    m_engine->rollback({projectId}, reportRelease(action));
    return action;
}

PendingAction* Session::teardown(const QString& projectId)
{
    PendingAction* action = pending(QStringLiteral("teardown"));
    m_engine->teardown({projectId}, reportTo(action));
    return action;
}

PendingAction* Session::claimDomain(const QString& projectId, const QString& domain)
{
    PendingAction* action = pending(QStringLiteral("domain"));
    m_engine->claimDomain({projectId, domain}, [action = QPointer<PendingAction>(action)](
                                                   Result<DomainClaim> claim) {
        if (!action)
            return;
        if (!claim)
            return action->finish(false, claim.error());
        if (!claim->accepted)
            return action->finish(
                false, tr("%1 does not point at the project's server yet (its records hold: "
                          "%2). Create this record at the domain's DNS provider, then try "
                          "again:\n%3")
                           .arg(claim->domain,
                                claim->found.isEmpty() ? tr("nothing")
                                                       : claim->found.join(QStringLiteral(", ")),
                                claim->record));
        action->finish(true, {}, claim->url);
    });
    return action;
}

PendingAction* Session::answer(const QString& runId, const QString& text)
{
    PendingAction* action = actingOn(pending(QStringLiteral("answer")), runId);
    m_engine->answer({runId, text}, reportTo(action));
    return action;
}

PendingAction* Session::cancel(const QString& runId)
{
    PendingAction* action = pending(QStringLiteral("cancel"));
    m_engine->cancel({runId}, reportTo(action));
    return action;
}

PendingAction* Session::resume(const QString& runId)
{
    PendingAction* action = actingOn(pending(QStringLiteral("resume")), runId);
    m_engine->resumeRun({runId}, reportTo(action));
    return action;
}

PendingAction* Session::fork(const QString& runId, int step)
{
    PendingAction* action = actingOn(pending(QStringLiteral("fork")), {});
    m_engine->forkRun({runId, step}, reportRunId(action));
    return action;
}

PendingAction* Session::forkWithEdits(const QString& runId, int step, const Json& edits)
{
    PendingAction* action = actingOn(pending(QStringLiteral("fork")), {});
    m_engine->forkRun({runId, step, edits}, reportRunId(action));
    return action;
}

PendingAction* Session::topUp(const QString& scope, double amount)
{
    PendingAction* action = pending(QStringLiteral("topup"));
    m_engine->topUp({scope, amount, {}},
                    [self = QPointer<Session>(this),
                     action = QPointer<PendingAction>(action)](Result<BudgetStatus> status) {
                        if (status && self)
                            emit self->budgetsChanged();
                        if (action)
                            action->finish(status.ok(), status.error());
                    });
    return action;
}

} // namespace orch::ui
