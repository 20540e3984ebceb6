#include "ModelSetup.h"

namespace orch::ui {

void ModelSetup::setSession(Session* session)
{
    if (m_session == session)
        return;
    m_session = session;
    emit sessionChanged();
    check();
}

void ModelSetup::check()
{
    if (!m_session || !m_session->engine())
        return;
    m_session->engine()->modelReadiness(
        {}, [self = QPointer<ModelSetup>(this)](Result<ModelReadiness> readiness) {
            if (!self)
                return;
            // An engine that cannot say (an older server) is taken as ready: the first
            // project's own error still names what is missing.
            self->show(readiness ? readiness.value() : ModelReadiness{true, {}, false});
        });
    loadProfiles();
}

void ModelSetup::loadProfiles()
{
    m_session->engine()->graph(
        {0}, [self = QPointer<ModelSetup>(this)](Result<GraphVersion> version) {
            if (!self || !version)
                return;
            const Json& body = version->body;
            QVariantList profiles;
            const Json models = objectAt(body, "models");
            for (auto it = models.begin(); it != models.end(); ++it) {
                QStringList agents;
                for (const Json& agent : arrayAt(body, "agents"))
                    if (stringOr(agent, "model") == it.key())
                        agents << toQ(stringOr(agent, "title", stringOr(agent, "id")));
                profiles.append(QVariantMap{{"name", toQ(it.key())},
                                            {"provider", toQ(stringOr(*it, "provider"))},
                                            {"model", toQ(stringOr(*it, "model"))},
                                            {"agents", agents.join(QStringLiteral(", "))}});
            }
            self->m_profiles = profiles;
            emit self->profilesChanged();
        });
}

void ModelSetup::show(const ModelReadiness& readiness)
{
    m_checked = true;
    m_readiness = readiness;
    emit changed();
}

PendingAction* ModelSetup::useOfflineDemo()
{
    auto* action = new PendingAction(QStringLiteral("offline_demo"), this);
    if (!m_session || !m_session->engine()) {
        // Later, so the view that asked has connected to the action first.
        QMetaObject::invokeMethod(
            action, [action] { action->finish(false, tr("not connected")); }, Qt::QueuedConnection);
        return action;
    }
    m_session->engine()->useOfflineDemo(
        {}, [self = QPointer<ModelSetup>(this),
             action = QPointer<PendingAction>(action)](Result<ModelReadiness> readiness) {
            if (self && readiness)
                self->show(readiness.value());
            if (action)
                action->finish(readiness.ok(), readiness.error());
        });
    return action;
}

PendingAction* ModelSetup::testProvider(const QString& kind, const QString& baseUrl,
                                        const QString& keySecret)
{
    auto* action = new PendingAction(QStringLiteral("test_provider"), this);
    if (!m_session || !m_session->engine()) {
        // Later, so the view that asked has connected to the action first.
        QMetaObject::invokeMethod(
            action, [action] { action->finish(false, tr("not connected")); }, Qt::QueuedConnection);
        return action;
    }
    m_session->engine()->testProvider(
        {kind, baseUrl.trimmed(), keySecret.trimmed()},
        [action = QPointer<PendingAction>(action)](Result<QStringList> models) {
            if (!action)
                return;
            if (!models)
                return action->finish(false, models.error());
            action->finish(true, {}, models->join(QLatin1Char('\n')));
        });
    return action;
}

} // namespace orch::ui
