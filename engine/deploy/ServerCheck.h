#pragma once
// `servers check`: reaches a server over SSH with its pinned host key, reads what it has
// (system, memory, the commands deploys use, root or sudo), runs the base role (bootstrap.yml:
// missing packages, the deploy root, Caddy's folder), and reads it again. The outcome is a
// status for the registry (ready, unreachable, host_key_changed) with the reason and facts.

#include "core/Json.h"
#include "deploy/DeploySettings.h"

#include <QObject>

namespace orch {

class AnsibleRunner;

struct ServerReport
{
    QString status; // ServerStatus::Ready, Unreachable or HostKeyChanged
    QString reason; // why it is not ready
    Json facts = Json::object();
    QStringList changes; // what the base role did
    bool ready() const;
};

class ServerCheck : public QObject
{
    Q_OBJECT
public:
    // `settings`: aimed at the server (DeploySettings::forServer).
    ServerCheck(DeploySettings settings, QObject* parent);

    // bootstrap: also run the base role (else only read the facts).
    void run(bool bootstrap);

    // The facts a server's shell prints ("key=value" lines) as JSON; numbers as numbers.
    static Json parseFacts(const QByteArray& output);
    // What a server lacks for deploys, from its facts ("" when nothing).
    static QString missingFor(const Json& facts);

signals:
    void progress(const QString& message);
    void finished(const orch::ServerReport& report);

private:
    void readFacts(std::function<void(bool)> then);
    void finish();

    DeploySettings m_settings;
    AnsibleRunner* m_ansible;
    ServerReport m_report;
};

// ssh-keyscan of host:port: the server's host keys as known_hosts lines, for pinning.
void scanHostKeys(QObject* owner, const QString& host, int port,
                  std::function<void(Result<QString>)> done);
// "SHA256:…" fingerprints of known_hosts lines (ssh-keygen -l), for people to compare.
void hostKeyFingerprints(QObject* owner, const QString& knownHostsLines,
                         std::function<void(QStringList)> done);

} // namespace orch

Q_DECLARE_METATYPE(orch::ServerReport)
