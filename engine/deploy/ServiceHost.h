#pragma once
// How a service runs on its host: what keeps it running there and the user it runs as.

#include <QString>

namespace orch::serviceHost {

// "systemd" where this machine runs it, "daemon" (start-stop-daemon) else.
QString localManager();
// The system user a service runs as: its own, "orch-<name>" within useradd's 32 characters,
// when the orchestrator is root or the service is on a server (whose SSH user is root or
// becomes it); empty otherwise (the orchestrator's own user, which cannot create others).
QString userFor(const QString& name, bool remote);

} // namespace orch::serviceHost
