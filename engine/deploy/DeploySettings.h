#pragma once
// Where and how services are deployed. There are no default ports: a deploy without them
// is refused with the setting's name.

#include "core/Result.h"
#include "deploy/PythonEnvironment.h"
#include "sandbox/SandboxSettings.h"

#include <QString>

namespace orch {

struct DeploySettings
{
    QString deployRoot; // <deployRoot>/<service>/releases/<sha>, current, env, log
    QString caddyDir;   // empty: <deployRoot>/caddy
    int httpPort = 0;
    int httpsPort = 0;
    int caddyAdminPort = 0;
    QString domainSuffix = QStringLiteral("localhost"); // "<service>.<suffix>"
    int healthTimeoutMs = 30000;
    SandboxSettings sandbox; // confines services where systemd is absent
    PythonSettings python;   // where dependencies come from
    // Where deployed bots reach the Bot API (their TELEGRAM_API); tests: a local stand-in.
    QString telegramApiBase = QStringLiteral("https://api.telegram.org");

    Result<void> validate() const;
    QString caddyFolder() const;
    // *.localhost gets Caddy's internal CA; real domains get automatic certificates.
    bool internalTls() const { return domainSuffix == QLatin1String("localhost"); }
    QString caRootFile() const; // Caddy's local root certificate
};

} // namespace orch
