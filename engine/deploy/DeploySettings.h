#pragma once
// Where and how services are deployed. There are no default ports: a deploy without them
// is refused with the setting's name.

#include "core/Result.h"
#include "deploy/PythonEnvironment.h"
#include "sandbox/SandboxSettings.h"

#include <QString>
#include <memory>
#include <optional>

namespace orch {

class ServerAccess;

struct DeploySettings
{
    QString deployRoot; // <deployRoot>/<service>/releases/<sha>, current, env, log
    QString caddyDir;   // empty: <deployRoot>/caddy
    int httpPort = 0;
    int httpsPort = 0;
    QString domainSuffix = QStringLiteral("localhost"); // "<service>.<suffix>"
    int healthTimeoutMs = 30000;
    // Certificates for real domains (not *.localhost) come from this ACME server; empty:
    // Caddy's default (Let's Encrypt). A private one (Pebble, step-ca) names the root its own
    // API's certificate chains to, and the root the certificates it issues chain to.
    QString acmeDirectory;
    QString acmeEmail;
    QString acmeServerRoot;  // PEM file; empty: the system's CAs
    QString acmeIssuerRoot;  // PEM file health checks trust; empty: the system's CAs
    SandboxSettings sandbox; // confines services where systemd is absent
    PythonSettings python;   // where dependencies come from
    // The Bot API that deployed bots reach through their host's relay (bot_relay.py), and
    // that health checks ask getMe; tests: a local stand-in.
    QString telegramApiBase = QStringLiteral("https://api.telegram.org");

    // The production server the service lives on; null: this machine. With a server, the
    // deploy root and Caddy's ports are the server's, and `workRoot` is where this machine
    // keeps what it prepares (staging, ansible's files, the server's CA certificate).
    std::shared_ptr<const ServerAccess> server;
    QString workRoot;

    Result<void> validate() const;
    QString caddyFolder() const;
    // Caddy's admin API: a unix socket in its folder (0700), never a TCP port a deployed
    // service could reach on loopback.
    QString caddyAdminSocket() const;
    // The host's Bot API relay: its code, port, state and control socket (0700).
    QString botRelayFolder() const;
    // *.localhost gets Caddy's internal CA; real domains get automatic certificates.
    bool internalTls() const { return domainSuffix == QLatin1String("localhost"); }
    // The root health checks trust: Caddy's local CA for *.localhost (for a server: the copy
    // fetched at its last deploy), the ACME issuer's root for a real domain (empty: the system's).
    QString caRootFile() const;
    bool remote() const { return server != nullptr; }
    // Where the service's Caddy answers: this machine's loopback, or the server.
    QString connectAddress() const;
    // Local folder for staging and ansible's files.
    QString workFolder() const { return workRoot.isEmpty() ? deployRoot : workRoot; }
    // These settings aimed at `server` (its deploy root and Caddy ports).
    DeploySettings forServer(std::shared_ptr<const ServerAccess> server) const;
};

// Where a project's next deploy goes, as placement decided it.
struct DeployTarget
{
    std::optional<DeploySettings> server; // aimed at the project's server; none: this machine
    QString waitReason;                   // not empty: no server can take it now, the deploy waits
};

} // namespace orch
