#pragma once
// An authoritative DNS server of the test's own: Debian's knotd on a loopback port, in the
// foreground, serving one zone from a file in a temporary folder and taking RFC 2136 updates
// signed with one TSIG key (HMAC-SHA256), as a real zone's server would.

#include "dns/DnsExchange.h"
#include "dns/DnsProvider.h"
#include "dns/Tsig.h"

#include <QProcess>
#include <QTemporaryDir>

namespace orch::test {

class KnotServer
{
public:
    KnotServer() = default;
    ~KnotServer();
    KnotServer(const KnotServer&) = delete;
    KnotServer& operator=(const KnotServer&) = delete;

    // Why knotd cannot run here (not installed); empty when it can.
    static QString unavailableReason();
    // Serves `zone` (and `others`, as someone else's zones) with an SOA, an NS and
    // `ns.<zone>` at 127.0.0.1, each taking updates with the one key; empty when it answers.
    QString start(const QString& zone = QStringLiteral("apps.test"),
                  const QStringList& others = {});
    void stop();

    QString zone() const { return m_zone; }
    dns::Server server() const { return {QStringLiteral("127.0.0.1"), quint16(m_port), 5000}; }
    dns::TsigKey key() const { return m_key; }
    int port() const { return m_port; }
    QString log(); // what knotd printed so far

private:
    QTemporaryDir m_dir;
    QProcess m_knotd;
    QString m_zone;
    dns::TsigKey m_key;
    int m_port = 0;
    QString m_output;
};

// Points `name` at `address` through `provider` (an empty address removes it) and waits for
// the outcome, at most 20 s.
Result<void> changeRecord(dns::DnsProvider& provider, const QString& name, const QString& address);
// The name's records of `type` as `server` answers them, waited for (an error's text in the
// list when the lookup failed).
QStringList lookupRecords(const dns::Server& server, const QString& name, quint16 type);

} // namespace orch::test
