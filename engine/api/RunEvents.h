#pragma once
// Typed payloads of the events several consumers read, written and read in one place each.

#include "api/Records.h"

#include <QStringList>
#include <optional>

namespace orch {

// run_finished: the status the run stopped in and why.
struct RunFinished
{
    RunStatus::Value status = RunStatus::Failed;
    QString reason;

    // The event for `run`, which has just stopped (its status and reason are final).
    static RunEvent eventFor(const RunRecord& run, int stepNo, qint64 at);
    // The payload of a run_finished event; empty for any other event or a payload that does not
    // name a known status.
    static std::optional<RunFinished> from(const RunEvent& event);
    Json toJson() const;
};

// question_asked: the question shown to the person (a tool wrote it into the state, so every
// field is checked as it is read).
struct QuestionAsked
{
    QString text;
    QStringList options;   // in the tool's order; an option that is not text is left empty
    bool approval = false; // approve or reject
    int queued = 0;        // questions still waiting behind this one

    static std::optional<QuestionAsked> from(const RunEvent& event);
};

} // namespace orch
