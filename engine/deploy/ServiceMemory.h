#pragma once
// What a deployed service uses of its host's memory, read where it runs: systemd's account of
// its unit, or the resident size of its daemon's process tree. Placement weighs a project by
// the larger of this and what it declared.

#include "deploy/DeploySettings.h"

#include <QByteArray>
#include <QObject>
#include <functional>

namespace orch {

// `done(mb)`, 0 when it cannot be told (not running, no account kept).
void measureServiceMemory(QObject* owner, const DeploySettings& settings, const QString& name,
                          std::function<void(int mb)> done);

// The script's answer (bytes, or systemd's "[not set]") in MB, rounded up; 0 when unreadable.
int memoryMbFromReport(const QByteArray& report);

} // namespace orch
