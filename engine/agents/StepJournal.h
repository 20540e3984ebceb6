#pragma once
// What one step has done so far, kept in the store while the step is in flight (see
// StepJournalStore). A step started after a crash finds there the model's reply and the
// calls already made: the reply is not asked for again (nor paid for), a completed call is
// not run again, and a call that was only started is reconciled by its tool.

#include "api/ChatTypes.h"
#include "api/Records.h"
#include "core/Result.h"
#include "tools/Tool.h"

#include <map>
#include <optional>

namespace orch {

class StepJournalStore;

class StepJournal
{
public:
    StepJournal(StepJournalStore& store, QString runId, int step, std::optional<RunLease> lease);
    // Reads what an earlier attempt at the step left. Only a step that a process may have run
    // before (the first one after a run is loaded) needs it; otherwise the journal only writes.
    Result<void> load();

    std::optional<ChatResponse> recordedReply() const { return m_reply; }
    Result<void> recordReply(const ChatResponse& reply);

    enum class CallState
    {
        New,       // not started before
        Started,   // started before a crash; its outcome is unknown
        Completed, // its result was recorded
    };
    CallState callState(size_t index) const;
    ToolResult recordedResult(size_t index) const; // of a Completed call
    Result<void> recordIntent(size_t index, const ToolCall& call, const Json& arguments);
    Result<void> recordResult(size_t index, const ToolCall& call, const Json& arguments,
                              const ToolResult& result);

    // Whether the store holds entries of this step (to be cleared with its checkpoint).
    bool touched() const { return m_touched; }
    int step() const { return m_step; }

private:
    StepJournalStore& m_store;
    QString m_runId;
    int m_step;
    std::optional<RunLease> m_lease;
    std::optional<ChatResponse> m_reply;
    std::map<size_t, std::optional<Json>> m_calls; // index -> result (nullopt: started)
    bool m_touched = false;
};

} // namespace orch
