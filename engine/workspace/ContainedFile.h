#pragma once
// The one way the orchestrator reads a file of a folder the model can write to (a workspace,
// a release exported from it): every component of the path is opened without following a
// symbolic link, only a regular file is read, up to a size limit, and an error names the file
// and the rule it broke, never what the file holds. A link planted in the workspace (to the
// vault key, /etc/shadow, a FIFO) is refused instead of being read as root.

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace orch::contained {

// `relative` inside `root` (no "..", not absolute). NotFound when nothing is there, so a
// caller may treat a missing file as absent; every other refusal is Forbidden or Invalid.
Result<QByteArray> read(const QString& root, const QString& relative, qint64 maxBytes);

} // namespace orch::contained
