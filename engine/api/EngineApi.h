#pragma once
// What the apps (desktop, Telegram, remote clients) may ask of an engine, in-process or
// remote. Every request answers through its Reply: the in-process engine calls it before
// returning, a remote one when the server's response arrives. Both report the same events.

#include "api/EngineTypes.h"

#include <QObject>

namespace orch {

class EngineApi : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Starts a project from a description with the graph version new runs use.
    virtual void startRun(const QString& description, Reply<QString> done) = 0;
    virtual void resumeRun(const QString& runId, Reply<void> done) = 0;
    virtual void answer(const QString& runId, const QString& text, Reply<void> done) = 0;
    virtual void cancel(const QString& runId, Reply<void> done) = 0;
    // A new run from the checkpoint after step `stepNo` of `runId`.
    virtual void forkRun(const QString& runId, int stepNo, Reply<QString> done) = 0;

    virtual void projects(Reply<std::vector<ProjectRecord>> done) = 0;
    virtual void projectSummaries(Reply<std::vector<ProjectSummary>> done) = 0; // newest first
    virtual void runs(Reply<std::vector<RunRecord>> done) = 0;
    virtual void runDetail(const QString& runId, Reply<RunDetail> done) = 0;
    // A run's report or a digest, by run id or digest key.
    virtual void report(const QString& runId, Reply<QString> done) = 0;
    virtual void reports(Reply<std::vector<ReportEntry>> done) = 0;

    // The run's project workspace, for review: files, one file's text, git log, a commit's diff.
    virtual void files(const QString& runId, Reply<QStringList> done) = 0;
    virtual void fileText(const QString& runId, const QString& path, Reply<QString> done) = 0;
    virtual void commits(const QString& runId, Reply<std::vector<GitCommitInfo>> done) = 0;
    virtual void commitDiff(const QString& runId, const QString& sha, Reply<QString> done) = 0;

    virtual void graphVersions(Reply<std::vector<GraphVersion>> done) = 0;
    // id 0: the version new runs use.
    virtual void graph(qint64 id, Reply<GraphVersion> done) = 0;
    // Validates and stores a new version; running runs keep theirs.
    virtual void saveGraph(const Json& body, Reply<GraphVersion> done) = 0;

    // scope: "global" or a project id.
    virtual void topUp(const QString& scope, double amount, Reply<BudgetStatus> done) = 0;
    virtual void balances(Reply<Balances> done) = 0;

signals:
    void event(const orch::RunEvent& event);
    void stepCommitted(const orch::StepRecord& step);
    void runStopped(const orch::RunRecord& record);
    void idle();
    void reportWritten(const QString& runId, const QString& path);
    void drained();
};

} // namespace orch
