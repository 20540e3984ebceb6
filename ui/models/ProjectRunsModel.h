#pragma once
// A project's runs for its review page: newest first, each with how it began (new, change,
// fork of another run at a step), its status, when, and what it cost. Follows the engine: a
// run started, forked or stopped reloads the list.

#include "RowsModel.h"

namespace orch::ui {

class ProjectRunsModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString projectId READ projectId WRITE setProjectId NOTIFY projectIdChanged)

public:
    explicit ProjectRunsModel(QObject* parent = nullptr);

    QString projectId() const { return m_projectId; }
    void setProjectId(const QString& projectId);
    // The row of a run, -1 when it is not in the list.
    Q_INVOKABLE int rowOf(const QString& runId) const;

signals:
    void projectIdChanged();

protected:
    void fetch() override;
    void connectEngine(EngineApi* engine) override;

private:
    QString m_projectId;
};

} // namespace orch::ui
