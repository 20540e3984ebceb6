#include "WorkspaceModel.h"

#include "CodeLines.h"

#include <QDateTime>

namespace orch::ui {

void RunRowsModel::setRunId(const QString& runId)
{
    if (m_runId == runId)
        return;
    m_runId = runId;
    setDetail({});
    emit runIdChanged();
    reload();
}

void RunRowsModel::connectEngine(EngineApi* engine)
{
    connect(engine, &EngineApi::stepCommitted, this, [this](const StepRecord& step) {
        if (step.runId == m_runId)
            reload();
    });
}

void RunRowsModel::setDetail(const QString& text)
{
    if (m_detail == text)
        return;
    m_detail = text;
    m_detailLines = linesOf(text);
    emit detailChanged();
}

QVariantList RunRowsModel::linesOf(const QString& text) const
{
    return numberedLines(text);
}

QVariantList WorkspaceModel::linesOf(const QString& text) const
{
    return numberedLines(text, kMaxCodeLines, languageOf(m_openPath));
}

QVariantList CommitsModel::linesOf(const QString& text) const
{
    return diffLines(text);
}

WorkspaceModel::WorkspaceModel(QObject* parent) : RunRowsModel({"path"}, parent) {}

void WorkspaceModel::fetch()
{
    if (runId().isEmpty())
        return setRows({});
    session()->engine()->files({runId()}, [self = QPointer<WorkspaceModel>(this),
                                           runId = runId()](Result<QStringList> paths) {
        if (!self || !self->stillCurrent(runId, paths))
            return;
        QList<QVariantMap> rows;
        for (const QString& path : paths.value())
            rows.append({{"path", path}});
        self->setRows(rows);
    });
}

void WorkspaceModel::open(const QString& path)
{
    if (!session() || runId().isEmpty())
        return;
    m_openPath = path;
    session()->engine()->fileText({runId(), path},
                                  [self = QPointer<WorkspaceModel>(this)](Result<QString> text) {
                                      if (self)
                                          self->setDetail(text ? text.value() : text.error());
                                  });
}

CommitsModel::CommitsModel(QObject* parent)
    : RunRowsModel({"sha", "summary", "author", "time"}, parent)
{
}

void CommitsModel::fetch()
{
    if (runId().isEmpty())
        return setRows({});
    session()->engine()->commits({runId()}, [self = QPointer<CommitsModel>(this), runId = runId()](
                                                Result<std::vector<GitCommitInfo>> log) {
        if (!self || !self->stillCurrent(runId, log))
            return;
        QList<QVariantMap> rows;
        for (const GitCommitInfo& commit : log.value())
            rows.append({{"sha", commit.sha},
                         {"summary", commit.summary},
                         {"author", commit.author},
                         {"time", QDateTime::fromSecsSinceEpoch(commit.time)}});
        self->setRows(rows);
    });
}

void CommitsModel::showDiff(const QString& sha)
{
    if (!session() || runId().isEmpty())
        return;
    session()->engine()->commitDiff({runId(), sha},
                                    [self = QPointer<CommitsModel>(this)](Result<QString> diff) {
                                        if (self)
                                            self->setDetail(diff ? diff.value() : diff.error());
                                    });
}

} // namespace orch::ui
