#pragma once
// What a run asked for will likely cost and take, asked of the engine as the person types its
// description (after a pause, so typing is not a request per key): a line to show under the
// field, and whether it is more than the budget left, so the view asks before it starts.

#include "Session.h"

#include <QTimer>

namespace orch::ui {

class ForecastQuery : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(orch::ui::Session* session READ session WRITE setSession NOTIFY sessionChanged)
    // What the run is asked to do; "" clears the forecast.
    Q_PROPERTY(QString description READ description WRITE setDescription NOTIFY descriptionChanged)
    // A change of this project; "": a new project.
    Q_PROPERTY(QString project READ project WRITE setProject NOTIFY descriptionChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY answered)
    Q_PROPERTY(bool known READ known NOTIFY answered)
    Q_PROPERTY(QString text READ text NOTIFY answered)
    Q_PROPERTY(bool exceedsBudget READ exceedsBudget NOTIFY answered)
    Q_PROPERTY(QString budgetLeft READ budgetLeft NOTIFY answered)

public:
    explicit ForecastQuery(QObject* parent = nullptr);

    Session* session() const { return m_session; }
    void setSession(Session* session);
    QString description() const { return m_description; }
    void setDescription(const QString& description);
    QString project() const { return m_project; }
    void setProject(const QString& project);
    bool loading() const { return m_loading; }
    bool known() const { return m_forecast.known(); }
    QString text() const { return m_text; }
    bool exceedsBudget() const { return m_forecast.exceedsBudget; }
    QString budgetLeft() const;

    // Asks now instead of after the pause (before a start).
    Q_INVOKABLE void refresh();

signals:
    void sessionChanged();
    void descriptionChanged();
    void answered();

private:
    void ask();
    static QString money(double usd);

    QPointer<Session> m_session;
    QString m_description;
    QString m_project;
    QTimer m_pause;
    bool m_loading = false;
    quint64 m_asked = 0; // answers to older questions are dropped
    RunForecast m_forecast;
    QString m_text;
};

} // namespace orch::ui
