#include "dns/DomainCheck.h"

#include "dns/DnsLookup.h"
#include "dns/DnsMessage.h"

#include <QHostAddress>
#include <QPointer>
#include <memory>

namespace orch::dns {

bool PointingCheck::points() const
{
    if (found.isEmpty())
        return false;
    for (const QString& address : found)
        if (!wanted.contains(address))
            return false;
    return true;
}

QString PointingCheck::recordToCreate() const
{
    const QString address = wanted.value(0);
    const bool v6 = QHostAddress(address).protocol() == QAbstractSocket::IPv6Protocol;
    return QStringLiteral("%1. 300 IN %2 %3").arg(domain, v6 ? "AAAA" : "A", address);
}

void addressesOf(const Server& resolver, const QString& host, QObject* context, AddressesDone done)
{
    if (const QHostAddress address(host); !address.isNull())
        return done(QStringList{address.toString()});
    lookup(resolver, host, A, context,
           [resolver, host, context = QPointer<QObject>(context), done](Result<QStringList> v4) {
               if (!v4)
                   return done(v4.failure());
               if (!v4->isEmpty() || !context)
                   return done(v4.value());
               lookup(resolver, host, AAAA, context, [host, done](Result<QStringList> v6) {
                   if (v6 && v6->isEmpty())
                       return done(
                           Error{QStringLiteral("%1 has no address in DNS (no A or AAAA record)")
                                     .arg(host)});
                   done(std::move(v6));
               });
           });
}

void checkPointsAt(const Server& resolver, const QString& domain, const QString& host,
                   QObject* context, CheckDone done)
{
    auto check = std::make_shared<PointingCheck>();
    check->domain = domain;
    addressesOf(
        resolver, host, context,
        [resolver, check, context = QPointer<QObject>(context), done](Result<QStringList> wanted) {
            if (!wanted)
                return done(wanted.failure());
            if (!context)
                return;
            check->wanted = wanted.value();
            lookup(resolver, check->domain, A, context,
                   [resolver, check, context, done](Result<QStringList> v4) {
                       if (!v4)
                           return done(v4.failure());
                       check->found = v4.value();
                       if (!context)
                           return;
                       lookup(resolver, check->domain, AAAA, context,
                              [check, done](Result<QStringList> v6) {
                                  if (!v6)
                                      return done(v6.failure());
                                  check->found += v6.value();
                                  done(*check);
                              });
                   });
        });
}

} // namespace orch::dns
