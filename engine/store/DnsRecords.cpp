#include "store/DnsRecords.h"

#include "store/Database.h"
#include "store/SqlValues.h"

namespace orch {

DnsRecords::DnsRecords(Database& database) : m_db(database) {}

Result<void> DnsRecords::intend(const DnsRecordEntry& entry)
{
    QSqlQuery& upsert = m_db.prepared(
        QStringLiteral("INSERT INTO dns_records (name, project_id, address, state, changed_at) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET project_id = "
                       "excluded.project_id, address = excluded.address, state = excluded.state, "
                       "changed_at = excluded.changed_at"));
    upsert.addBindValue(entry.name);
    upsert.addBindValue(entry.projectId);
    upsert.addBindValue(sql::str(entry.address));
    upsert.addBindValue(entry.state);
    upsert.addBindValue(sql::now());
    return Database::exec(upsert);
}

Result<void> DnsRecords::settle(const QString& name)
{
    QSqlQuery& update = m_db.prepared(QStringLiteral(
        "UPDATE dns_records SET state = 'pointed', changed_at = ? WHERE name = ? AND state = "
        "'pointing'"));
    update.addBindValue(sql::now());
    update.addBindValue(name);
    return Database::exec(update);
}

Result<void> DnsRecords::forget(const QString& name)
{
    QSqlQuery& remove = m_db.prepared(QStringLiteral("DELETE FROM dns_records WHERE name = ?"));
    remove.addBindValue(name);
    return Database::exec(remove);
}

Result<std::vector<DnsRecordEntry>> DnsRecords::ofProject(const QString& projectId) const
{
    return select(QStringLiteral("project_id = ?"), projectId);
}

Result<std::vector<DnsRecordEntry>> DnsRecords::unsettled() const
{
    return select(QStringLiteral("state <> ?"), QStringLiteral("pointed"));
}

Result<QString> DnsRecords::ownerOf(const QString& name) const
{
    auto found = select(QStringLiteral("name = ?"), name);
    if (!found)
        return found.failure();
    return found->empty() ? QString() : found->front().projectId;
}

Result<std::vector<DnsRecordEntry>> DnsRecords::select(const QString& where,
                                                       const QString& value) const
{
    QSqlQuery& query = m_db.prepared(
        QStringLiteral("SELECT name, project_id, address, state FROM dns_records WHERE %1 "
                       "ORDER BY name")
            .arg(where));
    query.addBindValue(value);
    if (auto ok = Database::exec(query); !ok)
        return ok.failure();
    std::vector<DnsRecordEntry> found;
    while (query.next())
        found.push_back({query.value(0).toString(), query.value(1).toString(),
                         query.value(2).toString(), query.value(3).toString()});
    return found;
}

} // namespace orch
