#pragma once
// The only network a sandbox has when it needs some: the program inside (pip installing a
// project's dependencies, a coding agent CLI talking to its model) runs without a network and
// speaks HTTP proxy (CONNECT for https, absolute URIs for http) to a forwarder inside the
// sandbox, which hands each connection to this proxy's unix socket. The proxy connects only
// to the allowed hosts and ports (the package index and its file hosts; the model's
// endpoint); anything else — a page that links to another host, loopback, the cloud's
// metadata address — is answered 403 and remembered, so the program fails with the host it
// tried.

#include "core/Result.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>

class QLocalServer;
class QLocalSocket;

namespace orch {

class AllowListProxy : public QObject
{
    Q_OBJECT
public:
    // `allowed`: "host:port" pairs (hostPort()); `reaches`: what they are, for the refusal
    // ("the package index", "the model's endpoint").
    AllowListProxy(QStringList allowed, QString reaches, QObject* parent);
    ~AllowListProxy() override;

    // "host:port" as the allow-list writes it: the host lower-cased.
    static QString hostPort(const QString& host, int port);
    // A URL's host and port (80 for http, else 443).
    static QString hostPortOf(const QString& url);

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
    QString m_reaches;
    QStringList m_refused;
    QStringList m_unreachable;
    QTemporaryDir m_folder;
    QLocalServer* m_server = nullptr;
};

} // namespace orch
