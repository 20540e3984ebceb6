#pragma once
// A project's dependency file (requirements.txt), read as data before pip sees it. Only plain
// requirements pass: a name, extras, version specifiers and an environment marker. Options
// (--index-url, -r other-file, -e, --find-links), URLs and paths are refused: they would let
// the file reach another index, read files outside the project (pip quotes the lines it cannot
// parse) or run code from anywhere.

#include "core/Result.h"

#include <QByteArray>
#include <QStringList>

namespace orch {

inline constexpr int kMaxRequirements = 100;

// The requirements, one per entry; the error names the line and says what is allowed.
Result<QStringList> parseRequirements(const QByteArray& text);

} // namespace orch
