#pragma once
// The projects view: each project with its newest run's status and agent, last activity,
// cost and deployment health; filtered by text and by status group. Refreshes itself when
// runs move (coalesced, so a burst of steps costs one reload).

#include "RowsModel.h"

#include <QTimer>

namespace orch::ui {

class ProjectsModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    // "all", "active" (running or waiting), "finished", "failed"
    Q_PROPERTY(
        QString statusFilter READ statusFilter WRITE setStatusFilter NOTIFY statusFilterChanged)

public:
    explicit ProjectsModel(QObject* parent = nullptr);

    QString search() const { return m_search; }
    void setSearch(const QString& search);
    QString statusFilter() const { return m_statusFilter; }
    void setStatusFilter(const QString& filter);

signals:
    void searchChanged();
    void statusFilterChanged();

protected:
    void fetch() override;
    void connectEngine(EngineApi* engine) override;

private:
    void applyFilter();

    QList<QVariantMap> m_all;
    QString m_search;
    QString m_statusFilter = QStringLiteral("all");
    QTimer m_refresh;
};

} // namespace orch::ui
