#pragma once
// The run timeline of the review view: each step with its agent, outcome, tool calls, model
// text, duration, tokens and cost, plus the run's status and pending question. Steps
// committed while the view is open are appended as they happen.

#include "RowsModel.h"

namespace orch::ui {

class RunTimelineModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString runId READ runId WRITE setRunId NOTIFY runIdChanged)
    Q_PROPERTY(orch::RunStatus::Value status READ status NOTIFY runChanged)
    Q_PROPERTY(QString statusName READ statusName NOTIFY runChanged)
    Q_PROPERTY(QString reason READ reason NOTIFY runChanged)
    Q_PROPERTY(QString projectName READ projectName NOTIFY runChanged)
    Q_PROPERTY(QString projectId READ projectId NOTIFY runChanged)
    Q_PROPERTY(QString question READ question NOTIFY runChanged)
    Q_PROPERTY(QStringList questionOptions READ questionOptions NOTIFY runChanged)
    // The answer is a secret for the vault: typed hidden, never shown back.
    Q_PROPERTY(bool questionIsSecret READ questionIsSecret NOTIFY runChanged)
    Q_PROPERTY(double cost READ cost NOTIFY runChanged)
    // Of `cost`, the offline demo model's simulated money.
    Q_PROPERTY(double simulatedCost READ simulatedCost NOTIFY runChanged)
    Q_PROPERTY(qint64 graphId READ graphId NOTIFY runChanged)
    Q_PROPERTY(QString report READ report NOTIFY runChanged) // Markdown, once written
    // The run holds its writes until the database is back (store_waiting, then store_back).
    Q_PROPERTY(bool storeAway READ storeAway NOTIFY runChanged)
    // The project's deployment: its address and health ("healthy", "unhealthy"; "" when it
    // never deployed), so Redeploy and Roll back are offered only where they mean something.
    Q_PROPERTY(QString url READ url NOTIFY deploymentChanged)
    Q_PROPERTY(QString health READ health NOTIFY deploymentChanged)
    // What a coding agent does in the step now in flight, newest last, and which agent it is
    // (empty when no coding agent is at work). A committed step keeps its own in `activity`.
    Q_PROPERTY(QStringList liveActivity READ liveActivity NOTIFY activityChanged)
    Q_PROPERTY(QString liveAgent READ liveAgent NOTIFY activityChanged)

public:
    explicit RunTimelineModel(QObject* parent = nullptr);

    QString runId() const { return m_runId; }
    void setRunId(const QString& runId);
    RunStatus::Value status() const { return m_run.status; }
    QString statusName() const
    {
        return m_run.id.isEmpty() ? QString() : RunStatus::name(m_run.status);
    }
    QString reason() const { return m_run.reason; }
    QString projectName() const { return m_projectName; }
    QString projectId() const { return m_run.projectId; }
    QString question() const { return m_question; }
    QStringList questionOptions() const { return m_options; }
    bool questionIsSecret() const { return m_questionIsSecret; }
    double cost() const { return m_cost; }
    double simulatedCost() const { return m_simulatedCost; }
    qint64 graphId() const { return m_run.graphId; }
    QString report() const { return m_report; }
    bool storeAway() const { return m_storeAway; }
    QString url() const { return m_url; }
    QString health() const { return m_health; }
    QStringList liveActivity() const { return m_activity.value(m_liveStep); }
    QString liveAgent() const { return m_liveAgent; }
    // Asks again where the project is deployed (after a teardown, a redeploy).
    Q_INVOKABLE void fetchDeployment();

signals:
    void runIdChanged();
    void runChanged();
    void deploymentChanged();
    void activityChanged();

protected:
    void fetch() override;
    void connectEngine(EngineApi* engine) override;

private:
    QVariantMap rowFor(const StepRecord& step, const std::optional<double>& cost) const;
    // Keeps a coding_step's line for its step; false when it has none worth showing.
    bool noteActivity(const RunEvent& event);
    void showActivity();
    // The coding steps of a run opened after they happened, from its stored events.
    void fetchActivity();

    QString m_runId;
    RunRecord m_run;
    QString m_projectName;
    QString m_question;
    QString m_report;
    QString m_url;
    QString m_health;
    QStringList m_options;
    bool m_questionIsSecret = false;
    bool m_storeAway = false;
    double m_cost = 0;
    double m_simulatedCost = 0;
    QHash<int, double> m_stepCosts;     // ledger by step, for steps that arrive live
    QHash<int, QStringList> m_activity; // coding_step lines by step
    int m_liveStep = 0;
    QString m_liveAgent;
};

} // namespace orch::ui
