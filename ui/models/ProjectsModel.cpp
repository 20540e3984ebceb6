#include "ProjectsModel.h"

#include <QDateTime>

namespace orch::ui {
namespace {

bool inGroup(const QString& statusName, const QString& group)
{
    const auto found = RunStatus::fromName(statusName);
    if (!found)
        return group == QLatin1String("all");
    const RunStatus::Value status = *found;
    if (group == QLatin1String("active"))
        return status == RunStatus::Running || RunStatus::isWaiting(status);
    if (group == QLatin1String("finished"))
        return status == RunStatus::Completed;
    if (group == QLatin1String("failed"))
        return status == RunStatus::Failed || status == RunStatus::Stalled ||
               status == RunStatus::Cancelled;
    return true;
}

} // namespace

ProjectsModel::ProjectsModel(QObject* parent)
    : RowsModel({"projectId", "name", "description", "runId", "status", "currentAgent",
                 "lastActivity", "cost", "simulatedCost", "unknownCostCalls", "url", "health",
                 "uptime"},
                parent)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(250);
    connect(&m_refresh, &QTimer::timeout, this, &RowsModel::reload);
}

void ProjectsModel::connectEngine(EngineApi* engine)
{
    connect(engine, &EngineApi::runStopped, this, [this] { m_refresh.start(); });
    connect(engine, &EngineApi::stepCommitted, this, [this] {
        if (!m_refresh.isActive())
            m_refresh.start();
    });
}

void ProjectsModel::fetch()
{
    session()->engine()->projectSummaries({}, [self = QPointer<ProjectsModel>(this)](
                                                  Result<std::vector<ProjectSummary>> summaries) {
        if (!self)
            return;
        if (!summaries)
            return self->setError(summaries.error());
        self->m_all.clear();
        for (const ProjectSummary& s : summaries.value()) {
            const RunRecord run = s.latestRun.value_or(RunRecord{});
            self->m_all.append(
                {{"projectId", s.project.id},
                 {"name", s.project.name},
                 {"description", s.project.description},
                 {"runId", run.id},
                 {"status", s.latestRun ? RunStatus::name(run.status) : QString()},
                 {"currentAgent", run.currentAgent},
                 {"lastActivity", QDateTime::fromMSecsSinceEpoch(
                                      run.updatedAt ? run.updatedAt : s.project.createdAt)},
                 {"cost", s.cost},
                 {"simulatedCost", s.simulatedCost},
                 {"unknownCostCalls", s.unknownCostCalls},
                 {"url", s.url},
                 {"health",
                  s.healthy ? (*s.healthy ? QStringLiteral("healthy") : QStringLiteral("unhealthy"))
                            : QStringLiteral("none")},
                 {"uptime", s.uptime}});
        }
        self->applyFilter();
    });
}

void ProjectsModel::applyFilter()
{
    QList<QVariantMap> shown;
    for (const QVariantMap& row : std::as_const(m_all)) {
        const bool matches =
            m_search.isEmpty() ||
            row.value("name").toString().contains(m_search, Qt::CaseInsensitive) ||
            row.value("description").toString().contains(m_search, Qt::CaseInsensitive);
        if (matches && inGroup(row.value("status").toString(), m_statusFilter))
            shown.append(row);
    }
    setRows(shown);
}

void ProjectsModel::setSearch(const QString& search)
{
    if (m_search == search)
        return;
    m_search = search;
    emit searchChanged();
    applyFilter();
}

void ProjectsModel::setStatusFilter(const QString& filter)
{
    if (m_statusFilter == filter)
        return;
    m_statusFilter = filter;
    emit statusFilterChanged();
    applyFilter();
}

} // namespace orch::ui
