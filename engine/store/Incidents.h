#pragma once
// A deployment's incidents: opened when its probes keep failing, with the timeline of what was
// done about it (restart, rollback), closed as resolved when it answers again or given up when
// nothing more can be done without a person. Kept in the store, so a restarted `serve` goes on
// with an incident where it was instead of starting it over.

#include "core/Json.h"
#include "core/Result.h"

#include <optional>

namespace orch {

class Database;

namespace IncidentState {
inline const QString Open = QStringLiteral("open");
inline const QString Resolved = QStringLiteral("resolved");
inline const QString GivenUp = QStringLiteral("given_up");
} // namespace IncidentState

struct Incident
{
    qint64 id = 0;
    QString projectId;
    qint64 openedAt = 0;
    qint64 closedAt = 0;
    QString state;                 // IncidentState
    QString release;               // the release that failed
    bool newRelease = false;       // it never passed a probe: its deploy may be the cause
    Json timeline = Json::array(); // [{at, action, detail}]: detected, restart, rollback, …
    QString lastAction() const;
};

class Incidents
{
public:
    explicit Incidents(Database& database) : m_db(database) {}

    Result<Incident> open(const QString& projectId, const QString& release, bool newRelease,
                          const QString& detail, qint64 atMs);
    // The project's incident not resolved yet (open or given up); none when all are closed.
    Result<std::optional<Incident>> current(const QString& projectId);
    Result<void> add(qint64 id, const QString& action, const QString& detail, qint64 atMs);
    Result<void> close(qint64 id, const QString& state, const QString& detail, qint64 atMs);
    // A given-up incident taken up again (the person asked for a repair).
    Result<void> reopen(qint64 id, qint64 atMs);
    Result<std::vector<Incident>> since(qint64 sinceMs); // newest first
    // Opened since then, or not closed yet whenever they were opened (newest first).
    Result<std::vector<Incident>> touching(qint64 sinceMs);

private:
    Result<std::vector<Incident>> select(const QString& where, const QVariant& value);

    Database& m_db;
};

} // namespace orch
