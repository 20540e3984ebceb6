#pragma once
// Named places where a test may have the process die at once (SIGKILL, no cleanup), to prove
// that what was half done is finished once and only once after a restart. The environment
// variable ORCH_FAILPOINT lists the names (comma-separated); without it this costs one
// comparison of a cached empty list.

#include <QString>

namespace orch {

void failPoint(const QString& name);

} // namespace orch
