#pragma once
// Hands resources to projects as handles. Allocation is transactional and a value belongs
// to one project only (UNIQUE(kind, value)), so two projects never get the same port.

#include "core/Result.h"

#include <QString>

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
    Result<QString> value(const QString& handle) const;

private:
    Database& m_db;
};

} // namespace orch
