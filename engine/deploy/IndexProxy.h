#pragma once
// The only network a dependency install has: pip runs in a sandbox without one and speaks
// HTTP proxy (CONNECT for https, absolute URIs for http) to a forwarder inside the sandbox,
// which hands each connection to this proxy's unix socket. The proxy connects only to the
// package index's host and port (and the file hosts the settings add); anything else — an
// index page that links to another host, loopback, the cloud's metadata address — is answered
// 403 and remembered, so the install fails with the host it tried.

#include "core/Result.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>

class QLocalServer;
class QLocalSocket;

namespace orch {

class IndexProxy : public QObject
{
    Q_OBJECT
public:
    // `allowed`: "host:port" pairs, as derived by allowedFor().
    IndexProxy(QStringList allowed, QObject* parent);
    ~IndexProxy() override;

    // The index URL's host and port, pypi.org's file host with it, and `fileHosts`.
    static QStringList allowedFor(const QString& indexUrl, const QStringList& fileHosts);

    Result<void> listen();
    QString socketPath() const;
    QString folder() const { return m_folder.path(); }
    QStringList refused() const { return m_refused; }
    // Allowed hosts it could not connect to, with the reason ("pypi.org:443: timed out").
    QStringList unreachable() const { return m_unreachable; }

    // The Python program that, inside the sandbox, listens on 127.0.0.1:PORT and passes every
    // connection to the proxy's socket: `python3 -I -c <forwarder> SOCKET PORT READY_FILE`.
    static QString forwarder();
    static constexpr int kPortInside = 3128;

private:
    void serve(QLocalSocket* client);

    QStringList m_allowed;
    QStringList m_refused;
    QStringList m_unreachable;
    QTemporaryDir m_folder;
    QLocalServer* m_server = nullptr;
};

} // namespace orch
