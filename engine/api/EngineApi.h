#pragma once
// What the front ends (desktop, Telegram, the remote server, the CLI) may ask of an engine,
// in-process or remote. The calls are the rows of api/EngineMethods.h, each
//     void name(const Params& params, Reply<Answer> done);
// Every call answers through its reply, always later from the event loop, never before it
// returns: the in-process engine queues its answer, a remote one answers when the server's
// response arrives. Both report the same events.

#include "api/EngineMethods.h"

#include <QObject>

namespace orch {

class EngineApi : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

#define ORCH_DECLARE_CALL(function, wire, Params, Answer, key, doc)                                \
    virtual void function(const api::Params& params, Reply<Answer> done) = 0;
    ORCH_ENGINE_METHODS(ORCH_DECLARE_CALL)
#undef ORCH_DECLARE_CALL

signals:
    void event(const orch::RunEvent& event);
    void stepCommitted(const orch::StepRecord& step);
    void runStopped(const orch::RunRecord& record);
    void idle();
    void reportWritten(const QString& runId, const QString& path);
    void drained();
};

// Declares the overrides of every call in a class that implements EngineApi.
#define ORCH_OVERRIDE_CALL(function, wire, Params, Answer, key, doc)                               \
    void function(const api::Params& params, Reply<Answer> done) override;
#define ORCH_ENGINE_API_OVERRIDES ORCH_ENGINE_METHODS(ORCH_OVERRIDE_CALL)

} // namespace orch
