#pragma once
// Asks one DNS server for a name's records of one type (A, AAAA, CNAME, TXT): to check that a
// change took, and that a person's own domain points where it must. No such name or no such
// records is an empty list, not an error.

#include "dns/DnsExchange.h"

#include <QStringList>

namespace orch::dns {

using LookupDone = std::function<void(Result<QStringList>)>;

// A: dotted quads; AAAA: IPv6 text; CNAME: names; TXT: the strings of each record joined.
void lookup(const Server& server, const QString& name, quint16 type, QObject* context,
            LookupDone done);

// The first `nameserver` of resolv.conf(5) (127.0.0.1 without one), asked over TCP.
Server systemResolver(const QString& resolvConf = QStringLiteral("/etc/resolv.conf"));

} // namespace orch::dns
