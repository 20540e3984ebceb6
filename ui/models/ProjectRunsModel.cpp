#include "ProjectRunsModel.h"

#include <QDateTime>

namespace orch::ui {

ProjectRunsModel::ProjectRunsModel(QObject* parent)
    : RowsModel(
          {"runId", "kind", "fromRun", "fromStep", "status", "createdAt", "cost", "simulated"},
          parent)
{
}

void ProjectRunsModel::setProjectId(const QString& projectId)
{
    if (m_projectId == projectId)
        return;
    m_projectId = projectId;
    emit projectIdChanged();
    reload();
}

int ProjectRunsModel::rowOf(const QString& runId) const
{
    for (int i = 0; i < rows().size(); ++i)
        if (rows()[i].value("runId").toString() == runId)
            return i;
    return -1;
}

void ProjectRunsModel::connectEngine(EngineApi* engine)
{
    connect(engine, &EngineApi::event, this, [this](const RunEvent& e) {
        if (e.kind == EventKind::RunStarted || e.kind == EventKind::RunForked)
            reload();
    });
    connect(engine, &EngineApi::runStopped, this, [this](const RunRecord& run) {
        if (run.projectId == m_projectId)
            reload();
    });
}

void ProjectRunsModel::fetch()
{
    if (m_projectId.isEmpty())
        return setRows({});
    session()->engine()->projectRuns(
        {m_projectId}, [self = QPointer<ProjectRunsModel>(this),
                        projectId = m_projectId](Result<std::vector<ProjectRun>> runs) {
            if (!self || projectId != self->m_projectId)
                return;
            if (!runs)
                return self->setError(runs.error());
            QList<QVariantMap> rows;
            for (const ProjectRun& r : runs.value())
                rows.append({{"runId", r.run.id},
                             {"kind", r.kind},
                             {"fromRun", r.fromRun},
                             {"fromStep", r.fromStep},
                             {"status", RunStatus::name(r.run.status)},
                             {"createdAt", QDateTime::fromMSecsSinceEpoch(r.run.createdAt)},
                             {"cost", r.cost},
                             {"simulated", r.simulatedCost > 0}});
            self->setRows(rows);
        });
}

} // namespace orch::ui
