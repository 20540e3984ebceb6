#pragma once
// What the apps (server, desktop) may ask of an engine, in-process or remote. Both faces
// depend on this interface only.

#include "core/Result.h"
#include "graph/ResumeReport.h"
#include "store/Records.h"

#include <QObject>

namespace orch {

class EngineApi : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Starts a project from a description with the given graph file (empty: the default).
    virtual Result<QString> startRun(const QString& description, const QString& graphFile) = 0;
    virtual Result<ResumeReport> resumeUnfinished() = 0;
    virtual Result<void> resumeRun(const QString& runId) = 0;
    virtual Result<void> answer(const QString& runId, const QString& text) = 0;
    virtual Result<void> cancel(const QString& runId) = 0;
    virtual Result<std::vector<RunRecord>> runs() = 0;
    virtual int activeRuns() const = 0;
    // Shutdown: steps in flight finish and commit, nothing new starts; drained() follows.
    virtual void drain() = 0;

signals:
    void event(const orch::RunEvent& event);
    void stepCommitted(const orch::StepRecord& step);
    void runStopped(const orch::RunRecord& record);
    void idle();
    void reportWritten(const QString& runId, const QString& path);
    void drained();
};

} // namespace orch
