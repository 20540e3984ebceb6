#include "Session.h"

namespace orch::ui {

Session::Session(EngineApi* engine, bool remote, QString location, QObject* parent)
    : QObject(parent), m_engine(engine), m_remote(remote), m_location(std::move(location)), m_connected(!remote)
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

Reply<void> Session::reportTo(const QString& action)
{
    return [self = QPointer<Session>(this), action](Result<void> result) {
        if (self)
            emit self->actionFinished(action, result.ok(), result.ok() ? QString() : result.error(), {});
    };
}

void Session::startRun(const QString& description)
{
    m_engine->startRun(description, [self = QPointer<Session>(this)](Result<QString> id) {
        if (self)
            emit self->actionFinished(QStringLiteral("start"), id.ok(), id.ok() ? QString() : id.error(),
                                      id.ok() ? id.value() : QString());
    });
}

void Session::answer(const QString& runId, const QString& text)
{
    m_engine->answer(runId, text, reportTo(QStringLiteral("answer")));
}

void Session::cancel(const QString& runId)
{
    m_engine->cancel(runId, reportTo(QStringLiteral("cancel")));
}

void Session::resume(const QString& runId)
{
    m_engine->resumeRun(runId, reportTo(QStringLiteral("resume")));
}

void Session::fork(const QString& runId, int step)
{
    m_engine->forkRun(runId, step, [self = QPointer<Session>(this)](Result<QString> id) {
        if (self)
            emit self->actionFinished(QStringLiteral("fork"), id.ok(), id.ok() ? QString() : id.error(),
                                      id.ok() ? id.value() : QString());
    });
}

void Session::topUp(const QString& scope, double amount)
{
    m_engine->topUp(scope, amount, [self = QPointer<Session>(this)](Result<BudgetStatus> status) {
        if (self)
            emit self->actionFinished(QStringLiteral("topup"), status.ok(), status.ok() ? QString() : status.error(), {});
    });
}

} // namespace orch::ui
