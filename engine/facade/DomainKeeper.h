#pragma once
// Zavhoz's hand on the zones: points a project's name at where its service lives (through the
// provider of the zone the name is in) and removes it at teardown, each change journaled
// (DnsRecords) before it is sent, so a kill in between is finished at the next start rather than
// leaving a stray record.

#include "dns/DnsProvider.h"
#include "dns/DomainSettings.h"

#include <QObject>
#include <functional>
#include <map>

namespace orch {

class Database;

class DomainKeeper : public QObject
{
    Q_OBJECT
public:
    using RevealSecret = std::function<Result<QByteArray>(const QString& handle)>;
    DomainKeeper(dns::DomainSettings settings, Database& database, RevealSecret reveal,
                 QObject* parent);

    const dns::DomainSettings& settings() const { return m_settings; }
    // `name` then points at `host` alone (a host given by name: at its address).
    void point(const QString& projectId, const QString& name, const QString& host,
               dns::ChangeDone done);
    // Every name of the project but `keep` is removed.
    void unpoint(const QString& projectId, dns::ChangeDone done, const QString& keep = {});
    // Sends again what the journal holds unsent or unconfirmed (after a kill).
    void recover();

private:
    Result<dns::DnsProvider*> provider(const QString& name); // that of the zone `name` is in
    void pointAt(const QString& projectId, const QString& name, const QString& address,
                 dns::ChangeDone done);
    void send(const QString& name, const QString& address, dns::ChangeDone done);

    dns::DomainSettings m_settings;
    Database& m_db;
    RevealSecret m_reveal;
    std::map<QString, dns::DnsProvider*> m_providers; // by zone, made at first use (children)
};

} // namespace orch
