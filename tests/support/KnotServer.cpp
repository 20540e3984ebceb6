#include "KnotServer.h"

#include "LocalPorts.h"
#include "dns/DnsLookup.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

namespace orch::test {

KnotServer::~KnotServer()
{
    stop();
}

QString KnotServer::unavailableReason()
{
    return QStandardPaths::findExecutable(QStringLiteral("knotd"), {"/usr/sbin", "/usr/bin"})
                   .isEmpty()
               ? QStringLiteral("knotd is not installed (apt-get install knot)")
               : QString();
}

QString KnotServer::start(const QString& zone, const QStringList& others)
{
    if (QString why = unavailableReason(); !why.isEmpty())
        return why;
    m_zone = zone;
    m_port = freePort();
    QByteArray secret(32, Qt::Uninitialized);
    for (char& byte : secret)
        byte = char(QRandomGenerator::global()->bounded(256));
    m_key = {QStringLiteral("orchestrator-test"), secret};
    QDir(m_dir.path()).mkpath(QStringLiteral("run"));
    QDir(m_dir.path()).mkpath(QStringLiteral("zones"));
    QDir(m_dir.path()).mkpath(QStringLiteral("db"));
    QString zones;
    for (const QString& name : QStringList{zone} + others) {
        QFile zoneFile(m_dir.filePath(QStringLiteral("zones/%1.zone").arg(name)));
        if (!zoneFile.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write the zone file");
        zoneFile.write(QStringLiteral("$ORIGIN %1.\n$TTL 300\n"
                                      "@ SOA ns.%1. hostmaster.%1. 1 3600 900 604800 300\n"
                                      "@ NS ns.%1.\nns A 127.0.0.1\n")
                           .arg(name)
                           .toUtf8());
        zones += QStringLiteral("  - domain: %2\n    storage: \"%1/zones\"\n"
                                "    file: \"%2.zone\"\n    acl: updates\n"
                                "    zonefile-sync: -1\n    journal-content: changes\n")
                     .arg(m_dir.path(), name);
    }
    // knot.conf(5): one listener, one key allowed to update the zones.
    QFile config(m_dir.filePath(QStringLiteral("knot.conf")));
    if (!config.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write knot.conf");
    config.write(QStringLiteral("server:\n  rundir: \"%1/run\"\n  listen: 127.0.0.1@%2\n"
                                "database:\n  storage: \"%1/db\"\n"
                                "key:\n  - id: %3\n    algorithm: hmac-sha256\n    secret: %4\n"
                                "acl:\n  - id: updates\n    key: %3\n    action: update\n"
                                "zone:\n%5"
                                "log:\n  - target: stderr\n    any: info\n")
                     .arg(m_dir.path())
                     .arg(m_port)
                     .arg(m_key.name, QString::fromLatin1(secret.toBase64()), zones)
                     .toUtf8());
    config.close();
    m_knotd.setProcessChannelMode(QProcess::MergedChannels);
    m_knotd.start(QStringLiteral("knotd"), {QStringLiteral("-c"), config.fileName()});
    if (!m_knotd.waitForStarted(5000))
        return QStringLiteral("knotd did not start: %1").arg(m_knotd.errorString());
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 15000) {
        if (m_knotd.state() != QProcess::Running)
            return QStringLiteral("knotd stopped:\n%1").arg(log());
        if (listening(m_port))
            return {};
        QThread::msleep(50);
    }
    return QStringLiteral("knotd did not listen on %1 within 15 s:\n%2").arg(m_port).arg(log());
}

void KnotServer::stop()
{
    endProcess(m_knotd);
}

Result<void> changeRecord(dns::DnsProvider& provider, const QString& name, const QString& address)
{
    std::optional<Result<void>> outcome;
    auto done = [&outcome](Result<void> result) { outcome = std::move(result); };
    if (address.isEmpty())
        provider.removeAddress(name, done);
    else
        provider.setAddress(name, QHostAddress(address), done);
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000))
        return Error{QStringLiteral("no outcome within 20 s")};
    return *outcome;
}

QStringList lookupRecords(const dns::Server& server, const QString& name, quint16 type)
{
    QObject context;
    std::optional<Result<QStringList>> found;
    dns::lookup(server, name, type, &context,
                [&found](Result<QStringList> result) { found = std::move(result); });
    if (!QTest::qWaitFor([&] { return found.has_value(); }, 10000) || !*found)
        return {QStringLiteral("lookup failed: ") + (found ? found->error() : QString())};
    return found->value();
}

QString KnotServer::log()
{
    m_output += QString::fromUtf8(m_knotd.readAll());
    return m_output;
}

} // namespace orch::test
