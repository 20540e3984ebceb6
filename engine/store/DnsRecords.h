#pragma once
// The journal of DNS changes: a change is written here before it is sent and settled after the
// server took it, so a process killed in between finds it on start and sends it again (each
// change replaces what the name had, so sending it twice leaves one record).

#include "core/Result.h"

#include <QString>
#include <vector>

namespace orch {

class Database;

struct DnsRecordEntry
{
    QString name; // city-time.apps.example.com
    QString projectId;
    QString address; // what it points at; empty while it is being removed
    QString state;   // "pointing", "pointed" or "removing"
};

class DnsRecords
{
public:
    explicit DnsRecords(Database& database);

    Result<void> intend(const DnsRecordEntry& entry); // before the change is sent
    Result<void> settle(const QString& name);         // the server took a pointing change
    Result<void> forget(const QString& name);         // the server took a removal
    Result<std::vector<DnsRecordEntry>> ofProject(const QString& projectId) const;
    Result<std::vector<DnsRecordEntry>> unsettled() const;
    Result<QString> ownerOf(const QString& name) const; // the project's id; "" when none

private:
    Result<std::vector<DnsRecordEntry>> select(const QString& where, const QString& value) const;

    Database& m_db;
};

} // namespace orch
