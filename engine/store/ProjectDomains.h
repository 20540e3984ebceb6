#pragma once
// The domains people gave their projects (`/domain <project> <name>`): one per project, each
// name owned by one project. A project without one is reached at <service>.<zone>.

#include "core/Result.h"

#include <QString>

namespace orch {

class Database;

class ProjectDomains
{
public:
    explicit ProjectDomains(Database& database);

    Result<QString> of(const QString& projectId) const;   // "" when it has none
    Result<QString> ownerOf(const QString& domain) const; // the project's id; "" when none
    Result<void> give(const QString& projectId, const QString& domain);
    Result<void> takeBack(const QString& projectId);

private:
    Result<QString> one(const QString& sql, const QString& value) const;

    Database& m_db;
};

} // namespace orch
