#pragma once
// Hands resources to projects as handles. Allocation is transactional and a value belongs
// to one project only (UNIQUE(kind, value)), so two projects never get the same port.

#include "core/Result.h"

#include <QString>
#include <optional>

namespace orch {

class Database;

struct Allocation
{
    QString handle; // "port:<project>"
    QString value;  // "18123"
};

class ResourceAllocator
{
public:
    explicit ResourceAllocator(Database& database);

    // The project's port (the same one every time), the lowest free one in [first, last].
    Result<Allocation> port(const QString& projectId, int first, int last);
    // The project's service name: the one recorded at its first deploy, else `wanted` when no
    // other project holds it, else `wanted-<first 6 of the id>`; recorded for good either way.
    Result<QString> serviceName(const QString& projectId, const QString& wanted);
    Result<QString> value(const QString& handle) const;

private:
    // The value `handle` holds; empty when it holds none yet.
    Result<std::optional<QString>> heldValue(const QString& handle) const;

    Database& m_db;
};

} // namespace orch
