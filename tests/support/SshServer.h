#pragma once
// A production server of the test's own: Debian's sshd on a loopback port, in the foreground,
// with a throwaway host key and one authorized client key, started and stopped by the test.
// It logs in as root (the machine's own files stand for the server's), so tests that use it
// run as root; elsewhere they skip.

#include "api/ServerRecords.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace orch::test {

class SshServer
{
public:
    SshServer() = default;
    ~SshServer();
    SshServer(const SshServer&) = delete;
    SshServer& operator=(const SshServer&) = delete;

    // Why sshd cannot run here (not root, not installed); empty when it can.
    static QString unavailableReason();
    // Starts (generating the keys the first time); empty when it listens.
    QString start();
    void stop();
    // The server "reinstalled": a new host key, same port and client key.
    QString restartWithNewHostKey();

    int port() const { return m_port; }
    QByteArray clientPrivateKey() const;
    // Its host keys as a client sees them at first contact (ssh-keyscan, as `servers add`
    // does); empty when none came within 20 s.
    QString scanHostKeys() const;
    QString folder() const { return m_dir.path(); }
    // This server as `servers add` registers it: root over its port, the key's vault handle
    // "server:<name>", 1 GB, `deployRoot`, and Caddy on free loopback ports.
    ServerRecord record(const QString& name, const QString& deployRoot) const;

private:
    QString writeConfig();

    QTemporaryDir m_dir;
    QProcess m_sshd;
    int m_port = 0;
};

} // namespace orch::test
