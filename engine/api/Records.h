#pragma once
// Rows as the rest of the engine sees them.

#include "api/ChatTypes.h"
#include "api/Vocabulary.h"
#include "core/Json.h"

#include <QString>
#include <optional>
#include <utility>

namespace orch {

struct ProjectRecord
{
    QString id;
    QString name;
    QString description;
    QString workspace;
    qint64 createdAt = 0;
};

struct GraphVersion
{
    qint64 id = 0;
    QString name;
    Json body; // prompts inline; null in listings
    qint64 createdAt = 0;
};

struct RunRecord
{
    QString id;
    QString projectId;
    qint64 graphId = 0;
    RunStatus::Value status = RunStatus::Running;
    QString reason;
    QString currentAgent;
    int steps = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// Who may write a run: the process that claimed it, at the fencing number of that claim.
// A newer claim bumps the number, so a writer that lost the run cannot overwrite it.
struct RunLease
{
    QString owner;
    qint64 fence = 0;
};
// The start of the error a write gets when its lease is no longer the run's.
inline const QString kLeaseLost = QStringLiteral("lease lost");

struct StepRecord
{
    QString runId;
    int stepNo = 0;
    QString agent;
    QString kind;    // "llm" | "human" | "builtin"
    QString outcome; // continue | finished | handoff | wait_for_human | failed
    Json detail;     // tools called, model, provider, routing
    TokenUsage usage;
    qint64 durationMs = 0;
    Json diff;
    qint64 createdAt = 0;
};

struct Checkpoint
{
    QString runId;
    int stepNo = 0; // 0: the run's starting point
    Json state;
    Json cursor; // the pending work: which agent, its conversation, counters
    // A step's checkpoint names its run's own state instead of copying it: the store reads it
    // there while the write lasts, and keeps only the change as its next diff's base. Whoever
    // keeps the checkpoint past that (a commit waiting for the database) takes a copy first.
    const Json* liveState = nullptr;

    const Json& stateToWrite() const { return liveState ? *liveState : state; }
    void ownState() // the state copied in, no longer named
    {
        if (liveState)
            state = *std::exchange(liveState, nullptr);
    }
};

struct LedgerEntry
{
    QString runId;
    QString projectId;
    int stepNo = 0;
    QString agent;
    QString provider;
    QString model;
    TokenUsage usage;
    std::optional<double> cost; // empty when the model's price is unknown
};

// A stored report: a run's (key = run id) or a digest's (key "digest-…", no project).
struct ReportEntry
{
    QString key;
    QString projectId;
    QString path;
    qint64 createdAt = 0;
    QString markdown; // left out of listings
};

struct RunEvent
{
    QString runId;
    int stepNo = 0;
    QString agent;
    EventKind::Value kind = EventKind::Value::Unknown;
    Json payload = Json::object();
    qint64 at = 0;
    qint64 id = 0; // the store's number, increasing per database; 0 before it is stored
};

} // namespace orch
