#include "store/ProjectDomains.h"

#include "store/Database.h"
#include "store/SqlValues.h"

namespace orch {

ProjectDomains::ProjectDomains(Database& database) : m_db(database) {}

Result<QString> ProjectDomains::of(const QString& projectId) const
{
    return one(QStringLiteral("SELECT domain FROM project_domains WHERE project_id = ?"),
               projectId);
}

Result<QString> ProjectDomains::ownerOf(const QString& domain) const
{
    return one(QStringLiteral("SELECT project_id FROM project_domains WHERE domain = ?"), domain);
}

Result<void> ProjectDomains::give(const QString& projectId, const QString& domain)
{
    QSqlQuery& upsert = m_db.prepared(
        QStringLiteral("INSERT INTO project_domains (project_id, domain, accepted_at) VALUES "
                       "(?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET domain = "
                       "excluded.domain, accepted_at = excluded.accepted_at"));
    upsert.addBindValue(projectId);
    upsert.addBindValue(domain);
    upsert.addBindValue(sql::now());
    return Database::exec(upsert);
}

Result<void> ProjectDomains::takeBack(const QString& projectId)
{
    QSqlQuery& remove =
        m_db.prepared(QStringLiteral("DELETE FROM project_domains WHERE project_id = ?"));
    remove.addBindValue(projectId);
    return Database::exec(remove);
}

Result<QString> ProjectDomains::one(const QString& sql, const QString& value) const
{
    QSqlQuery& query = m_db.prepared(sql);
    query.addBindValue(value);
    if (auto ok = Database::exec(query); !ok)
        return ok.failure();
    return query.next() ? query.value(0).toString() : QString();
}

} // namespace orch
