#include "WorkspaceModel.h"

#include <QDateTime>

namespace orch::ui {

WorkspaceModel::WorkspaceModel(QObject* parent) : RowsModel({"path"}, parent) {}

void WorkspaceModel::setRunId(const QString& runId)
{
    if (m_runId == runId)
        return;
    m_runId = runId;
    setFileText({});
    emit runIdChanged();
    reload();
}

void WorkspaceModel::connectEngine(EngineApi* engine)
{
    // Files change as steps commit; the list follows the run.
    connect(engine, &EngineApi::stepCommitted, this, [this](const StepRecord& step) {
        if (step.runId == m_runId)
            reload();
    });
}

void WorkspaceModel::fetch()
{
    if (m_runId.isEmpty())
        return setRows({});
    session()->engine()->files(m_runId, [self = QPointer<WorkspaceModel>(this), runId = m_runId](Result<QStringList> paths) {
        if (!self || runId != self->m_runId)
            return;
        if (!paths)
            return self->setError(paths.error());
        QList<QVariantMap> rows;
        for (const QString& path : paths.value())
            rows.append({{"path", path}});
        self->setRows(rows);
    });
}

void WorkspaceModel::setFileText(const QString& text)
{
    if (m_fileText == text)
        return;
    m_fileText = text;
    emit fileTextChanged();
}

void WorkspaceModel::open(const QString& path)
{
    if (!session() || m_runId.isEmpty())
        return;
    session()->engine()->fileText(m_runId, path, [self = QPointer<WorkspaceModel>(this)](Result<QString> text) {
        if (self)
            self->setFileText(text ? text.value() : text.error());
    });
}

CommitsModel::CommitsModel(QObject* parent) : RowsModel({"sha", "summary", "author", "time"}, parent) {}

void CommitsModel::setRunId(const QString& runId)
{
    if (m_runId == runId)
        return;
    m_runId = runId;
    m_diff.clear();
    emit diffChanged();
    emit runIdChanged();
    reload();
}

void CommitsModel::connectEngine(EngineApi* engine)
{
    connect(engine, &EngineApi::stepCommitted, this, [this](const StepRecord& step) {
        if (step.runId == m_runId)
            reload();
    });
}

void CommitsModel::fetch()
{
    if (m_runId.isEmpty())
        return setRows({});
    session()->engine()->commits(m_runId, [self = QPointer<CommitsModel>(this), runId = m_runId](Result<std::vector<GitCommitInfo>> log) {
        if (!self || runId != self->m_runId)
            return;
        if (!log)
            return self->setError(log.error());
        QList<QVariantMap> rows;
        for (const GitCommitInfo& commit : log.value())
            rows.append({{"sha", commit.sha}, {"summary", commit.summary}, {"author", commit.author},
                         {"time", QDateTime::fromSecsSinceEpoch(commit.time)}});
        self->setRows(rows);
    });
}

void CommitsModel::showDiff(const QString& sha)
{
    if (!session() || m_runId.isEmpty())
        return;
    session()->engine()->commitDiff(m_runId, sha, [self = QPointer<CommitsModel>(this)](Result<QString> diff) {
        if (!self)
            return;
        self->m_diff = diff ? diff.value() : diff.error();
        emit self->diffChanged();
    });
}

} // namespace orch::ui
