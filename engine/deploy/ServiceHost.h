#pragma once
// How a service runs on its host: what keeps it running there and the user it runs as.

#include "core/Result.h"

#include <QString>

namespace orch::serviceHost {

// "systemd" where this machine runs it, "daemon" (start-stop-daemon) else.
QString localManager();
// The system user a service runs as: its own, "orch-<name>" within useradd's 32 characters,
// when the orchestrator is root or the service is on a server (whose SSH user is root or
// becomes it); empty otherwise (the orchestrator's own user, which cannot create others).
QString userFor(const QString& name, bool remote);
// A service's own user must be able to reach its release on this machine: every folder above
// the deploy root needs to let others through (a private home or temporary folder does not).
Result<void> reachableByServiceUsers(const QString& deployRoot, const QString& name);

} // namespace orch::serviceHost
