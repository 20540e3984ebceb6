#pragma once
// The production servers and the projects placed on them. Every value is checked before it is
// stored: a name, a host and a user reach ssh and ansible command lines, so nothing that could
// read as an option or a path is accepted.

#include "api/ServerRecords.h"
#include "core/Result.h"

#include <optional>
#include <vector>

namespace orch {

class Database;

class ServerRegistry
{
public:
    explicit ServerRegistry(Database& database);

    // Refuses a bad value naming it, and a name already registered.
    Result<void> add(const ServerRecord& server);
    Result<std::vector<ServerRecord>> list() const;
    // NotFound-style error naming the server when there is none.
    Result<ServerRecord> get(const QString& name) const;
    // Refused while projects are placed on it (naming them).
    Result<void> remove(const QString& name);
    Result<void> pinHostKeys(const QString& name, const QString& knownHostsLines);
    Result<void> recordCheck(const QString& name, const QString& status, const QString& reason,
                             const Json& facts);

    // The project's server, if it was placed.
    Result<std::optional<Placement>> placement(const QString& projectId) const;
    // Places the project on the ready server with the most free memory that fits
    // `reservedMb`; a project already placed keeps its server. Empty when none has room.
    Result<std::optional<Placement>> place(const QString& projectId, int reservedMb);
    Result<std::vector<Placement>> placements(const QString& server = {}) const;
    Result<void> recordMeasuredMemory(const QString& projectId, int measuredMb);
    Result<void> forgetPlacement(const QString& projectId);
    // capacity minus what its placements use (the larger of reserved and measured each).
    Result<int> freeMb(const QString& server) const;

    // Changes when what placement sees changes (a server added, removed, checked ready or
    // not, a capacity, a project placed or gone), not when a check finds the same again.
    Result<QString> fingerprint() const;

    static Result<void> validate(const ServerRecord& server);
    static bool isServerName(const QString& name);

private:
    Database& m_db;
};

} // namespace orch
