#pragma once
// Where a zone's records are changed: an authoritative server by RFC 2136, or a hosted DNS
// by its API. Every change replaces what the name had (idempotent), so a change repeated
// after a crash neither fails nor leaves two records.

#include "core/Result.h"

#include <QHostAddress>
#include <QObject>
#include <functional>

namespace orch::dns {

using ChangeDone = std::function<void(Result<void>)>;

class DnsProvider : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~DnsProvider() override = default;

    // The zone whose names this provider changes ("apps.example.com").
    virtual QString zone() const = 0;
    // `name` (inside the zone) then points at `address` alone: its A and AAAA records are
    // replaced by one record of the address's family.
    virtual void setAddress(const QString& name, const QHostAddress& address, ChangeDone done) = 0;
    // `name` has no address records any more (nothing to remove is not an error).
    virtual void removeAddress(const QString& name, ChangeDone done) = 0;
};

// Whether `name` is `zone` or inside it (case-insensitive, a final dot ignored).
bool isInZone(const QString& name, const QString& zone);

} // namespace orch::dns
