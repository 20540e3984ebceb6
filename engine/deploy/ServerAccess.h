#pragma once
// How this process reaches one production server over SSH: the private key (from the vault)
// and the pinned host keys are written to a private 0700 folder for as long as this object
// lives, and every ssh and ansible connection uses exactly those, with strict host key
// checking and no agent, config file or password prompt.

#include "api/ServerRecords.h"
#include "core/Result.h"

#include <QObject>
#include <QStringList>
#include <QTemporaryDir>
#include <functional>
#include <memory>

namespace orch {

class ServerAccess
{
public:
    // `privateKey`: the key's PEM text. Fails when the folder cannot be written.
    static Result<std::shared_ptr<ServerAccess>> open(const ServerRecord& server,
                                                      const QByteArray& privateKey);

    const ServerRecord& server() const { return m_server; }
    // The options every ssh call takes (key, port, pinned host keys, no prompts, one shared
    // connection per server for a deploy's many calls).
    QStringList sshOptions(int connectTimeoutS = 10) const;
    QString destination() const;
    // One ansible inventory line for the server.
    QByteArray inventory() const;
    // A command line for the remote shell, each argument quoted.
    static QString shellCommand(const QStringList& argv);
    // Where ssh keeps the connections it shares between calls (/tmp/orch-ssh-<uid>, 0700 and
    // ours; short, since a Unix socket's path may not pass 107 bytes); "" when it cannot be.
    static QString connectionFolder();

private:
    ServerAccess() = default;

    ServerRecord m_server;
    std::unique_ptr<QTemporaryDir> m_folder;
    QString m_keyFile;
    QString m_knownHosts;
};

struct CommandOutput
{
    bool started = false;
    bool timedOut = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool ok() const { return started && !timedOut && exitCode == 0; }
};

// Runs a program (no shell) with `input` on its stdin, kills it after `timeoutMs`, and calls
// `done` once, from `owner`'s thread. Output beyond 1 MiB per stream is dropped.
void runCommand(QObject* owner, const QString& program, const QStringList& arguments,
                const QByteArray& input, int timeoutMs, std::function<void(CommandOutput)> done);

// Runs `argv` on the server through ssh.
void runRemote(QObject* owner, const ServerAccess& access, const QStringList& argv, int timeoutMs,
               std::function<void(CommandOutput)> done);

// What a failed ssh call means to a person: a changed host key (deploys stop), a refused key,
// a server that does not answer.
QString describeSshFailure(const ServerRecord& server, const CommandOutput& output);
bool hostKeyChanged(const CommandOutput& output);

} // namespace orch
