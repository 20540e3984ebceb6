#pragma once
// Whether a name points where a service lives: its A and AAAA records as a resolver answers
// them, against the server's address (a host given by name is resolved first). A person's own
// domain is taken only once it does; until then the record to create is what they are shown.

#include "dns/DnsExchange.h"

#include <QStringList>

namespace orch::dns {

struct PointingCheck
{
    QString domain;
    QStringList wanted; // the server's addresses
    QStringList found;  // the domain's A and AAAA records now
    // Every address found is the server's, and there is at least one.
    bool points() const;
    // The record the domain's owner creates ("shop.example.org. 300 IN A 203.0.113.7").
    QString recordToCreate() const;
};

using CheckDone = std::function<void(Result<PointingCheck>)>;
using AddressesDone = std::function<void(Result<QStringList>)>;

// `host` itself when it is an address; else its A records, or its AAAA ones without any (none:
// an error naming the host).
void addressesOf(const Server& resolver, const QString& host, QObject* context, AddressesDone done);
void checkPointsAt(const Server& resolver, const QString& domain, const QString& host,
                   QObject* context, CheckDone done);

} // namespace orch::dns
