#pragma once
// The first run's question: can projects start with the models configured now? If not, why
// (no endpoint, a key missing from the vault), so the desktop leads to Settings or offers
// the offline demo model instead of failing at the first project. Also the Settings' provider
// connection test, which lists the models an endpoint serves.

#include "PendingAction.h"
#include "Session.h"

#include <QtQml/qqmlregistration.h>

namespace orch::ui {

class ModelSetup : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(orch::ui::Session* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(bool checked READ checked NOTIFY changed) // an answer has arrived
    Q_PROPERTY(bool ready READ ready NOTIFY changed)
    Q_PROPERTY(QString problem READ problem NOTIFY changed)
    Q_PROPERTY(bool offlineDemo READ offlineDemo NOTIFY changed)
    // The model profiles of the graph new runs use: {name, provider, model, agents} ("agents":
    // the titles of the agents that use it, comma-separated), for choosing a model per profile.
    Q_PROPERTY(QVariantList profiles READ profiles NOTIFY profilesChanged)

public:
    explicit ModelSetup(QObject* parent = nullptr) : QObject(parent) {}

    Session* session() const { return m_session; }
    void setSession(Session* session);
    bool checked() const { return m_checked; }
    bool ready() const { return m_readiness.ready; }
    QString problem() const { return m_readiness.problem; }
    bool offlineDemo() const { return m_readiness.offlineDemo; }
    QVariantList profiles() const { return m_profiles; }

    Q_INVOKABLE void check();
    // Switches the engine to the offline demo model; the action's value is empty.
    Q_INVOKABLE orch::ui::PendingAction* useOfflineDemo();
    // The action's value: the endpoint's model ids, one per line.
    Q_INVOKABLE orch::ui::PendingAction* testProvider(const QString& kind, const QString& baseUrl,
                                                      const QString& keySecret);

signals:
    void sessionChanged();
    void changed();
    void profilesChanged();

private:
    void show(const ModelReadiness& readiness);
    void loadProfiles();

    QPointer<Session> m_session;
    bool m_checked = false;
    ModelReadiness m_readiness;
    QVariantList m_profiles;
};

} // namespace orch::ui
